"""What must hold for every input to `protocolgen validate`, checked through the real CLI.

Used by the fuzz tests and by ``bench/fuzz_validate.py``: a spec is fed to
``protocolgen validate - --format json`` on standard input through Click's runner, and the
run must end with exit code 0, 1 or 2 (never an exception), and every finding must carry
a PGnnn code, a message, and a line:column inside the file.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any

from click.testing import CliRunner
from hypothesis import settings

from protocolgen.cli import main

PROFILE = "protocolgen-fuzz"
LONG_PROFILE = "protocolgen-fuzz-long"

CODE = re.compile(r"^PG\d{3}$")
SEVERITIES = {"error", "warning", "info"}
#: Line breaks as YAML (and libyaml, which computes most positions) counts them.
YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


#: Triggers of crashes found by fuzzing and not fixed yet (each pinned by a strict xfail
#: test while open). The property tests skip inputs containing a trigger, so they keep
#: finding *new* problems; bench/fuzz_validate.py runs them and counts them separately.
#: Empty: every crash found so far is fixed and pinned in test_regressions.py.
KNOWN_CRASHES: dict[str, re.Pattern[str]] = {}


def known_crash(raw: bytes) -> str | None:
    """The name of the known crash ``raw`` may trigger, or None."""
    text = raw.decode("utf-8", "replace")
    return next((name for name, pattern in KNOWN_CRASHES.items() if pattern.search(text)), None)


def examples(count: int) -> settings:
    """The suite's fuzz profile with ``count`` examples (times ``PROTOCOLGEN_FUZZ_SCALE``)."""
    name = os.environ.get("PROTOCOLGEN_FUZZ_PROFILE", PROFILE)
    scale = int(os.environ.get("PROTOCOLGEN_FUZZ_SCALE", "1"))
    return settings(settings.get_profile(name), max_examples=count * scale)


@dataclass
class Outcome:
    """One validate run: exit code, findings as JSON objects, and the output text."""

    exit_code: int
    findings: list[dict[str, Any]]
    summary: dict[str, int]
    output: str


_RUNNER = CliRunner()


def validate(raw: bytes, *args: str) -> Outcome:
    """Run ``protocolgen validate - --format json`` on ``raw``; fail on any exception."""
    result = _RUNNER.invoke(main, ["validate", "-", "--format", "json", *args], input=raw)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"validate raised {result.exception!r} for input {raw[:200]!r}"
        ) from result.exception
    assert "Traceback" not in result.output
    payload = json.loads(result.output)
    (report,) = payload["files"]
    return Outcome(result.exit_code, report["diagnostics"], payload["summary"], result.output)


def lines_of(raw: bytes) -> list[str]:
    """The file's lines as YAML counts them (after the UTF-8 BOM the loader drops), plus
    an empty last line for the final position after the end of the text.

    libyaml reports "unexpected end of file" one line below the last one even when the file
    does not end with a line break, which is the "+1 for a final position" of the issue.
    """
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = YAML_BREAK.split(text)
    if lines[-1]:
        lines.append("")
    return lines


def position_problem(finding: dict[str, Any], lines: list[str]) -> str | None:
    """Why ``finding``'s line:col is outside the file, or None.

    Valid: 1 ≤ line ≤ len(lines) and 1 ≤ column ≤ len(that line) + 1, with ``lines`` from
    :func:`lines_of` (whose last, empty line is the final position).
    """
    line, column = finding["line"], finding["column"]
    if not (isinstance(line, int) and isinstance(column, int)):
        return f"line/column are not integers: {line!r}:{column!r}"
    if not 1 <= line <= len(lines):
        return f"line {line} outside 1..{len(lines)}"
    width = len(lines[line - 1])
    if not 1 <= column <= width + 1:
        return f"column {column} outside 1..{width + 1} on line {line}"
    return None


def check_invariants(raw: bytes, outcome: Outcome) -> None:
    """Assert everything the issue promises about one validate run on ``raw``."""
    assert outcome.exit_code in (0, 1, 2), outcome.output
    summary = outcome.summary
    expected_exit = 2 if summary["unreadable"] else 1 if summary["errors"] else 0
    assert outcome.exit_code == expected_exit, outcome.output
    if outcome.exit_code:
        assert outcome.findings, "a failing run must say why"
    lines = lines_of(raw)
    for finding in outcome.findings:
        assert CODE.match(finding["code"]), finding
        assert isinstance(finding["message"], str) and finding["message"].strip(), finding
        assert finding["severity"] in SEVERITIES, finding
        problem = position_problem(finding, lines)
        assert problem is None, f"{problem}: {finding} for input {raw[:300]!r}"


def validate_and_check(raw: bytes) -> Outcome:
    """:func:`validate` then :func:`check_invariants`; returns the outcome for more checks."""
    outcome = validate(raw)
    check_invariants(raw, outcome)
    return outcome
