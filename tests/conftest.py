"""Shared fixtures: paths to the repository's data and a minimal valid spec."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
CASES = Path(__file__).resolve().parent / "cases"

MINIMAL_SPEC = """\
# A spec with no findings (no modeline: tests write it to temporary folders).
spec_version: 1
identification:
  brief_title: Minimal trial
status:
  overall: COMPLETED
sponsors:
  lead: {name: Example Sponsor}
contacts:
  central: []
  officials:
    - {name: Dr A. Example, role: PRINCIPAL_INVESTIGATOR}
description:
  brief_summary: A summary.
  detailed_description: A description.
conditions: [Lupus]
design:
  study_type: INTERVENTIONAL
  enrollment: {count: 10, type: ACTUAL}
arms:
  - {id: A1, label: Active, type: EXPERIMENTAL, interventions: [I1]}
interventions:
  - {id: I1, type: BIOLOGICAL, name: UC-MSC}
outcomes:
  primary:
    - {id: O1, measure: Adverse events, time_frame: Day 28}
eligibility:
  sex: ALL
  minimum_age: {value: 18, unit: YEARS}
  maximum_age: no_limit
  healthy_volunteers: false
  inclusion: [Adult]
  exclusion: [Pregnancy]
schedule:
  visits:
    - {id: V1, name: Day 28}
"""


@pytest.fixture
def minimal_spec() -> str:
    """A spec with no findings at all, to mutate in tests."""
    return MINIMAL_SPEC


@pytest.fixture
def write_spec(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write spec text to a file in a temporary directory and return its path."""

    def write(text: str | bytes, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity (tests must not depend on the user's)."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture(autouse=True)
def _user_data_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`protocolgen new` keeps a schema copy under $XDG_DATA_HOME: never the real home's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
