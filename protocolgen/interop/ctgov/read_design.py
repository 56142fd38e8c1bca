"""Import of the design and eligibility modules: codes, observational details, enrolment,
ages (``"18 Years"`` → value and unit, missing → ``no_limit``) and the criteria lists."""

from __future__ import annotations

from typing import Any

from protocolgen.interop.criteria import criteria_text, read_criteria, suspect_items
from protocolgen.interop.ctgov.mapper import Mapper, put
from protocolgen.interop.findings import json_path
from protocolgen.interop.markup import unescape
from protocolgen.interop.specschema import enum_at
from protocolgen.interop.values import parse_age, parse_duration


def design(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "designModule")
    out: dict[str, Any] = {}
    out["study_type"] = m.required_code(
        mod, "studyType", path, enum_at("design", "study_type"),
        ("INTERVENTIONAL", "/design/study_type", "no study type in the record"),
    )
    put(out, "phases", m.codes(mod, "phases", path, enum_at("design", "phases")))
    info, ipath = m.obj(mod, "designInfo", path), json_path(path, "designInfo")
    put(out, "allocation", m.code(info, "allocation", ipath, enum_at("design", "allocation")))
    model = enum_at("design", "intervention_model")
    put(out, "intervention_model", m.code(info, "interventionModel", ipath, model))
    put(
        out, "intervention_model_description", m.markup(info, "interventionModelDescription", ipath)
    )
    purpose = enum_at("design", "primary_purpose")
    put(out, "primary_purpose", m.code(info, "primaryPurpose", ipath, purpose))
    mask, mpath = m.obj(info, "maskingInfo", ipath), json_path(ipath, "maskingInfo")
    masking = m.code(mask, "masking", mpath, enum_at("design", "masking", "type"))
    if masking is not None:
        block: dict[str, Any] = {"type": masking}
        who = enum_at("design", "masking", "who_masked")
        put(block, "who_masked", m.codes(mask, "whoMasked", mpath, who))
        put(block, "description", m.markup(mask, "maskingDescription", mpath))
        out["masking"] = block
    put(out, "observational", _observational(m, mod, info, path, ipath))
    out["enrollment"] = _enrollment(m, mod, path)
    return out


def _observational(
    m: Mapper, mod: dict[str, Any], info: dict[str, Any], path: str, ipath: str
) -> dict[str, Any]:
    obs: dict[str, Any] = {}
    put(
        obs,
        "model",
        m.code(info, "observationalModel", ipath, enum_at("design", "observational", "model")),
    )
    perspective = enum_at("design", "observational", "time_perspective")
    put(obs, "time_perspective", m.code(info, "timePerspective", ipath, perspective))
    put(obs, "patient_registry", m.flag(mod, "patientRegistry", path))
    duration = m.text(mod, "targetDuration", path)
    if duration is not None:
        parsed = parse_duration(duration)
        if parsed is None:
            m.note(
                "PG915",
                json_path(path, "targetDuration"),
                f"{duration!r} is not a duration in hours to years; left out",
            )
        put(obs, "target_duration", parsed)
    bio, bpath = m.obj(mod, "bioSpec", path), json_path(path, "bioSpec")
    retention = enum_at("design", "observational", "biospecimen_retention")
    put(obs, "biospecimen_retention", m.code(bio, "retention", bpath, retention))
    put(obs, "biospecimen_description", m.text(bio, "description", bpath))
    return obs


def _enrollment(m: Mapper, mod: dict[str, Any], path: str) -> dict[str, Any]:
    info, here = m.obj(mod, "enrollmentInfo", path), json_path(path, "enrollmentInfo")
    count = m.integer(info, "count", here)
    kind = m.code(info, "type", here, enum_at("design", "enrollment", "type"))
    if count is None:
        m.note("PG914", here, "no enrolment count; written as 0 (ESTIMATED): fill it in")
        m.assume("/design/enrollment", "no enrolment count in the record")
        return {"count": 0, "type": kind or "ESTIMATED"}
    if kind is None:
        m.note(
            "PG910", here, "the enrolment count has no ACTUAL/ESTIMATED type; written as ESTIMATED"
        )
        m.assume("/design/enrollment/type", "no enrolment type in the record")
    return {"count": count, "type": kind or "ESTIMATED"}


def eligibility(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "eligibilityModule")
    out: dict[str, Any] = {}
    out["sex"] = m.required_code(
        mod, "sex", path, enum_at("eligibility", "sex"),
        ("ALL", "/eligibility/sex", "not stated in the record"),
    )
    put(out, "gender_based", m.flag(mod, "genderBased", path))
    put(out, "gender_description", m.text(mod, "genderDescription", path))
    for key, name in (("minimumAge", "minimum_age"), ("maximumAge", "maximum_age")):
        text = m.text(mod, key, path)
        age = parse_age(text) if text is not None else None
        if text is not None and age is None:
            m.note("PG915", json_path(path, key), f"{text!r} is not an age; written as no_limit")
        out[name] = age or "no_limit"  # CT.gov leaves a missing limit out ("N/A")
    healthy = m.flag(mod, "healthyVolunteers", path)
    if healthy is None:
        m.note(
            "PG914",
            json_path(path, "healthyVolunteers"),
            "not stated whether healthy volunteers are accepted; written as false (marked "
            "assumed: export leaves it out)",
        )
        m.assume("/eligibility/healthy_volunteers", "not stated in the record")
    out["healthy_volunteers"] = bool(healthy)
    out["inclusion"], out["exclusion"] = _criteria(m, mod, path)
    put(out, "study_population", m.markup(mod, "studyPopulation", path))
    put(
        out,
        "sampling_method",
        m.code(mod, "samplingMethod", path, enum_at("eligibility", "sampling_method")),
    )
    return out


def _criteria(m: Mapper, mod: dict[str, Any], path: str) -> tuple[list[Any], list[Any]]:
    """The criteria lists; the Markdown is read for its headings and lists first, then each
    criterion's escapes are undone."""
    text = m.markup(mod, "eligibilityCriteria", path, plain=False)
    if not text:
        return [], []
    here = json_path(path, "eligibilityCriteria")
    found = read_criteria(text)
    if found is None:
        m.note(
            "PG913",
            here,
            "the criteria do not follow the 'Inclusion Criteria:' / 'Exclusion Criteria:' "
            "convention; kept whole as one inclusion item: split them by hand",
        )
        return [unescape(text)], []
    if found.inferred:
        dropped = f"; the heading {found.dropped!r} is left out" if found.dropped else ""
        m.note(
            "PG913",
            here,
            "no 'Inclusion Criteria:' heading: the text before the 'Exclusion Criteria:' "
            f"heading is taken as the inclusion criteria{dropped}: check the split",
        )
        m.assume("/eligibility/inclusion", "no inclusion heading in the record")
    for note in found.notes:
        m.note("PG913", here, f"{note}: check the split")
    for index in suspect_items(found.inclusion):
        m.note(
            "PG913",
            here,
            f"inclusion criterion {index + 1} reads like an exclusion heading "
            f"({_first_line(found.inclusion[index])!r}): check that no exclusion criteria were "
            "read as inclusion criteria",
        )
    return found.inclusion, found.exclusion


def _first_line(item: Any) -> str:
    return criteria_text(item).split("\n", 1)[0][:80]
