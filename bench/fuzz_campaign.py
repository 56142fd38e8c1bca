"""Fuzz campaign over every command that takes untrusted input, outside the test suite.

Targets (each with the suite's generators and invariants, so a failure here is a failing
test there): ``validate`` (tests/fuzz/mutations.py GENERATORS), ``diff`` (spec pairs,
tests/fuzz/hostile.py, one of json/md/text per case), ``render`` (md/html/txt of mutated
specs with hostile text, tests/fuzz/test_fuzz_render.py), ``import`` (mutated
ClinicalTrials.gov records, tests/fuzz/test_fuzz_import.py), ``config`` and ``house``
(configuration files and house schemas, tests/fuzz/hostile.py). Case ``i`` of target
``T`` in a run with ``--seed S`` is generated from ``random.Random(f"{T}-{S}-{i}")``,
replayable with ``--replay T-S-i``.

    nice -n 19 .venv/bin/python bench/fuzz_campaign.py --cases validate=32000 --seed 13 &
    nice -n 19 .venv/bin/python bench/fuzz_campaign.py --cases diff=12000 import=14000 --seed 13
    .venv/bin/python bench/fuzz_campaign.py --replay diff-1-4711

Any exception (a traceback) or broken invariant is a failure, printed with its key. The
process runs under an address-space cap, so a memory blow-up is a failure too. Exit code 1
when anything failed. Results go in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import tests.fuzz.conftest  # noqa: F401  (registers the hypothesis profiles used at import)
from tests.fuzz import hostile
from tests.fuzz.invariants import validate_and_check
from tests.fuzz.mutations import GENERATORS
from tests.fuzz.test_fuzz_import import import_and_check, mutated_record
from tests.fuzz.test_fuzz_render import SUMMARIES, mutated, render_and_check

_NAMES = sorted(GENERATORS)


def _validate(rng: random.Random) -> str:
    name = rng.choice(_NAMES)
    return f"exit {validate_and_check(GENERATORS[name](rng)).exit_code}"


def _render(rng: random.Random) -> str:
    outcome = render_and_check(mutated(rng), SUMMARIES)
    return "not rendered" if outcome.report.has_errors else "rendered"


def _diff(rng: random.Random) -> str:
    old, new = hostile.diff_case(rng)
    return f"exit {hostile.diff_and_check(old, new, (rng.choice(['json', 'md', 'text']),))}"


TARGETS: dict[str, Callable[[random.Random], str]] = {
    "validate": _validate,
    "diff": _diff,
    "render": _render,
    "import": lambda rng: f"exit {import_and_check(mutated_record(rng))}",
    "config": lambda rng: f"exit {hostile.config_and_check(*hostile.config_case(rng))}",
    "house": lambda rng: f"exit {hostile.house_and_check(hostile.house_schema_case(rng))}",
}


def run_one(key: str) -> str:
    """Run case ``key`` ("target-seed-index"); returns its outcome label, raises on failure."""
    target = key.split("-", 1)[0]
    return TARGETS[target](random.Random(key))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=["validate=100"], metavar="TARGET=N",
                        help=f"cases per target ({', '.join(TARGETS)})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--replay", metavar="TARGET-SEED-INDEX", help="run one case")
    parser.add_argument("--memory-gib", type=float, default=4.0, help="address-space cap")
    parser.add_argument("--progress", type=int, default=5000, help="print every N cases")
    args = parser.parse_args(argv)
    cap = int(args.memory_gib * (1 << 30))
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    if args.replay:
        print(run_one(args.replay))
        return 0

    plan = {t: int(n) for t, n in (item.split("=") for item in args.cases)}
    failures: list[str] = []
    for target, count in plan.items():
        outcomes: Counter[str] = Counter()
        started = time.perf_counter()
        for index in range(count):
            key = f"{target}-{args.seed}-{index}"
            try:
                outcomes[run_one(key)] += 1
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                outcomes["FAILED"] += 1
                failures.append(f"{key}: {type(exc).__name__}: {str(exc)[:300]}")
                print("FAILURE " + failures[-1], flush=True)
            if args.progress and (index + 1) % args.progress == 0:
                print(f"  {target}: {index + 1}/{count} done, {outcomes['FAILED']} failed, "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
        elapsed = time.perf_counter() - started
        shown = ", ".join(f"{label}: {n}" for label, n in sorted(outcomes.items()))
        print(f"{target}: {count} cases in {elapsed:.0f} s ({shown})", flush=True)
    print(f"total: {sum(plan.values())} cases, {len(failures)} failures")
    for line in failures[:50]:
        print("  " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
