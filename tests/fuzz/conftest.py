"""Hypothesis profiles for the fuzz tests.

``protocolgen-fuzz`` is what the suite runs: derandomized (the same examples on every
machine, so CI is reproducible), no example database written into the checkout, no
per-example deadline (a seed spec through the whole pipeline takes a few milliseconds, but
CI machines stall). Each test sets its own ``max_examples`` through
:func:`tests.fuzz.invariants.examples`, so the whole directory stays within ~30 s.

``protocolgen-fuzz-long`` is for a developer hunting bugs by hand:
``PROTOCOLGEN_FUZZ_PROFILE=protocolgen-fuzz-long PROTOCOLGEN_FUZZ_SCALE=20 pytest tests/fuzz``
(random seeds, so each run explores new inputs; a failure prints its reproduction blob).
The long run recorded in docs/reliability.md is ``bench/fuzz_validate.py``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from tests.fuzz.invariants import LONG_PROFILE, PROFILE

settings.register_profile(
    PROFILE,
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=100,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
settings.register_profile(
    LONG_PROFILE,
    parent=settings.get_profile(PROFILE),
    derandomize=False,
    max_examples=2_000,
)
