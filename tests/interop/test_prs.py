"""PRS upload XML: every seed spec and every imported CT.gov record exports to a collection
that a real XSD validator (libxml2, through lxml) accepts against ProtocolRecordSchema.xsd,
and what PRS requires but a spec lacks is a finding, not invalid XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from protocolgen.interop.prs import export_files

from .helpers import CONSTRUCTED, RECORDS, cli

ROOT = Path(__file__).resolve().parents[2]
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
XSD = ROOT / "tests" / "fixtures" / "prs" / "ProtocolRecordSchema.xsd"


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def errors(text: str) -> list[str]:
    validator = schema()
    if validator.validate(etree.fromstring(text.encode("utf-8"))):
        return []
    return [f"{e.line}: {e.message}" for e in validator.error_log]


def test_the_validator_rejects_what_prs_would() -> None:
    """The check can fail: a study without id_info, or with an unknown element, is invalid."""
    head = '<prs:study_collection xmlns:prs="http://clinicaltrials.gov/prs">'
    assert errors(
        f"{head}<clinical_study><brief_title>x</brief_title></clinical_study>"
        "</prs:study_collection>"
    )
    ids = "<id_info><org_name>o</org_name><org_study_id>1</org_study_id></id_info>"
    assert errors(
        f"{head}<clinical_study>{ids}<colour>x</colour></clinical_study></prs:study_collection>"
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every fixture record imported to a spec."""
    folder = tmp_path_factory.mktemp("prs")
    out = []
    for record in RECORDS + CONSTRUCTED:
        target = folder / f"{record.stem}.yaml"
        result = CliRunner().invoke(cli, ["import", "ctgov", str(record), "-o", str(target)])
        assert result.exit_code == 0, result.stderr
        out.append(str(target))
    return out


def test_the_seeds_export_to_one_valid_collection() -> None:
    result = export_files([str(p) for p in SPECS], org_name="ProtocolgenTest")
    assert result.exit_code == 0
    assert errors(result.text) == []
    root = ET.fromstring(result.text)
    assert len(root.findall("clinical_study")) == len(SPECS)


def test_imported_records_export_to_valid_xml(imported: list[str]) -> None:
    result = export_files(imported, org_name="ProtocolgenTest")
    assert errors(result.text) == []
    studies = ET.fromstring(result.text).findall("clinical_study")
    titles = [s.findtext("brief_title") for s in studies]
    assert "Registry of Outcomes After Two Standard Anticoagulants" in titles
    # Each arm keeps its own same-named placebo; no healthy_volunteers the record never gave.
    study = studies[
        titles.index("Drug X Versus Placebo in Two Dose Cohorts of Adults With Thrombocytopenia")
    ]
    placebo = [
        i.findall("arm_group_label")
        for i in study.findall("intervention")
        if i.findtext("intervention_name") == "Placebo"
    ]
    assert [[e.text for e in labels] for labels in placebo] == [
        ["Low dose placebo"],
        ["High dose placebo"],
    ]
    assert study.find("eligibility/healthy_volunteers") is None
    assert study.findtext("start_date_type") == "Actual"
    assert study.findtext("primary_compl_date_type") == "Anticipated"


def test_missing_prs_items_are_findings_and_the_xml_stays_valid(tmp_path: Path) -> None:
    spec = tmp_path / "bare.yaml"
    text = (ROOT / "specs" / "lupus-uc-msc.yaml").read_text(encoding="utf-8")
    spec.write_text(text, encoding="utf-8")
    result = export_files([str(spec)])  # no --org-name
    assert errors(result.text) == []
    found = {(f.code, f.path) for f in result.specs[0].findings}
    assert ("PG952", "--org-name") in found
    assert ("PG952", "/identification/sponsor_protocol_id") in found
    assert ET.fromstring(result.text).find("clinical_study/id_info/org_name").text is None


def test_text_over_a_prs_limit_is_reported_not_cut(tmp_path: Path) -> None:
    spec = tmp_path / "long.yaml"
    text = (ROOT / "specs" / "lupus-uc-msc.yaml").read_text(encoding="utf-8")
    title = "A" * 320
    lines = [
        f"  brief_title: {title}" if line.startswith("  brief_title:") else line
        for line in text.splitlines()
    ]
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = export_files([str(spec)], org_name="X")
    assert ET.fromstring(result.text).findtext("clinical_study/brief_title") == title
    assert any(f.code == "PG953" for f in result.specs[0].findings)
    assert errors(result.text) == []


def test_partial_upload_sends_only_what_the_spec_gives() -> None:
    result = export_files([str(ROOT / "specs" / "lupus-uc-msc.yaml")], partial=True, org_name="X")
    assert errors(result.text) == []
    study = ET.fromstring(result.text).find("clinical_study")
    assert study is not None and study.get("partial_upload") == "true"
    assert study.find("verification_date") is None  # not given: PRS keeps its own
    assert not [f for f in result.specs[0].findings if f.path.startswith("/status")]


def test_cli_writes_the_file_and_refuses_a_spec_with_errors(tmp_path: Path) -> None:
    out = tmp_path / "upload.xml"
    runner = CliRunner()
    good = str(SPECS[0])
    result = runner.invoke(cli, ["export", "prs", good, "--org-name", "X", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert errors(out.read_text(encoding="utf-8")) == []
    bad = tmp_path / "bad.yaml"
    bad.write_text("spec_version: 1\n", encoding="utf-8")
    out2 = tmp_path / "none.xml"
    result = runner.invoke(cli, ["export", "prs", good, str(bad), "-o", str(out2)])
    assert result.exit_code == 1
    assert not out2.exists()
    assert "nothing written" in result.stderr


def test_same_specs_give_identical_bytes() -> None:
    sources = [str(p) for p in SPECS]
    assert export_files(sources, org_name="X").text == export_files(sources, org_name="X").text


def test_every_element_written_is_a_row_of_the_mapping_table(imported: list[str]) -> None:
    from protocolgen.interop import tables

    rows = tables.paths("prs", "modelled")
    sources = [str(p) for p in SPECS] + imported
    written: set[str] = set()
    for partial in (False, True):
        root = ET.fromstring(export_files(sources, org_name="X", partial=partial).text)

        def walk(element: ET.Element, path: str) -> None:
            children = [c for c in element if c.tag != "textblock"]
            if not children and path:
                written.add(path)
            for child in children:
                walk(child, f"{path}/{child.tag}" if path else child.tag)

        for study in root:
            walk(study, "")
    assert written - rows == set()
