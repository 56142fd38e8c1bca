"""Export: CT.gov's form, CT.gov's schema, a faithful round trip, and refusal of bad specs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from protocolgen import api
from protocolgen.interop.criteria import split_criteria
from protocolgen.interop.ctgov.fields import MARKUP, MODELLED
from protocolgen.interop.ctgov.reader import import_study, read_study
from protocolgen.interop.ctgov.writer import export_spec
from protocolgen.interop.markup import unescape

from .helpers import CONSTRUCTED, RECORDS, cli, leaves, load_record, pattern, study_errors

SPECS = sorted((Path(__file__).resolve().parents[2] / "specs").glob("*.yaml"))
#: CT.gov lists whose order means nothing; compared as sets.
UNORDERED = ("interventionNames[]", "armGroupLabels[]", "whoMasked[]", "stdAges[]", "infoTypes[]")


def comparable(section: dict[str, Any]) -> dict[str, Any]:
    """The modelled leaves of a protocol section, with set-like lists sorted, the criteria
    text compared by its inclusion / exclusion lists, and the other ``markup`` fields
    compared with their Markdown escapes undone: the spec holds plain text, and export may
    escape a character the record left alone (or the reverse) without changing the text.
    (:func:`test_export_escapes_like_the_registry` checks that, for these records, it does
    not.)"""
    out: dict[str, Any] = {}
    for path, value in leaves(section).items():
        shape = pattern(path)
        if shape not in MODELLED:
            continue
        if shape.endswith(UNORDERED):
            out.setdefault(path.rsplit("[", 1)[0], []).append(value)
        elif shape == "eligibilityModule.eligibilityCriteria":
            out[path] = split_criteria(value) or unescape(value)
        elif shape in MARKUP:
            out[path] = unescape(value)
        else:
            out[path] = value
    return {k: sorted(v) if isinstance(v, list) else v for k, v in out.items()}


@pytest.mark.parametrize("record", RECORDS + CONSTRUCTED, ids=lambda p: p.stem)
def test_round_trip_reproduces_every_modelled_field(record: Path) -> None:
    where, study = load_record(record)
    done = read_study(study, where)
    # Values the import had to choose (PG910: the record's date had no type) are marked
    # assumed and left out again: the export says no more than the record did.
    section, _ = export_spec(done.spec, frozenset(done.assumed))
    assert comparable(section) == comparable(study["protocolSection"])
    assert study_errors({"protocolSection": section}) == []


@pytest.mark.parametrize("record", RECORDS + CONSTRUCTED, ids=lambda p: p.stem)
def test_export_escapes_like_the_registry(record: Path) -> None:
    """Stronger than the round trip: every markup field but the criteria (whose Markdown is
    re-written from the lists) comes back byte for byte, escapes included, and a second
    import gives the same spec (import → export → import is stable)."""
    where, study = load_record(record)
    done = read_study(study, where)
    spec = done.spec
    section, _ = export_spec(spec, frozenset(done.assumed))
    exported = leaves(section)
    for path, value in leaves(study["protocolSection"]).items():
        shape = pattern(path)
        if shape in MARKUP and shape != "eligibilityModule.eligibilityCriteria":
            assert exported[path] == value, path
    again, _ = import_study({"protocolSection": section})
    assert _authored(again) == _authored(spec)


def _authored(spec: dict[str, Any]) -> dict[str, Any]:
    """A spec without its ``registry_record`` (export leaves registry dates to PRS)."""
    return {k: v for k, v in spec.items() if k != "registry_record"}


def test_fixture_records_pass_the_converted_schema() -> None:
    """The converted OpenAPI schema accepts real records (minus the one non-API key)."""
    for record in RECORDS + CONSTRUCTED:
        _, study = load_record(record)
        study["protocolSection"]["contactsLocationsModule"].pop("locations_nested", None)
        study.pop("derivedSection")  # miscInfoModule.modelPredictions left the 2.0.5 schema
        assert study_errors(study) == [], record.name


def test_converted_schema_rejects_unknown_keys() -> None:
    assert study_errors({"protocolSection": {"identificationModule": {"nctID": "x"}}})


@pytest.mark.parametrize("spec", SPECS, ids=[p.stem for p in SPECS])
def test_seed_specs_export_to_valid_records(tmp_path: Path, spec: Path) -> None:
    target = tmp_path / "record.json"
    result = CliRunner().invoke(cli, ["export", "ctgov", str(spec), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    study = json.loads(target.read_text(encoding="utf-8"))
    assert study_errors(study) == []
    # Every PRS item export had to leave out is a gap validate reports in the spec too.
    gaps = {
        "descriptionModule.briefSummary": "PG302",
        "conditionsModule.conditions": "PG301",
        "outcomesModule.primaryOutcomes": "PG306",
    }
    codes = {d.code for d in api.check_source(str(spec)).report.diagnostics}
    for path, code in gaps.items():
        if f"PG952 warning: {path} is required" in result.stderr:
            assert code in codes, (path, code)


def test_export_uses_ctgov_forms() -> None:
    seed = next(p for p in SPECS if p.stem == "covid19-uc-msc")
    result = CliRunner().invoke(cli, ["export", "ctgov", str(seed)])
    section = json.loads(result.stdout)["protocolSection"]
    arms = section["armsInterventionsModule"]
    assert arms["armGroups"][0]["interventionNames"] == [
        "Biological: Umbilical cord mesenchymal stem cells implantation"
    ]
    assert arms["interventions"][0]["armGroupLabels"] == ["MSCs group"]
    elig = section["eligibilityModule"]
    assert (elig["minimumAge"], elig["maximumAge"]) == ("18 Years", "85 Years")
    assert elig["eligibilityCriteria"].startswith("Inclusion Criteria:\n\n* Age 18-85")
    assert "detailedDescription" in section["descriptionModule"]
    assert "contacts" not in section["contactsLocationsModule"].get("centralContacts", [{}])[0]


def test_export_refuses_a_spec_with_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("spec_version: 1\nidentification: {brief_title: x}\n", encoding="utf-8")
    out = tmp_path / "record.json"
    result = CliRunner().invoke(cli, ["export", "ctgov", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert "PG950 error" in result.stderr and "protocolgen validate" in result.stderr
    assert not out.exists()
    assert CliRunner().invoke(cli, ["export", "ctgov", str(tmp_path / "none.yaml")]).exit_code == 2
