"""Estimands (ICH E9(R1)) ⇄ USDM ``StudyDesign.estimands`` and ``analysisPopulations``.

Export: each ``objectives[].estimands[]`` item is an ``Estimand`` (name = spec id,
description = the treatment condition in words) whose ``analysisPopulationId`` is an
``AnalysisPopulation`` holding the population text, ``interventionIds`` the study
interventions of its arms, ``variableOfInterestId`` the ``Endpoint`` of its outcome,
``populationSummary`` the summary measure and ``intercurrentEvents`` one
``IntercurrentEvent`` per event (text = the event, strategy = the strategy's words).

Import: the reverse. USDM does not tie an estimand to an objective: it goes under the
objective that lists its endpoint (else the first objective). Arms are the imported arms
whose interventions are all among the estimand's (docs/usdm.md).
"""

from __future__ import annotations

from html import escape
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.interop.findings import RecordFinding
from protocolgen.interop.usdm.codes import Ids, named
from protocolgen.interop.usdm.read_state import State
from protocolgen.labels import STRATEGY


def write_estimands(
    ids: Ids, spec: dict[str, Any], population_id: str, intervention_ids: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The design's estimands and the analysis populations they name."""
    arm_interventions = {a["id"]: a.get("interventions", []) for a in spec.get("arms", [])}
    estimands, populations = [], []
    for objective in spec.get("objectives", []):
        for item in objective.get("estimands", []):
            population = named(
                ids,
                "AnalysisPopulation",
                f"Population of {item['id']}",
                text=escape(item["population"], quote=False),
                subsetOfIds=[population_id],
                notes=[],
            )
            populations.append(population)
            given: list[str] = []
            for arm in item.get("arms", []):
                for ref in arm_interventions.get(arm, []):
                    if ref in intervention_ids and intervention_ids[ref] not in given:
                        given.append(intervention_ids[ref])
            made = named(
                ids,
                "Estimand",
                item["id"],
                spec_id=item["id"],
                populationSummary=item["summary_measure"],
                analysisPopulationId=population["id"],
                interventionIds=given,
                variableOfInterestId=Ids.of("Endpoint", item["variable"]),
                intercurrentEvents=[
                    _event(ids, n, event)
                    for n, event in enumerate(item.get("intercurrent_events", []), 1)
                ],
                notes=[],
            )
            made["description"] = item["treatment"]
            estimands.append(made)
    return estimands, populations


def _event(ids: Ids, number: int, event: dict[str, Any]) -> dict[str, Any]:
    made = named(
        ids,
        "IntercurrentEvent",
        f"ICE{number}",
        text=escape(event["event"], quote=False),
        dictionaryId=None,
        notes=[],
        strategy=STRATEGY[event["strategy"]],
    )
    made["description"] = event.get("description")
    return made


def read_estimands(
    s: State,
    design: dict[str, Any],
    objectives: list[dict[str, Any]],
    arms: list[dict[str, Any]],
    interventions: list[dict[str, Any]],
) -> None:
    """Put the design's estimands under ``objectives`` (in place); PG925 for what cannot go."""
    names = {i["id"]: i["name"] for i in interventions}
    for number, estimand in enumerate(design.get("estimands", [])):
        if not isinstance(estimand, dict):
            continue
        at = f"$.study.versions[0].studyDesigns.estimands[{number}]"
        variable = estimand.get("variableOfInterestId")
        home = next(
            (o for o in objectives if variable in o.get("outcomes", [])),
            objectives[0] if objectives else None,
        )
        if home is None or not _is_outcome(design, variable):
            s.findings.append(
                RecordFinding(
                    at,
                    "PG925",
                    Severity.INFO,
                    f"estimand {estimand.get('id')}: no objective, or no endpoint "
                    f"{variable!r}, to put it under; left out",
                )
            )
            continue
        given = [i for i in estimand.get("interventionIds", []) if i in names]
        population = s.index.get(str(estimand.get("analysisPopulationId")), {})
        item: dict[str, Any] = {
            "id": estimand["id"],
            "population": s.text(population) if population else "",
            "treatment": str(estimand.get("description") or "")
            or " versus ".join(names[i] for i in given),
        }
        chosen = [
            a["id"] for a in arms if a["interventions"] and set(a["interventions"]) <= set(given)
        ]
        if chosen:
            item["arms"] = chosen
        item["variable"] = variable
        events = [_read_event(s, at, e) for e in estimand.get("intercurrentEvents", [])]
        if any(events):
            item["intercurrent_events"] = [e for e in events if e]
        item["summary_measure"] = str(estimand.get("populationSummary") or "")
        home.setdefault("estimands", []).append(item)


def _is_outcome(design: dict[str, Any], endpoint_id: Any) -> bool:
    return any(
        e.get("id") == endpoint_id
        for o in design.get("objectives", [])
        for e in o.get("endpoints", [])
        if isinstance(e, dict)
    )


def _read_event(s: State, at: str, event: Any) -> dict[str, Any] | None:
    """A spec intercurrent event; the strategy is the code whose words start the text (the
    Pilot writes "Treatment Policy – Continue to measure …"), the rest kept in the
    description."""
    if not isinstance(event, dict):
        return None
    words = str(event.get("strategy") or "")
    code = next((c for c, label in STRATEGY.items() if words.lower().startswith(label.lower())),
                None)
    if code is None:
        s.findings.append(
            RecordFinding(
                at, "PG925", Severity.INFO,
                f"intercurrent event {event.get('id')}: strategy {words!r} is none of "
                f"{', '.join(STRATEGY.values())}; left out",
            )
        )
        return None
    out: dict[str, Any] = {"event": s.text(event), "strategy": code}
    notes = [str(event.get("description") or "")]
    if words.strip().lower() != STRATEGY[code].lower():
        notes.append(f"Strategy: {words.strip()}")
    if any(notes):
        out["description"] = "\n".join(n for n in notes if n)
    return out
