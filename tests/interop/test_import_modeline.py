"""An imported spec's modeline names the schema the way `protocolgen new` does: the project's
schemas/ when one is above the spec, else the per-user copy, never an installation's files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from protocolgen.resources import schema_path

from .helpers import RECORDS


def _modeline(spec: Path) -> str:
    first = spec.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    return first.split("=", 1)[1]


def test_import_into_a_project_names_its_schemas_folder(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "trial.schema.json").write_bytes(schema_path().read_bytes())
    target = tmp_path / "specs" / "trial.yaml"
    target.parent.mkdir()
    result = CliRunner().invoke(main, ["import", "ctgov", str(RECORDS[0]), "-o", str(target)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _modeline(target) == "../schemas/trial.schema.json"


def test_import_outside_a_project_names_the_per_user_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    target = tmp_path / "trial.yaml"
    result = CliRunner().invoke(main, ["import", "ctgov", str(RECORDS[0]), "-o", str(target)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ref = _modeline(target)
    assert "site-packages" not in ref and Path(ref).read_bytes() == schema_path().read_bytes()
    # The modeline names protocolgen's own copy, so validate adds no PG018/PG107 for it.
    report = CliRunner().invoke(main, ["validate", "--format", "concise", str(target)])
    assert "PG018" not in report.output and "PG107" not in report.output
