"""Class 6 (docs/reliability.md): values of the wrong type in a config file, a spec pair for
`diff` or a registry record end with a finding and exit 0/1/2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC


def _invoke(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback: {result.exception!r}") from result.exception
    return result


@pytest.mark.parametrize(("name", "text", "code"), [
    ("protocolgen.toml", '[severity]\nPG402 = ["error"]\n', "PG803"),
    ("protocolgen.toml", "[severity]\nPG402 = {level = 1}\n", "PG803"),
    ("protocolgen.toml", "[severity]\nPG402 = 5\n", "PG803"),
    ("pyproject.toml", "tool = 5\n", None),
    ("pyproject.toml", "[tool]\nprotocolgen = 5\n", "PG803"),
    ("pyproject.toml", '[tool.protocolgen]\nselect = ["PG4"]\n[tool.protocolgen.severity]\n'
                       'PG402 = ["error"]\n', "PG803"),
    ("protocolgen.toml", "select = " + "9" * 4301 + "\n", "PG801"),
    ("protocolgen.toml", "select = " + "[" * 5000 + "]" * 5000 + "\n", "PG80"),
])
def test_config_values_of_the_wrong_type_are_findings(
    tmp_path: Path, name: str, text: str, code: str | None
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_text(text, encoding="utf-8")
    spec = tmp_path / "t.yaml"
    spec.write_text(MINIMAL_SPEC, encoding="utf-8")
    result = _invoke("validate", str(spec), "--format", "json")
    found = json.loads(result.stdout)["files"][0]["diagnostics"]
    if code is None:
        assert result.exit_code == 0 and found == []
    else:
        assert result.exit_code == 1
        assert any(d["code"].startswith(code) and d["path"].endswith(name) for d in found), found


@pytest.mark.parametrize("value", ["{}", "[]", "true", "5", "{a: 1}", "[ACTUAL]", "1.5"])
@pytest.mark.parametrize("where", ["enrollment", "date"])
@pytest.mark.parametrize("fmt", ["md", "json", "text"])
def test_diff_with_a_type_of_the_wrong_type(tmp_path: Path, value: str, where: str,
                                            fmt: str) -> None:
    old = MINIMAL_SPEC.replace("status:\n  overall: COMPLETED",
                               "status:\n  overall: COMPLETED\n  start_date: "
                               "{date: '2024-01-01', type: ACTUAL}")
    if where == "enrollment":
        new = old.replace("type: ACTUAL}\narms", f"type: {value}}}\narms")
    else:
        new = old.replace("'2024-01-01', type: ACTUAL", f"'2024-01-01', type: {value}")
    assert new != old
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    for a, b in (("old", "new"), ("new", "old")):
        result = _invoke("diff", str(tmp_path / f"{a}.yaml"), str(tmp_path / f"{b}.yaml"),
                         "--format", fmt)
        assert result.exit_code == 0
        assert ("nrollment" if where == "enrollment" else "tart") in result.stdout  # reported


def test_import_of_a_4301_digit_integer(tmp_path: Path) -> None:
    record = tmp_path / "r.json"
    record.write_text('{"protocolSection": {"identificationModule": {"nctId": "NCT00000001", '
                      '"briefTitle": "t"}, "designModule": {"enrollmentInfo": {"count": '
                      + "9" * 4301 + "}}}}", encoding="utf-8")
    result = _invoke("import", "ctgov", str(record), "-o", str(tmp_path / "t.yaml"))
    assert result.exit_code in (1, 2)
    assert "PG901" in result.stderr
    assert not (tmp_path / "t.yaml").exists()


def test_import_of_a_lone_surrogate_escape(tmp_path: Path) -> None:
    """Found by bench/fuzz_campaign.py (import-13-3984, import-14-12239)."""
    record = tmp_path / "r.json"
    record.write_text('{"protocolSection": {"identificationModule": {"nctId": "NCT00000001", '
                      '"briefTitle": "a \\ud83d b"}}}', encoding="utf-8")
    result = _invoke("import", "ctgov", str(record), "-o", str(tmp_path / "t.yaml"))
    assert result.exit_code in (1, 2) and "PG901" in result.stderr
    assert not (tmp_path / "t.yaml").exists()
