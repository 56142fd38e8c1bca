"""Bad input: each case ends in a finding and an exit code, never a traceback or a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.interop.ctgov import reading
from protocolgen.interop.ctgov.reading import read_bytes

from .helpers import FIXTURES, cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<html>not json</html>", "PG901"),
        (b'{"studies": [1, 2]}', "PG902"),
        (b"[]", "PG902"),
        (b'{"studies": []}', "PG902"),
        (b'{"hello": "world"}', "PG902"),
    ],
)
def test_bad_content_is_exit_1_and_writes_nothing(
    tmp_path: Path, content: bytes, code: str
) -> None:
    record = tmp_path / "in.json"
    record.write_bytes(content)
    out = tmp_path / "out"
    status, _, err = run("import", "ctgov", str(record), "-o", str(out))
    assert status == 1
    assert f"in.json: {code} error:" in err
    assert not out.exists()


def test_legacy_v1_names_the_format_and_what_to_do(tmp_path: Path) -> None:
    status, out, err = run("import", "ctgov", str(FIXTURES / "legacy_v1_sample.json"))
    assert status == 1 and out == ""
    assert "PG903 error" in err and "API v1" in err and "FullStudiesResponse" in err
    assert "/api/v2/studies/" in err


def test_duplicate_nct_ids_in_a_page_write_nothing(tmp_path: Path) -> None:
    study = json.loads((FIXTURES / "NCT03475563.json").read_text(encoding="utf-8"))
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"studies": [study, study]}), encoding="utf-8")
    status, _, err = run("import", "ctgov", str(page), "-o", str(tmp_path / "specs"))
    assert status == 1
    assert "PG904 error: NCT03475563 appears twice" in err and "$.studies[1]" in err
    assert not (tmp_path / "specs").exists()


def test_page_of_two_studies_writes_one_spec_each(tmp_path: Path) -> None:
    studies = [
        json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        for name in ("NCT03475563.json", "NCT00973089.json")
    ]
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"studies": studies}), encoding="utf-8")
    status, _, err = run("import", "ctgov", str(page), "-o", str(tmp_path / "specs"))
    assert status == 0, err
    assert sorted(p.name for p in (tmp_path / "specs").iterdir()) == [
        "NCT00973089.yaml",
        "NCT03475563.yaml",
    ]


def test_unreadable_and_missing_files_are_exit_2(tmp_path: Path) -> None:
    assert run("import", "ctgov", str(tmp_path / "missing.json"))[0] == 2
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes(b'{"x": "\xe9"}')
    status, _, err = run("import", "ctgov", str(latin1))
    assert status == 2 and "PG906" in err


def test_size_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(reading, "MAX_RECORD_BYTES", 100)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"protocolSection": {"x": "y" * 200}}), encoding="utf-8")
    status, _, err = run("import", "ctgov", str(big))
    assert status == 2 and "PG905 error" in err
    assert read_bytes(b"x" * 101).unreadable


def test_page_of_several_studies_needs_a_directory(tmp_path: Path) -> None:
    study = json.loads((FIXTURES / "NCT03475563.json").read_text(encoding="utf-8"))
    other = json.loads((FIXTURES / "NCT00973089.json").read_text(encoding="utf-8"))
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"studies": [study, other]}), encoding="utf-8")
    status, _, err = run("import", "ctgov", str(page))
    assert status == 2 and "give -o DIR" in err
