"""`import ctgov` of the registry's bulk download: a zip (or folder) of API v2 records,
imported study by study; bad records are reported and skipped, the others written."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from protocolgen.interop.ctgov import bulk

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

RECORDS = sorted((FIXTURES / "ctgov").glob("NCT*.json"))


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _import(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", "ctgov", *args], catch_exceptions=False)
    return result.exit_code, result.output


def _nct(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    study = data["studies"][0] if "studies" in data else data
    return str(study["protocolSection"]["identificationModule"]["nctId"])


def test_a_zip_becomes_one_valid_spec_per_study(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "ctg-studies.zip", {p.name: p.read_bytes() for p in RECORDS})
    code, out = _import(str(archive), "-o", str(tmp_path / "specs"))
    assert code == 0, out
    written = sorted(p.stem for p in (tmp_path / "specs").glob("*.yaml"))
    assert written == sorted(_nct(p) for p in RECORDS)
    assert f"{len(RECORDS)} spec(s) written" in out
    assert CliRunner().invoke(main, ["validate", str(tmp_path / "specs")]).exit_code == 0


def test_bad_records_are_reported_and_skipped_the_others_written(tmp_path: Path) -> None:
    good = RECORDS[0]
    archive = _zip(tmp_path / "mixed.zip", {
        "a/" + good.name: good.read_bytes(),
        "b/again.json": good.read_bytes(),  # the same NCT id twice
        "c/broken.json": b"{not json",
        "d/v1.json": (FIXTURES / "ctgov" / "legacy_v1_sample.json").read_bytes(),
        "notes.txt": b"not a record",
    })
    code, out = _import(str(archive), "-o", str(tmp_path / "specs"))
    assert code == 1
    assert [p.name for p in (tmp_path / "specs").iterdir()] == [f"{_nct(good)}.yaml"]
    assert "b/again.json: PG904 error" in out
    assert "c/broken.json: PG901 error" in out
    assert "d/v1.json: PG903 error" in out
    assert "4 record(s)" in out and "3 with errors (not written)" in out


def test_validate_only_reports_findings_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    for record in RECORDS[:3]:
        (folder / record.name).write_bytes(record.read_bytes())
    code, out = _import(str(folder), "--validate-only")
    assert code == 0
    assert f"{RECORDS[0].name}:{_nct(RECORDS[0])}.yaml:" in out  # a spec finding, positioned
    assert "PG916 info" in out  # the import's own findings too
    assert not list(tmp_path.rglob("*.yaml"))


def test_a_record_over_the_size_limit_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "MAX_RECORD_BYTES", 10)
    archive = _zip(tmp_path / "big.zip", {"big.json": b"{" + b" " * 100 + b"}"})
    code, out = _import(str(archive), "--validate-only")
    assert code == 1 and "big.json: PG905 error" in out


def test_a_damaged_member_is_a_finding_and_the_others_are_imported(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "damaged.zip", {
        "a.json": RECORDS[0].read_bytes(), "b.json": RECORDS[1].read_bytes(),
    })
    data = bytearray(archive.read_bytes())
    start = data.index(b"a.json", 30) + len(b"a.json")  # the first member's compressed bytes
    data[start + 10 : start + 40] = bytes(30)
    archive.write_bytes(bytes(data))
    code, out = _import(str(archive), "-o", str(tmp_path / "specs"))
    assert code == 1
    assert "a.json: PG906 error" in out
    assert [p.stem for p in (tmp_path / "specs").iterdir()] == [_nct(RECORDS[1])]


def test_a_bulk_import_needs_an_output_folder(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "one.zip", {RECORDS[0].name: RECORDS[0].read_bytes()})
    code, out = _import(str(archive))
    assert code == 2 and "-o DIR" in out


def test_an_output_that_is_a_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "one.zip", {RECORDS[0].name: RECORDS[0].read_bytes()})
    (tmp_path / "taken").write_text("a file")
    code, out = _import(str(archive), "-o", str(tmp_path / "taken"))
    assert code == 2 and "cannot create the folder" in out


def test_validate_only_is_for_bulk_input() -> None:
    code, out = _import(str(RECORDS[0]), "--validate-only")
    assert code == 2 and "zip or a folder" in out


def test_a_bulk_import_writes_the_same_spec_as_a_single_import(tmp_path: Path) -> None:
    # Inferred values keep their `# protocolgen: assumed[...]` mark in bulk imports too.
    archive = _zip(tmp_path / "ctg-studies.zip", {p.name: p.read_bytes() for p in RECORDS})
    assert _import(str(archive), "-o", str(tmp_path / "bulk"))[0] == 0
    for record in RECORDS:
        single = tmp_path / f"{_nct(record)}.yaml"
        assert _import(str(record), "-o", str(single))[0] == 0
        bulk_text = (tmp_path / "bulk" / single.name).read_text(encoding="utf-8")
        # The modeline is relative to each file's folder, the first comment names the source.
        body = [line for line in bulk_text.splitlines() if not line.startswith("# ")]
        expected = [
            line for line in single.read_text(encoding="utf-8").splitlines()
            if not line.startswith("# ")
        ]
        assert body == expected, record.name
