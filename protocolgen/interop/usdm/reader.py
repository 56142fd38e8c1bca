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
from protocolgen.interop.usdm import read_lists
from protocolgen.interop.usdm.estimands import read_estimands
from protocolgen.interop.usdm.narrative import read_summary
from protocolgen.interop.usdm.read_schedule import read_schedule
from protocolgen.interop.usdm.read_state import State
from protocolgen.interop.usdm.reading import UsdmRead
from protocolgen.interop.usdm.terms import alias_code, spec_code

_TITLES = {
    "brief_title": ("C99905x1", "C207615"),
    "official_title": ("C99905x2", "C207616"),
    "acronym": ("C94108",),
}


def import_wrapper(read: UsdmRead, design_id: str | None = None) -> Imported:
    """The spec of ``read.wrapper``; an empty spec and a PG924 error when ``design_id`` names
    no design of the file."""
    assert read.wrapper is not None
    s = State(read)
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
    summary = read_summary(s, version)
    if summary:
        spec["description"]["plain_language_summary"] = summary
    spec["conditions"] = [
        str(i.get("label") or i.get("name"))
        for i in design.get("indications", [])
        if isinstance(i, dict)
    ]
    spec["design"] = _design(s, design)
    interventions = read_lists.interventions(s, version, design)
    spec["arms"] = read_lists.arms(s, design, {i["id"] for i in interventions})
    spec["interventions"] = interventions
    spec["objectives"], spec["outcomes"] = read_lists.objectives(s, design)
    read_estimands(s, design, spec["objectives"], spec["arms"], interventions)
    spec["eligibility"] = read_lists.eligibility(s, version, design)
    epochs = {e["id"]: e["id"] for e in design.get("epochs", []) if isinstance(e, dict)}
    notes: list[str] = []
    schedule = read_schedule(design, epochs, notes)
    schedule["epochs"] = [
        read_lists.epoch(e) for e in design.get("epochs", []) if isinstance(e, dict)
    ]
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
    return Imported(spec, sorted(s.findings), s.assumed)


def _identification(s: State, study: dict[str, Any], version: dict[str, Any]) -> dict[str, Any]:
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


def _sponsor(s: State, version: dict[str, Any]) -> str | None:
    for org in version.get("organizations", []):
        if spec_code("organization.type", org.get("type")) == "SPONSOR":
            return str(org.get("label") or org.get("name"))
    return None


def _design(s: State, design: dict[str, Any]) -> dict[str, Any]:
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
