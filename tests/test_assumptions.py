"""Assumed values: the comment syntax, the PG806 finding, --strict, profiles that forbid them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen import api, assumptions
from protocolgen import profiles as profile_data
from protocolgen.cli import main
from protocolgen.config import Settings
from protocolgen.rules.engine import check_document
from tests.conftest import CASES

CASE = CASES / "valid" / "assumed-values" / "spec.yaml"


def _doc():  # type: ignore[no-untyped-def]
    doc = api.check_source(str(CASE)).document
    assert doc is not None
    return doc


def test_pointer_to_reason() -> None:
    marks = assumptions.assumed(_doc())
    assert marks == {"/sponsors/lead": "", "/design/enrollment/type": "trial still recruiting"}
    # A mark on a parent key covers everything below it, and nothing beside it.
    assert assumptions.reason_for(marks, "/sponsors/lead/name") == ""
    assert assumptions.reason_for(marks, "/sponsors/collaborators") is None
    assert assumptions.reason_for(marks, "/design/enrollment/count") is None


def test_renderers_read_the_marks_back_from_the_findings() -> None:
    found = api.check_source(str(CASE)).report.diagnostics
    assert assumptions.from_findings(found) == assumptions.assumed(_doc())


def test_strict_fails_on_assumed_values(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(CASE.read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(spec)], catch_exceptions=False).exit_code == 0
    strict = runner.invoke(main, ["validate", "--strict", str(spec)], catch_exceptions=False)
    assert strict.exit_code == 1 and "PG806" in strict.output
    spec.write_text(CASE.read_text(encoding="utf-8").replace("protocolgen: assumed", "source"),
                    encoding="utf-8")
    assert runner.invoke(main, ["validate", "--strict", str(spec)]).exit_code == 0


def test_a_profile_can_forbid_assumed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    base = profile_data.get("m11-synopsis")
    forbidding = dataclasses.replace(base, forbid_assumed=True)
    doc = _doc()
    allowed = check_document(doc, Settings(), profiles=["m11-synopsis"])
    assert {d.severity.label for d in allowed if d.code == "PG806"} == {"warning"}
    monkeypatch.setattr(profile_data, "get", lambda name: forbidding)
    forbidden = check_document(doc, Settings(), profiles=["m11-synopsis"])
    assert {d.severity.label for d in forbidden if d.code == "PG806"} == {"error"}
