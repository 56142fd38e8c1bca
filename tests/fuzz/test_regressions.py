"""Bugs the fuzz tests found, fixed in protocolgen/loading.py; kept as regression tests.

Found as: a ValueError/IndexError traceback for an explicit ``!!int``/``!!float`` tag on
text; a ValueError for integers over Python's 4300-digit conversion limit; tags on
mappings, sequences and keys dropped without a finding (the live ``os.system`` payloads
are sequence-tagged); control characters placed with libyaml's UTF-8 byte offset as a
character index, and with LF as the only line break. See docs/reliability.md.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.conftest import MINIMAL_SPEC, ROOT
from tests.fuzz.invariants import check_invariants, lines_of, position_problem, validate


def run(raw: bytes) -> list[tuple[int, int, str]]:
    outcome = validate(raw)  # raises AssertionError on a traceback
    check_invariants(raw, outcome)
    return [(f["line"], f["column"], f["code"]) for f in outcome.findings]


@pytest.mark.parametrize(
    "text", ["a: !!int MSC\n", "a: !!int\n", "a: !!float abc\n", "a: !!int ''\n"]
)
def test_explicit_number_tag_on_text_is_a_finding(text: str) -> None:
    assert run(text.encode()) == [(1, 4, "PG014")]


@pytest.mark.parametrize(
    "text",
    [
        "spec_version: " + "1" * 5_000 + "\n",
        "identification: {brief_title: 0x" + "f" * 5_000 + "}\n",
    ],
    ids=["decimal", "hex"],
)
def test_huge_integer_is_a_finding(text: str) -> None:
    (found,) = run(text.encode())
    assert found[2] == "PG019"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a: !!python/object/apply:os.system ["touch x"]\n', (1, 4, "PG014")),
        ("a: !!python/object:collections.OrderedDict {b: 1}\n", (1, 4, "PG014")),
        ("!!python/object/apply:os.system\nargs: [x]\n", (1, 1, "PG014")),
        ("a: !!set {b, c}\n", (1, 4, "PG014")),
        ("? !!python/name:os.system x\n: 1\n", (1, 3, "PG014")),
    ],
    ids=["apply-on-sequence", "object-on-mapping", "tag-on-root", "set", "tag-on-key"],
)
def test_tags_on_collections_and_keys_are_reported(
    text: str, expected: tuple[int, int, str]
) -> None:
    assert expected in run(text.encode())


def test_control_character_position_after_non_ascii_text() -> None:
    raw = ("a: " + "é" * 100 + "\x07\n").encode()
    outcome = validate(raw)
    (finding,) = outcome.findings
    assert (finding["line"], finding["column"]) == (1, 104)
    assert position_problem(finding, lines_of(raw)) is None


def test_control_character_position_after_a_lone_cr() -> None:
    # Where libyaml puts a finding on the same line: line 3 (passes today) ...
    assert validate(b"a: 1\rb: 2\rc: !x\n").findings[0]["line"] == 3
    # ... and where the loader puts the control character: (1, 14) today.
    assert run(b"a: 1\rb: 2\rc: \x07\n") == [(3, 4, "PG010")]


#: Runs `validate -` under a 1 GiB address-space limit, so a memory blow-up ends in a
#: MemoryError instead of taking the machine down.
_CAPPED = (
    "import resource, sys\n"
    "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
    "from protocolgen.cli import main\n"
    "main(['validate', '-'])\n"
)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS")
def test_huge_criterion_number_is_cheap() -> None:
    # PG502 once built range(1, number + 1): this schema-valid spec allocated without bound.
    spec = MINIMAL_SPEC.replace(
        "inclusion: [Adult]", "inclusion: [{number: 1000000000000, text: Adult}]"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CAPPED],
        input=spec,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert "Traceback" not in done.stderr, done.stderr[-500:]
    assert done.returncode == 0 and "PG502 warning" in done.stdout
    assert time.perf_counter() - started < 10
