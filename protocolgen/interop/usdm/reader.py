"""A checked USDM Wrapper → a spec dict, the findings, and the values the import inferred.

One study version and one study design are read (the first, or the one ``--design`` names;
several designs are a PG924 finding naming the one taken). Texts have their syntax-template
tags resolved (:mod:`.text`); codes go back to spec codes through the CDISC table
(:mod:`.terms`). What the spec requires and USDM does not hold (a recruitment status, an
enrolment type) is written and marked assumed.
"""

from __future__ import annotations

from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.interop.ctgov.reader import Imported
from protocolgen.interop.findings import RecordFinding
from protocolgen.interop.specschema import enum_at
from protocolgen.interop.usdm.read_schedule import read_schedule
from protocolgen.interop.usdm.reading import UsdmRead
from protocolgen.interop.usdm.terms import alias_code, spec_code
from protocolgen.interop.usdm.text import plain

_TITLES = {
    "brief_title": ("C99905x1", "C207615"),
    "official_title": ("C99905x2", "C207616"),
    "acronym": ("C94108",),
}


class _State:
    """The index of the file and what the mapping noted on the way."""

    def __init__(self, read: UsdmRead) -> None:
        self.index = read.index
        self.findings: list[RecordFinding] = []
        self.assumed: dict[str, str] = {}
        self.tags: list[str] = []

    def text(self, item: dict[str, Any]) -> str:
        return plain(item.get("text"), item.get("dictionaryId"), self.index, self.tags)

    def keep(self, value: str | None, *keys: str) -> str | None:
        """``value`` when the spec allows it at ``keys``, else ``None`` and a PG925 note."""
        if value is None or value in enum_at(*keys):
            return value
        where = ".".join(k for k in keys if k != "[]")
        message = f"{where}: {value!r} is not one of the spec's codes here; left out"
        self.findings.append(RecordFinding("$.study.versions[0]", "PG925", Severity.INFO, message))
        return None


def import_wrapper(read: UsdmRead, design_id: str | None = None) -> Imported:
    """The spec of ``read.wrapper``; an empty spec and a PG924 error when ``design_id`` names
    no design of the file."""
    assert read.wrapper is not None
    s = _State(read)
    version = read.wrapper["study"]["versions"][0]
    designs = [d for d in version.get("studyDesigns", []) if isinstance(d, dict)]
    design = (
        next((d for d in designs if d.get("id") == design_id), None)
        if design_id
        else (designs[0] if designs else {})
    )
    if design is None:
        names = ", ".join(str(d.get("id")) for d in designs)
        s.findings.append(
            RecordFinding(
                "$.study.versions[0].studyDesigns",
                "PG924",
                Severity.ERROR,
                f"no study design {design_id!r}; the file has {names}",
            )
        )
        return Imported({}, s.findings)
    if len(designs) > 1 and design_id is None:
        others = ", ".join(str(d.get("id")) for d in designs[1:])
        s.findings.append(
            RecordFinding(
                "$.study.versions[0].studyDesigns",
                "PG924",
                Severity.WARNING,
                f"{len(designs)} study designs: {design['id']} ({design.get('name')}) is "
                f"imported, not {others}; choose with --design ID",
            )
        )
    spec: dict[str, Any] = {"spec_version": 1}
    spec["identification"] = _identification(s, read.wrapper["study"], version)
    spec["status"] = {"overall": "UNKNOWN"}
    s.assumed["/status/overall"] = "USDM holds no recruitment status"
    spec["sponsors"] = {"lead": {"name": _sponsor(s, version) or ""}}
    spec["contacts"] = {"central": [], "officials": []}
    spec["description"] = {
        "brief_summary": "",
        "detailed_description": str(read.wrapper["study"].get("description") or ""),
    }
    spec["conditions"] = [
        str(i.get("label") or i.get("name"))
        for i in design.get("indications", [])
        if isinstance(i, dict)
    ]
    spec["design"] = _design(s, design)
    interventions = _interventions(s, version, design)
    spec["arms"] = _arms(s, design, {i["id"] for i in interventions})
    spec["interventions"] = interventions
    spec["objectives"], spec["outcomes"] = _objectives(s, design)
    spec["eligibility"] = _eligibility(s, version, design)
    epochs = {e["id"]: e["id"] for e in design.get("epochs", []) if isinstance(e, dict)}
    notes: list[str] = []
    schedule = read_schedule(design, epochs, notes)
    schedule["epochs"] = [_epoch(e) for e in design.get("epochs", []) if isinstance(e, dict)]
    spec["schedule"] = {
        k: schedule[k]
        for k in ("anchor", "description", "epochs", "visits", "activities")
        if schedule.get(k)
    } or {"visits": []}
    spec["schedule"].setdefault("visits", [])
    for note in notes:
        s.findings.append(
            RecordFinding("$.study.versions[0].studyDesigns", "PG925", Severity.INFO, note)
        )
    if s.tags:
        s.findings.append(
            RecordFinding(
                "$.study.versions[0]",
                "PG926",
                Severity.WARNING,
                f"tags not resolved (kept as [tag]): {', '.join(sorted(set(s.tags)))}",
            )
        )
    if design.get("estimands"):
        s.findings.append(
            RecordFinding(
                "$.study.versions[0].studyDesigns",
                "PG925",
                Severity.INFO,
                "estimands are not imported yet (docs/usdm.md)",
            )
        )
    return Imported(spec, sorted(s.findings), s.assumed)


def _identification(s: _State, study: dict[str, Any], version: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    titles = [t for t in version.get("titles", []) if isinstance(t, dict)]
    for key, codes in _TITLES.items():
        found = next(
            (t["text"] for t in titles if (t.get("type") or {}).get("code") in codes), None
        )
        if found:
            out[key] = found
    out.setdefault("brief_title", str(study.get("label") or study.get("name") or ""))
    registrations = []
    for ident in version.get("studyIdentifiers", []):
        scope = s.index.get(ident.get("scopeId", ""), {})
        kind = spec_code("organization.type", scope.get("type"))
        if kind == "SPONSOR" and "sponsor_protocol_id" not in out:
            out["sponsor_protocol_id"] = ident["text"]
        else:
            registrations.append(
                {
                    "registry": str(scope.get("label") or scope.get("name") or "registry"),
                    "id": ident["text"],
                }
            )
    if registrations:
        out["registrations"] = registrations
    if version.get("versionIdentifier"):
        out["protocol_version"] = {"number": str(version["versionIdentifier"])}
    return out


def _sponsor(s: _State, version: dict[str, Any]) -> str | None:
    for org in version.get("organizations", []):
        if spec_code("organization.type", org.get("type")) == "SPONSOR":
            return str(org.get("label") or org.get("name"))
    return None


def _design(s: _State, design: dict[str, Any]) -> dict[str, Any]:
    observational = design.get("instanceType") == "ObservationalStudyDesign"
    out: dict[str, Any] = {
        "study_type": spec_code("studyType", design.get("studyType"))
        or ("OBSERVATIONAL" if observational else "INTERVENTIONAL")
    }
    phase = alias_code("studyPhase", design.get("studyPhase"))
    phases = [s.keep(p, "design", "phases") for p in phase.split("+")] if phase else []
    if phases and all(phases):
        out["phases"] = phases
    if observational:
        obs = {
            k: v
            for k, v in (
                (
                    "model",
                    s.keep(
                        spec_code("model", design.get("model")), "design", "observational", "model"
                    ),
                ),
                (
                    "time_perspective",
                    s.keep(
                        spec_code("timePerspective", design.get("timePerspective")),
                        "design",
                        "observational",
                        "time_perspective",
                    ),
                ),
            )
            if v
        }
        if obs:
            out["observational"] = obs
    else:
        model = s.keep(spec_code("model", design.get("model")), "design", "intervention_model")
        if model:
            out["intervention_model"] = model
        purpose = [spec_code("intentTypes", c) for c in design.get("intentTypes", [])]
        if purpose and s.keep(purpose[0], "design", "primary_purpose"):
            out["primary_purpose"] = purpose[0]
        masking = alias_code("blindingSchema", design.get("blindingSchema"))
        if masking:
            out["masking"] = {"type": masking}
    planned = (design.get("population") or {}).get("plannedEnrollmentNumber") or {}
    count = (
        planned.get("value")
        if planned.get("instanceType") == "Quantity"
        else (planned.get("maxValue") or {}).get("value")
    )
    out["enrollment"] = {"count": int(count or 0), "type": "ESTIMATED"}
    s.assumed["/design/enrollment/type"] = "a protocol's enrolment is planned"
    if count is None:
        s.assumed["/design/enrollment/count"] = "USDM gives no planned enrolment"
    return out


def _interventions(
    s: _State, version: dict[str, Any], design: dict[str, Any]
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


def _arms(s: _State, design: dict[str, Any], interventions: set[str]) -> list[dict[str, Any]]:
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


def _objectives(s: _State, design: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
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


def _eligibility(s: _State, version: dict[str, Any], design: dict[str, Any]) -> dict[str, Any]:
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


def _epoch(epoch: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": epoch["id"], "name": str(epoch.get("label") or epoch.get("name"))}
    kind = spec_code("epoch.type", epoch.get("type"))
    if kind:
        out["type"] = kind
    if epoch.get("description"):
        out["description"] = epoch["description"]
    return out
