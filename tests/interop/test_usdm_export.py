"""USDM v4 export: every seed, the rich schedule fixture and every imported CT.gov record
writes a Wrapper that validates against Wrapper-Input of USDM_API.json, with stable ids and
the spec's content where a protocol reader would look for it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from protocolgen.interop.usdm import write_wrapper
from protocolgen.interop.usdm.codes import Ids
from protocolgen.interop.usdm.files import export_files
from protocolgen.loading import load_path

from .helpers import CONSTRUCTED, RECORDS, cli
from .usdm_helpers import USDM, usdm_errors

ROOT = Path(__file__).resolve().parents[2]
SPECS = [*sorted((ROOT / "specs").glob("*.yaml")), ROOT / "tests/render/fixtures/rich-soa.yaml"]


def _wrapper(path: Path) -> dict[str, Any]:
    doc = load_path(path).document
    assert doc is not None
    return write_wrapper(doc.data)


def _design(wrapper: dict[str, Any]) -> dict[str, Any]:
    design: dict[str, Any] = wrapper["study"]["versions"][0]["studyDesigns"][0]
    return design


def test_the_validator_can_fail() -> None:
    example = json.loads((USDM / "CDISC_Pilot_Study.json").read_text(encoding="utf-8"))
    assert usdm_errors(example) == []
    del example["study"]["versions"][0]["titles"]
    example["study"]["versions"][0]["studyDesigns"][0]["arms"][0]["type"] = "Placebo"
    assert len(usdm_errors(example)) >= 2


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_specs_export_to_valid_usdm(spec: Path) -> None:
    assert usdm_errors(_wrapper(spec)) == []


def test_imported_records_export_to_valid_usdm(tmp_path: Path) -> None:
    for record in RECORDS + CONSTRUCTED:
        target = tmp_path / f"{record.stem}.yaml"
        assert (
            CliRunner().invoke(cli, ["import", "ctgov", str(record), "-o", str(target)]).exit_code
            == 0
        )
        result = export_files([str(target)])
        assert result.exit_code == 0, record.name
        assert usdm_errors(json.loads(result.texts[0])) == [], record.name


def test_same_spec_same_bytes() -> None:
    sources = [str(p) for p in SPECS]
    assert export_files(sources).texts == export_files(sources).texts


def test_the_schedule_is_a_timeline_of_visits_and_activities() -> None:
    spec = load_path(ROOT / "tests/render/fixtures/rich-soa.yaml").document
    assert spec is not None
    design = _design(write_wrapper(spec.data))
    schedule = spec.data["schedule"]
    assert [e["name"] for e in design["encounters"]] == [v["name"] for v in schedule["visits"]]
    assert [a["name"] for a in design["activities"]] == [a["name"] for a in schedule["activities"]]
    timeline = design["scheduleTimelines"][0]
    by_id = {Ids.of("Activity", a["id"]): a["id"] for a in schedule["activities"]}
    grid = {i["name"]: sorted(by_id[a] for a in i["activityIds"]) for i in timeline["instances"]}
    for visit in schedule["visits"]:
        wanted = sorted(a["id"] for a in schedule["activities"] if visit["id"] in a["visits"])
        assert grid[visit["name"]] == wanted
    timed = [v for v in schedule["visits"] if "timing" in v]
    assert len(timeline["timings"]) == len(timed)
    fixed = [t for t in timeline["timings"] if t["type"]["decode"] == "Fixed Reference"]
    assert len(fixed) == 1


def test_codes_are_cdisc_terms_with_decodes() -> None:
    design = _design(_wrapper(ROOT / "specs" / "lupus-uc-msc.yaml"))
    assert design["studyType"]["code"] == "C98388"
    assert design["studyType"]["codeSystem"] == "http://www.cdisc.org"
    phase = design["studyPhase"]["standardCode"]
    assert phase["code"].startswith("C") and phase["decode"].startswith("Phase")


def test_cli_writes_one_file_per_spec_and_refuses_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "usdm"
    sources = [str(p) for p in SPECS[:2]]
    result = runner.invoke(cli, ["export", "usdm", *sources, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.usdm.json" for p in SPECS[:2])
    bad = tmp_path / "bad.yaml"
    bad.write_text("spec_version: 1\n", encoding="utf-8")
    result = runner.invoke(cli, ["export", "usdm", str(bad), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert not (tmp_path / "x.json").exists()
