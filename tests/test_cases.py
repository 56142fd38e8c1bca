"""Data-driven acceptance cases: a regression test is a new folder under tests/cases/.

Each case is ``tests/cases/{valid,invalid}/<name>/`` with ``spec.yaml`` and ``expected.txt``.
``expected.txt`` lists every finding the spec must produce, one per line, as
``LINE:COL CODE severity`` (blank lines and lines starting with ``#`` are ignored). A
``valid`` case may only expect warnings and infos; an ``invalid`` case expects an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from protocolgen import api
from tests.conftest import CASES


def _cases(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


def _expected(case: Path) -> list[str]:
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _actual(case: Path) -> list[str]:
    report = api.check_source(str(case / "spec.yaml")).report
    return sorted(f"{d.line}:{d.column} {d.code} {d.severity.label}" for d in report.diagnostics)


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.name)
def test_valid_case(case: Path) -> None:
    expected = _expected(case)
    assert not [line for line in expected if line.endswith(" error")], "valid cases expect no error"
    assert _actual(case) == expected


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.name)
def test_invalid_case(case: Path) -> None:
    expected = _expected(case)
    assert any(line.endswith(" error") for line in expected), "invalid cases expect an error"
    assert _actual(case) == expected
