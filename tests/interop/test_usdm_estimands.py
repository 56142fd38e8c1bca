"""Estimands ⇄ USDM: the rich-SoA fixture's estimand is an Estimand with its analysis
population, interventions, endpoint and intercurrent events; import puts it back under its
objective; the CDISC Pilot's estimand imports; a strategy with no spec code is a finding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from protocolgen.interop.usdm import write_wrapper
from protocolgen.interop.usdm.importing import import_file
from protocolgen.loading import load_path

from .usdm_helpers import USDM, usdm_errors

RICH = Path(__file__).resolve().parents[1] / "render" / "fixtures" / "rich-soa.yaml"


def _spec(path: Path) -> dict[str, Any]:
    doc = load_path(path).document
    assert doc is not None
    return doc.data


def _design(wrapper: dict[str, Any]) -> dict[str, Any]:
    design: dict[str, Any] = wrapper["study"]["versions"][0]["studyDesigns"][0]
    return design


def _estimands(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for o in spec["objectives"] for e in o.get("estimands", [])]


def test_an_estimand_is_written_with_what_it_names() -> None:
    wrapper = write_wrapper(_spec(RICH))
    assert usdm_errors(wrapper) == []
    design = _design(wrapper)
    (estimand,) = design["estimands"]
    endpoints = {e["id"]: e for o in design["objectives"] for e in o["endpoints"]}
    assert endpoints[estimand["variableOfInterestId"]]["text"] == "Complete renal response"
    populations = {p["id"]: p for p in design["analysisPopulations"]}
    population = populations[estimand["analysisPopulationId"]]
    assert population["text"] == "Adults with active lupus nephritis despite standard care"
    assert population["subsetOfIds"] == [design["population"]["id"]]
    interventions = {
        i["id"]: i["name"] for i in wrapper["study"]["versions"][0]["studyInterventions"]
    }
    assert sorted(interventions[i] for i in estimand["interventionIds"]) == sorted(
        interventions.values()
    )
    assert estimand["populationSummary"].startswith("Difference in the proportion")
    assert estimand["description"].startswith("UC-MSC infusions versus placebo")
    events = [(e["text"], e["strategy"], e["description"]) for e in estimand["intercurrentEvents"]]
    assert events == [
        ("Use of rescue immunosuppression", "Composite", "counted as no response"),
        ("Discontinuation of infusions", "Treatment policy", None),
    ]


def test_estimands_round_trip_by_meaning(tmp_path: Path) -> None:
    source = tmp_path / "rich.usdm.json"
    source.write_text(json.dumps(write_wrapper(_spec(RICH))), encoding="utf-8")
    target = tmp_path / "spec.yaml"
    assert import_file(source, target).exit_code == 0
    before, after = _estimands(_spec(RICH)), _estimands(_spec(target))
    assert len(after) == len(before) == 1
    for key in ("population", "treatment", "summary_measure", "intercurrent_events"):
        assert after[0][key] == before[0][key], key
    assert after[0]["variable"] == "Endpoint_O1"
    assert after[0]["arms"] == ["StudyArm_A1", "StudyArm_A2"]
    home = next(o for o in _spec(target)["objectives"] if o.get("estimands"))
    assert home["id"] == "Objective_OBJ1" and "Endpoint_O1" in home["outcomes"]
    again = _design(write_wrapper(_spec(target)))["estimands"]
    assert [e["id"] for e in again] == ["Estimand_EST1"]


def test_the_pilot_estimand_imports(tmp_path: Path) -> None:
    target = tmp_path / "pilot.yaml"
    result = import_file(USDM / "CDISC_Pilot_Study.json", target)
    assert result.exit_code == 0
    assert not any("estimand" in f.message for f in result.findings)
    (estimand,) = _estimands(_spec(target))
    assert estimand["population"].startswith("Patients with Mild to Moderate Alzheimer")
    assert estimand["summary_measure"].startswith("Group mean changes from baseline")
    (event,) = estimand["intercurrent_events"]
    assert event["strategy"] == "TREATMENT_POLICY"
    assert "regardless of interruption" in event["description"]


def test_an_unknown_strategy_or_endpoint_is_a_finding(tmp_path: Path) -> None:
    data = json.loads((USDM / "CDISC_Pilot_Study.json").read_text(encoding="utf-8"))
    design = data["study"]["versions"][0]["studyDesigns"][0]
    design["estimands"][0]["intercurrentEvents"][0]["strategy"] = "Ignore it"
    second = json.loads(json.dumps(design["estimands"][0]))
    second.update(id="Estimand_9", variableOfInterestId="Endpoint_404", intercurrentEvents=[])
    design["estimands"].append(second)
    source = tmp_path / "pilot.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = import_file(source, tmp_path / "spec.yaml")
    assert result.exit_code == 0
    notes = [f.message for f in result.findings if f.code == "PG925"]
    assert any("'Ignore it'" in n for n in notes)
    assert any("Estimand_9" in n and "Endpoint_404" in n for n in notes)
    (estimand,) = _estimands(_spec(tmp_path / "spec.yaml"))
    assert "intercurrent_events" not in estimand
