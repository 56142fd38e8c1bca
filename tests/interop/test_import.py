"""Import: every fixture record becomes a spec that loads back, validates, and reads well."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from protocolgen import api
from protocolgen.diagnostics import Severity
from protocolgen.interop.ctgov.reader import import_study
from protocolgen.interop.yaml_writer import dump_spec
from protocolgen.loading import load_text

from .helpers import FIXTURES, RECORDS, cli, load_record

IDS = [p.stem for p in RECORDS]


@pytest.fixture(scope="module")
def imported() -> dict[str, tuple[dict[str, Any], list[Any]]]:
    out = {}
    for path in RECORDS:
        where, study = load_record(path)
        out[path.stem] = import_study(study, where)
    return out


@pytest.mark.parametrize("name", IDS)
def test_written_spec_loads_back_and_validates(tmp_path: Path, name: str) -> None:
    status = CliRunner().invoke(
        cli, ["import", "ctgov", str(FIXTURES / f"{name}.json"), "-o", str(tmp_path)]
    )
    assert status.exit_code == 0, status.stderr
    target = tmp_path / f"{name}.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    loaded = load_text(text, str(target))
    where, study = load_record(FIXTURES / f"{name}.json")
    assert loaded.document is not None and loaded.document.data == import_study(study, where)[0]
    report = api.check_source(str(target)).report
    assert not report.has_errors, [d.message for d in report.diagnostics]
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temporary file


def test_yaml_is_readable(imported: dict[str, tuple[dict[str, Any], list[Any]]]) -> None:
    text = dump_spec(imported["NCT02552212"][0])
    lines = text.splitlines()
    assert lines[1] == "spec_version: 1" and lines[2] == "identification:"
    assert "  brief_summary: |-" in lines  # long Markdown text as a literal block
    assert "    date: '2015-09'" in lines  # dates quoted
    assert "{" not in "".join(line for line in lines if not line.lstrip().startswith(("-", "|")))


def test_system_fields_are_import_metadata(
    imported: dict[str, tuple[dict[str, Any], list[Any]]],
) -> None:
    spec = imported["NCT02210780"][0]
    assert spec["identification"]["registrations"][0]["id"] == "NCT02210780"
    assert spec["registry_record"] == {
        "source": "ClinicalTrials.gov API v2 record NCT02210780",
        "first_submitted": "2014-08-05",
        "first_posted": "2014-08-07",
        "last_update_submitted": "2020-04-23",
        "last_update_posted": "2020-05-07",
        "results_first_posted": "2020-05-07",
        "has_results": True,
    }


def test_ages_and_links(imported: dict[str, tuple[dict[str, Any], list[Any]]]) -> None:
    spec = imported["NCT02513394"][0]
    assert spec["eligibility"]["minimum_age"] == {"value": 18, "unit": "YEARS"}
    assert spec["eligibility"]["maximum_age"] == "no_limit"
    assert [(a["label"], a["interventions"]) for a in spec["arms"]] == [
        ("Arm A", ["I1", "I2"]),
        ("Arm B", ["I2"]),
    ]


def test_date_without_type_is_chosen_and_reported(
    imported: dict[str, tuple[dict[str, Any], list[Any]]],
) -> None:
    # PALLAS (active, not recruiting): the 2015 start is before the record's last update.
    spec, findings = imported["NCT02513394"]
    assert spec["status"]["start_date"]["type"] == "ACTUAL"
    [finding] = [f for f in findings if f.code == "PG910"]
    assert "by comparing it with the record's last update" in finding.message


def test_withdrawn_trial_start_date_is_estimated(
    imported: dict[str, tuple[dict[str, Any], list[Any]]],
) -> None:
    """A withdrawn trial never started: its untyped 2010 start date stays planned, although
    it is before the last update (2015); its typed completion dates are kept as they are."""
    spec, findings = imported["NCT00973089"]
    assert spec["status"]["start_date"] == {"date": "2010-05", "type": "ESTIMATED"}
    assert spec["status"]["completion_date"]["type"] == "ACTUAL"
    [finding] = [f for f in findings if f.code == "PG910"]
    assert finding.path == "$.protocolSection.statusModule.startDateStruct"
    assert finding.severity is Severity.WARNING
    assert "written as ESTIMATED because the trial is WITHDRAWN" in finding.message


@pytest.mark.parametrize("status", ["WITHDRAWN", "NOT_YET_RECRUITING"])
def test_start_of_a_trial_that_never_started_is_estimated(status: str) -> None:
    _, study = load_record(FIXTURES / "NCT02552212.json")
    study = copy.deepcopy(study)
    module = study["protocolSection"]["statusModule"]
    module["overallStatus"] = status
    for key in ("startDateStruct", "completionDateStruct"):
        del module[key]["type"]
    spec, _ = import_study(study)
    assert spec["status"]["start_date"]["type"] == "ESTIMATED"
    assert spec["status"]["completion_date"]["type"] == "ACTUAL"  # decided by its date


def test_criteria_without_inclusion_heading_are_split(
    imported: dict[str, tuple[dict[str, Any], list[Any]]],
) -> None:
    """NCT03630471: "Eligibility criteria: ... Exclusion criteria: ..."."""
    spec, findings = imported["NCT03630471"]
    inclusion, exclusion = spec["eligibility"]["inclusion"], spec["eligibility"]["exclusion"]
    assert inclusion[:2] == [
        "For adolescent participants:",
        "Enrolled as a student in Grades 9-12 (corresponding to 13-20 years of age)",
    ]
    assert len(inclusion) == 11 and len(exclusion) == 10
    assert exclusion[-1] == "Intoxicated at the point of consent or assessment"
    [finding] = [f for f in findings if f.code == "PG913"]
    assert finding.severity is Severity.WARNING
    assert "no 'Inclusion Criteria:' heading" in finding.message
    assert "'Eligibility criteria:' is left out" in finding.message


def test_markup_escapes_are_undone(
    imported: dict[str, tuple[dict[str, Any], list[Any]]],
) -> None:
    spec, _ = imported["NCT02210780"]
    assert "titers of <0.1 IU/ml" in spec["outcomes"]["primary"][0]["description"]
    assert "head and neck [9%], anterior trunk [18%]" in str(spec["outcomes"]["secondary"])
    assert "Consensus Criteria, [Eichenfeld 2004])" in spec["eligibility"]["inclusion"][0]["text"]
    spec, _ = imported["NCT03630471"]
    assert "Experiencing difficulties for >1 month" in spec["eligibility"]["inclusion"][4]
    # Fields that are not markup keep their text: a citation's brackets, a site's "&".
    _, study = load_record(FIXTURES / "NCT02210780.json")
    measures = [
        o["measure"] for o in study["protocolSection"]["outcomesModule"]["secondaryOutcomes"]
    ]
    assert [o["measure"] for o in imported["NCT02210780"][0]["outcomes"]["secondary"]] == measures


def test_markup_fields_are_read_as_plain_text() -> None:
    _, study = load_record(FIXTURES / "NCT03475563.json")
    study = copy.deepcopy(study)
    section = study["protocolSection"]
    section["descriptionModule"]["briefSummary"] = "1 \\< 2 \\\\\\* \\a \\\nnext\\_x\\"
    section["statusModule"]["whyStopped"] = "funding \\& staff"
    section["eligibilityModule"]["studyPopulation"] = "age \\>= 18"
    spec, _ = import_study(study)
    # CommonMark: an escaped punctuation character is itself; other backslashes stay.
    assert spec["description"]["brief_summary"] == "1 < 2 \\* \\a \\\nnext_x\\"
    assert spec["status"]["why_stopped"] == "funding & staff"
    assert spec["eligibility"]["study_population"] == "age >= 18"


def test_disagreeing_links_are_resolved_and_reported() -> None:
    _, study = load_record(FIXTURES / "NCT02210780.json")
    study = copy.deepcopy(study)
    module = study["protocolSection"]["armsInterventionsModule"]
    module["armGroups"][0]["interventionNames"] = ["Drug: Nothing", "Drug: Dupilumab"]
    module["interventions"][1]["armGroupLabels"] = ["Placebo qw", "Unknown arm"]
    spec, findings = import_study(study)
    codes = sorted((f.code, f.path) for f in findings if f.code in ("PG911", "PG912"))
    base = "$.protocolSection.armsInterventionsModule"
    assert codes == [
        ("PG911", f"{base}.armGroups[0].interventionNames[0]"),
        ("PG911", f"{base}.interventions[1].armGroupLabels[1]"),
        ("PG912", f"{base}.armGroups[0].interventionNames"),
        ("PG912", f"{base}.interventions[1].armGroupLabels[0]"),
    ]
    # Placebo arm: the dupilumab link (arm side only) and the placebo link (intervention side).
    assert spec["arms"][0]["interventions"] == ["I1", "I2"]


def test_legacy_limits_and_missing_fields_are_warnings() -> None:
    _, study = load_record(FIXTURES / "NCT03475563.json")
    study = copy.deepcopy(study)
    section = study["protocolSection"]
    section["identificationModule"]["acronym"] = "A-VERY-LONG-ACRONYM"
    del section["descriptionModule"]
    del section["contactsLocationsModule"]["locations"][0]["city"]
    spec, findings = import_study(study)
    assert {f.code for f in findings} >= {"PG917", "PG914"}
    assert all(f.severity is not Severity.ERROR for f in findings)
    assert spec["description"] == {"brief_summary": "", "detailed_description": ""}
    assert spec["locations"][0]["city"] == ""


def test_findings_are_printed_like_validate(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", "ctgov", str(FIXTURES / "NCT00973089.json")])
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server:")
    assert (
        f"{FIXTURES / 'NCT00973089.json'}: PG910 warning: startDateStruct 2010-05 has no"
        in result.stderr
    )
    assert "(at $.protocolSection.statusModule.startDateStruct)" in result.stderr
