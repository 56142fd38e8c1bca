"""USDM interventions, arms, objectives and endpoints, eligibility and epochs → spec lists."""

from __future__ import annotations

from typing import Any

from protocolgen.interop.usdm.read_state import State
from protocolgen.interop.usdm.terms import spec_code


def interventions(
    s: State, version: dict[str, Any], design: dict[str, Any]
) -> list[dict[str, Any]]:
    wanted = set(design.get("studyInterventionIds", []))
    out = []
    for item in version.get("studyInterventions", []):
        if wanted and item.get("id") not in wanted:
            continue
        entry: dict[str, Any] = {
            "id": item["id"],
            "type": spec_code("intervention.type", item.get("type")) or "OTHER",
            "name": str(item.get("label") or item.get("name")),
        }
        if entry["type"] not in _INTERVENTION_TYPES:
            entry["type"] = "OTHER"
        role = spec_code("intervention.role", item.get("role"))
        if role in _ROLES:
            entry["role"] = role
        if item.get("description"):
            entry["description"] = item["description"]
        out.append(entry)
    return out


_INTERVENTION_TYPES = frozenset(
    {
        "BEHAVIORAL",
        "BIOLOGICAL",
        "COMBINATION_PRODUCT",
        "DEVICE",
        "DIAGNOSTIC_TEST",
        "DIETARY_SUPPLEMENT",
        "DRUG",
        "GENETIC",
        "PROCEDURE",
        "RADIATION",
        "OTHER",
    }
)
_ROLES = frozenset({"EXPERIMENTAL", "PLACEBO", "COMPARATOR", "BACKGROUND", "RESCUE", "OTHER"})


def arms(s: State, design: dict[str, Any], interventions: set[str]) -> list[dict[str, Any]]:
    elements = {e["id"]: e for e in design.get("elements", []) if isinstance(e, dict)}
    out = []
    for number, arm in enumerate(design.get("arms", [])):
        if spec_code("arm.type", arm.get("type")) is None:
            s.assumed[f"/arms/{number}/type"] = "an arm type with no spec code"
        given: list[str] = []
        for cell in design.get("studyCells", []):
            if cell.get("armId") != arm["id"] or not isinstance(cell.get("elementIds"), list):
                continue
            for element_id in cell["elementIds"]:
                for ref in elements.get(element_id, {}).get("studyInterventionIds", []):
                    if ref in interventions and ref not in given:
                        given.append(ref)
        entry: dict[str, Any] = {
            "id": arm["id"],
            "label": str(arm.get("label") or arm.get("name")),
            "type": spec_code("arm.type", arm.get("type")) or "OTHER",
        }
        if arm.get("description"):
            entry["description"] = arm["description"]
        entry["interventions"] = given
        out.append(entry)
    return out


def objectives(s: State, design: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    objectives = []
    outcomes: dict[str, list[dict[str, Any]]] = {"primary": [], "secondary": [], "other": []}
    for objective in design.get("objectives", []):
        refs = []
        for endpoint in objective.get("endpoints", []):
            group = spec_code("endpoint.level", endpoint.get("level")) or "other"
            entry: dict[str, Any] = {"id": endpoint["id"], "measure": s.text(endpoint)}
            if endpoint.get("description"):
                entry["description"] = endpoint["description"]
            entry["time_frame"] = str(endpoint.get("purpose") or "")
            outcomes[group].append(entry)
            refs.append(endpoint["id"])
        text = s.text(objective)
        if text:  # an objective with no text only groups endpoints (protocolgen's own export)
            made: dict[str, Any] = {
                "id": objective["id"],
                "level": spec_code("objective.level", objective.get("level")) or "EXPLORATORY",
                "text": text,
            }
            if refs:
                made["outcomes"] = refs
            objectives.append(made)
    return objectives, {k: v for k, v in outcomes.items() if v or k == "primary"}


def eligibility(s: State, version: dict[str, Any], design: dict[str, Any]) -> dict[str, Any]:
    population = design.get("population") or {}
    out: dict[str, Any] = {}
    sexes = [spec_code("plannedSex", c) for c in population.get("plannedSex", [])]
    out["sex"] = sexes[0] if len(sexes) == 1 and sexes[0] else "ALL"
    age = population.get("plannedAge") or {}
    for key, end, limit in (("minimum_age", "minValue", 0), ("maximum_age", "maxValue", 999)):
        quantity = age.get(end) or {}
        unit = spec_code("unit", (quantity.get("unit") or {}).get("standardCode"))
        value = quantity.get("value")
        out[key] = (
            {"value": int(value), "unit": unit}
            if unit and value is not None and value != limit
            else "no_limit"
        )
    out["healthy_volunteers"] = bool(population.get("includesHealthySubjects"))
    items = {
        i["id"]: i
        for i in version.get("eligibilityCriterionItems", [])
        if isinstance(i, dict) and isinstance(i.get("id"), str)
    }
    out["inclusion"], out["exclusion"] = [], []
    for criterion in design.get("eligibilityCriteria", []):
        kind = spec_code("criterion.category", criterion.get("category"))
        item = items.get(criterion.get("criterionItemId", ""))
        if kind not in ("inclusion", "exclusion") or item is None:
            continue
        out[kind].append({"id": criterion["id"], "text": s.text(item)})
    if population.get("description") and design.get("instanceType") == "ObservationalStudyDesign":
        out["study_population"] = population["description"]
    return out


def epoch(epoch: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": epoch["id"], "name": str(epoch.get("label") or epoch.get("name"))}
    kind = spec_code("epoch.type", epoch.get("type"))
    if kind:
        out["type"] = kind
    if epoch.get("description"):
        out["description"] = epoch["description"]
    return out
