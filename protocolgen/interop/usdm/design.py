"""The spec's design, arms, objectives, population, criteria and schedule → one USDM
``InterventionalStudyDesign`` or ``ObservationalStudyDesign``.

The schedule of activities is :mod:`.schedule`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from protocolgen.interop.usdm.codes import Ids, base, chain, named
from protocolgen.interop.usdm.estimands import write_estimands
from protocolgen.interop.usdm.schedule import write_schedule as _schedule

_base, _named, _chain = base, named, chain


def write_design(
    ids: Ids,
    spec: dict[str, Any],
    criteria_ids: dict[str, list[str]],
    intervention_ids: dict[str, str],
) -> dict[str, Any]:
    design = spec["design"]
    kind = design.get("study_type") or "INTERVENTIONAL"
    observational = kind == "OBSERVATIONAL"
    obs = design.get("observational", {})
    epochs = _epochs(ids, spec)
    arms, elements, cells = _arms(ids, spec, epochs, intervention_ids)
    encounters, activities, timeline = _schedule(ids, spec, epochs)
    phases = "+".join(design.get("phases", [])) or None
    # Code ids are counted in the order made: type, phase, indications, objectives, population.
    study_type = ids.code("studyType", kind)
    study_phase = ids.alias("studyPhase", phases) if phases else None
    indications = _indications(ids, spec)
    objectives = _objectives(ids, spec)
    population = _population(ids, spec, criteria_ids)
    estimands, analysis_populations = write_estimands(
        ids, spec, population["id"], intervention_ids
    )
    out = _named(
        ids,
        "ObservationalStudyDesign" if observational else "InterventionalStudyDesign",
        "Study Design 1",
        studyType=study_type,
        studyPhase=study_phase,
        therapeuticAreas=[],
        characteristics=[],
        encounters=encounters,
        activities=activities,
        arms=arms,
        studyCells=cells,
        rationale="",
        epochs=epochs,
        elements=elements,
        estimands=estimands,
        indications=indications,
        studyInterventionIds=list(intervention_ids.values()),
        objectives=objectives,
        population=population,
        scheduleTimelines=[timeline] if timeline else [],
        biospecimenRetentions=[],
        documentVersionIds=[],
        eligibilityCriteria=_criteria(ids, spec, criteria_ids),
        analysisPopulations=analysis_populations,
        notes=[],
        subTypes=[],
    )
    if observational:
        out["model"] = _code_or_unknown(ids, "model", obs.get("model"))
        out["timePerspective"] = _code_or_unknown(
            ids, "timePerspective", obs.get("time_perspective")
        )
        sampling = spec["eligibility"].get("sampling_method")
        out["samplingMethod"] = ids.code("samplingMethod", sampling) if sampling else None
    else:
        out["model"] = _code_or_unknown(ids, "model", design.get("intervention_model"))
        purpose = design.get("primary_purpose")
        out["intentTypes"] = [ids.code("intentTypes", purpose)] if purpose else []
        masking = design.get("masking", {}).get("type")
        out["blindingSchema"] = ids.alias("blindingSchema", masking) if masking else None
    out["instanceType"] = out.pop("instanceType")
    return out


def _code_or_unknown(ids: Ids, attribute: str, value: str | None) -> dict[str, Any]:
    return ids.code(attribute, value) if value else ids.code("unknown", "UNKNOWN")


def _epochs(ids: Ids, spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for epoch in spec.get("schedule", {}).get("epochs", []):
        made = _named(
            ids,
            "StudyEpoch",
            epoch["name"],
            spec_id=epoch["id"],
            type=ids.code("epoch.type", epoch.get("type") or "OTHER"),
            previousId=None,
            nextId=None,
            notes=[],
        )
        made["description"] = epoch.get("description")
        out.append(made)
    _chain(out)
    return out


def _arms(
    ids: Ids, spec: dict[str, Any], epochs: list[dict[str, Any]], intervention_ids: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Arms; one element per arm (its interventions); a cell per arm and epoch."""
    arms, elements, cells = [], [], []
    for arm in spec.get("arms", []):
        made = _named(
            ids,
            "StudyArm",
            arm["label"],
            spec_id=arm["id"],
            type=ids.code("arm.type", arm.get("type") or "OTHER"),
            dataOriginDescription="Data collected from participants",
            dataOriginType=ids.code("arm.dataOriginType", "WITHIN_STUDY"),
            populationIds=[],
            notes=[],
        )
        made["label"], made["description"] = arm["label"], arm.get("description")
        arms.append(made)
        element = _named(
            ids,
            "StudyElement",
            arm["label"],
            transitionStartRule=None,
            transitionEndRule=None,
            studyInterventionIds=[
                intervention_ids[i] for i in arm.get("interventions", []) if i in intervention_ids
            ],
            notes=[],
        )
        elements.append(element)
        for epoch in epochs:
            cells.append(
                _base(
                    ids,
                    "StudyCell",
                    armId=made["id"],
                    epochId=epoch["id"],
                    elementIds=[element["id"]],
                )
            )
    return arms, elements, cells


def _indications(ids: Ids, spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for condition in spec.get("conditions", []):
        term = condition if isinstance(condition, str) else condition["term"]
        codes = [] if isinstance(condition, str) else condition.get("codes", [])
        out.append(
            _named(
                ids,
                "Indication",
                term,
                codes=[
                    {
                        "id": ids.next("Code"),
                        "extensionAttributes": [],
                        "code": c["code"],
                        "codeSystem": c["system"],
                        "codeSystemVersion": c.get("version", ""),
                        "decode": c.get("display", term),
                        "instanceType": "Code",
                    }
                    for c in codes
                ],
                isRareDisease=False,
                notes=[],
            )
        )
    return out


def _objectives(ids: Ids, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Objectives with their endpoints; outcomes no objective names go under one objective
    per level with empty text, so no endpoint is lost (docs/usdm.md)."""
    outcomes = {
        o["id"]: (group, o) for group, items in spec.get("outcomes", {}).items() for o in items
    }
    used: set[str] = set()
    out = []
    for objective in spec.get("objectives", []):
        refs = [r for r in objective.get("outcomes", []) if r in outcomes]
        used.update(refs)
        endpoints = [_endpoint(ids, *outcomes[r]) for r in refs]
        out.append(
            _objective(ids, objective["id"], objective["text"], objective["level"], endpoints)
        )
    levels = {"primary": "PRIMARY", "secondary": "SECONDARY", "other": "EXPLORATORY"}
    for group, level in levels.items():
        left = [o for o in spec.get("outcomes", {}).get(group, []) if o["id"] not in used]
        if left:
            endpoints = [_endpoint(ids, group, o) for o in left]
            name = f"{group.title()} endpoints without an objective"
            out.append(_objective(ids, None, "", level, endpoints, name=name))
    return out


def _objective(
    ids: Ids,
    spec_id: str | None,
    text: str,
    level: str,
    endpoints: list[dict[str, Any]],
    *,
    name: str | None = None,
) -> dict[str, Any]:
    return _named(
        ids,
        "Objective",
        name or spec_id or "Objective",
        spec_id=spec_id,
        text=escape(text, quote=False),
        dictionaryId=None,
        notes=[],
        level=ids.code("objective.level", level),
        endpoints=endpoints,
    )


def _endpoint(ids: Ids, group: str, outcome: dict[str, Any]) -> dict[str, Any]:
    made = _named(
        ids,
        "Endpoint",
        outcome["id"],
        spec_id=outcome["id"],
        text=escape(outcome["measure"], quote=False),
        dictionaryId=None,
        notes=[],
        purpose=outcome.get("time_frame", ""),
        level=ids.code("endpoint.level", group),
    )
    made["description"] = outcome.get("description")
    return made


def _population(
    ids: Ids, spec: dict[str, Any], criteria_ids: dict[str, list[str]]
) -> dict[str, Any]:
    elig = spec["eligibility"]
    enrollment = spec["design"].get("enrollment", {})
    low, high = elig.get("minimum_age"), elig.get("maximum_age")
    age = None
    if isinstance(low, dict) or isinstance(high, dict):
        unit = (low if isinstance(low, dict) else high)["unit"]
        age = _base(
            ids,
            "Range",
            minValue=ids.quantity(
                low["value"] if isinstance(low, dict) else 0,
                low["unit"] if isinstance(low, dict) else unit,
            ),
            maxValue=ids.quantity(
                high["value"] if isinstance(high, dict) else 999,
                high["unit"] if isinstance(high, dict) else unit,
            ),
            isApproximate=False,
        )
    sex = elig.get("sex")
    made = _named(
        ids,
        "StudyDesignPopulation",
        "Study population",
        includesHealthySubjects=bool(elig.get("healthy_volunteers")),
        plannedEnrollmentNumber=ids.quantity(enrollment["count"], None)
        if "count" in enrollment
        else None,
        plannedCompletionNumber=None,
        plannedSex=[ids.code("plannedSex", sex)] if sex else [],
        criterionIds=[],
        plannedAge=age,
        notes=[],
        cohorts=[],
    )
    made["description"] = elig.get("study_population")
    return made


def _criteria(
    ids: Ids, spec: dict[str, Any], criteria_ids: dict[str, list[str]]
) -> list[dict[str, Any]]:
    out = []
    for kind in ("inclusion", "exclusion"):
        group = []
        for index, (item, item_id) in enumerate(
            zip(spec["eligibility"].get(kind, []), criteria_ids[kind], strict=True), 1
        ):
            number = item.get("number") if isinstance(item, dict) else None
            group.append(
                _named(
                    ids,
                    "EligibilityCriterion",
                    f"{kind[:3].upper()}{index:02d}",
                    spec_id=item.get("id") if isinstance(item, dict) else None,
                    category=ids.code("criterion.category", kind),
                    identifier=str(number or index),
                    criterionItemId=item_id,
                    nextId=None,
                    previousId=None,
                    notes=[],
                )
            )
        _chain(group)
        out.extend(group)
    return out
