"""`protocolgen new`, `protocolgen schema`, and the schema modeline."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen import api
from protocolgen.cli import main
from protocolgen.resources import schema_path
from tests.conftest import MINIMAL_SPEC, SPECS

WriteSpec = Callable[..., Path]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def findings(path: Path) -> list[tuple[str, str]]:
    report = api.check_source(str(path)).report
    return [(d.code, d.severity.label) for d in report.diagnostics]


def test_schema_prints_the_packaged_schema() -> None:
    code, out = invoke("schema")
    assert code == 0
    assert json.loads(out)["title"].startswith("protocolgen trial spec")
    assert invoke("schema", "--path") == (0, f"{schema_path()}\n")


def test_new_spec_validates_with_only_gap_warnings(tmp_path: Path) -> None:
    target = tmp_path / "specs" / "trial.yaml"
    target.parent.mkdir()
    code, out = invoke("new", str(target), "--title", "UC-MSC: a trial")
    assert code == 0 and "wrote" in out
    text = target.read_text()
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert 'brief_title: "UC-MSC: a trial"' in text
    found = findings(target)
    assert found and all(severity == "warning" for _, severity in found)
    assert all(code.startswith("PG3") for code, _ in found)


def modeline_ref(spec: Path) -> str:
    return spec.read_text().splitlines()[0].split("$schema=")[1]


def test_new_modeline_is_relative_to_the_projects_schemas(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "trial.schema.json").write_bytes(schema_path().read_bytes())
    target = tmp_path / "specs" / "phase2" / "trial.yaml"
    target.parent.mkdir(parents=True)
    code, out = invoke("new", str(target))
    assert code == 0
    assert modeline_ref(target) == "../../schemas/trial.schema.json"
    assert "the project's schemas/" in out
    assert findings(target) and all(c.startswith("PG3") for c, _ in findings(target))


def test_new_without_a_project_schema_names_the_per_user_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    target = tmp_path / "trial.yaml"
    code, out = invoke("new", str(target))
    copy = tmp_path / "data" / "protocolgen" / "schemas" / "trial.schema.json"
    assert code == 0 and f"{copy.as_posix()} (protocolgen's per-user copy" in out
    assert modeline_ref(target) == copy.as_posix()
    assert "site-packages" not in modeline_ref(target)
    assert copy.read_bytes() == schema_path().read_bytes()
    # The copy is the packaged schema, so the modeline adds no second validation (no PG107).
    assert all(c.startswith("PG3") for c, _ in findings(target))
    # A stale copy (from an older protocolgen) is refreshed by the next `new`.
    copy.write_text("{}")
    invoke("new", str(tmp_path / "second.yaml"))
    assert copy.read_bytes() == schema_path().read_bytes()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "trial.yaml"
    target.write_text("keep me")
    result = CliRunner().invoke(main, ["new", str(target)])
    assert result.exit_code == 2 and "already exists" in result.output
    assert target.read_text() == "keep me"


def test_new_from_existing_drops_registry_facts(tmp_path: Path) -> None:
    target = tmp_path / "copy.yaml"
    code, _ = invoke("new", str(target), "--from", str(SPECS / "als-nasal-sev.yaml"))
    assert code == 0
    doc = api.check_source(str(target))
    assert doc.document is not None and not doc.report.has_errors
    data = doc.document.data
    assert "registrations" not in data["identification"]
    assert "registry_record" not in data
    assert data["status"] == {"overall": "NOT_YET_RECRUITING"}
    assert data["design"]["parts"][0]["method"] == "DOSE_ESCALATION_3_PLUS_3"


def with_modeline(ref: str) -> str:
    _, rest = MINIMAL_SPEC.split("\n", 1)
    return f"# yaml-language-server: $schema={ref}\n{rest}"


def test_modeline_naming_the_packaged_schema_is_silent(write_spec: WriteSpec) -> None:
    assert findings(write_spec(with_modeline(str(schema_path())))) == []
    schema_id = json.loads(schema_path().read_text())["$id"]
    assert findings(write_spec(with_modeline(schema_id))) == []


def test_modeline_with_a_missing_file_is_reported(write_spec: WriteSpec) -> None:
    spec = with_modeline("nowhere/schema.json")
    report = api.check_source(str(write_spec(spec))).report
    (finding,) = report.diagnostics
    assert (finding.code, finding.line, finding.column) == ("PG018", 1, 25)
    assert "cannot be used" in finding.message


def test_remote_modeline_is_never_fetched(write_spec: WriteSpec) -> None:
    spec = with_modeline("http://127.0.0.1:9/s.json")
    (finding,) = api.check_source(str(write_spec(spec))).report.diagnostics
    assert finding.code == "PG018" and "never fetches" in finding.message


def test_modeline_naming_a_house_schema_is_enforced(write_spec: WriteSpec, tmp_path: Path) -> None:
    house = tmp_path / "house.schema.json"
    house.write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "properties": {"identification": {"required": ["sponsor_protocol_id"]}},
            }
        )
    )
    spec = with_modeline("house.schema.json")
    report = api.check_source(str(write_spec(spec))).report
    (finding,) = report.diagnostics
    assert finding.code == "PG107" and finding.line == 3
    assert "house.schema.json" in finding.message and "sponsor_protocol_id" in finding.message
