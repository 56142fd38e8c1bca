"""An API v2 study → a spec dict and the findings met on the way (record JSON paths).

Plain functions over plain data: :func:`import_study` never raises for bad content. Where the
spec schema requires a value the record lacks, the empty value (``""`` or ``[]``) is written so
that ``protocolgen validate`` reports the gap; where an empty value is not allowed (a code), a
documented default is written and a PG914 warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.interop.ctgov import read_design, read_lists
from protocolgen.interop.ctgov.fields import NOT_MODELLED, unmodelled
from protocolgen.interop.ctgov.mapper import Mapper, put
from protocolgen.interop.ctgov.reading import nct_id
from protocolgen.interop.findings import RecordFinding, json_path
from protocolgen.interop.specschema import enum_at
from protocolgen.interop.values import is_partial_date

_DATED = ("ACTUAL", "ESTIMATED")
#: Statuses of a trial that has enrolled nobody: its start date can only be planned.
_NOT_STARTED = ("WITHDRAWN", "NOT_YET_RECRUITING")
_OTHER_SECTIONS = ("resultsSection", "annotationSection", "documentSection", "derivedSection")


@dataclass
class Imported:
    """One study mapped: the spec, the findings, and the spec values the importer inferred
    (JSON pointer → reason), which the YAML writer marks ``# protocolgen: assumed[reason]``."""

    spec: dict[str, Any]
    findings: list[RecordFinding]
    assumed: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


def import_study(
    study: dict[str, Any], where: str = "$"
) -> tuple[dict[str, Any], list[RecordFinding]]:
    """Map one API v2 study (at JSON path ``where``) to a spec dict, in schema key order.

    The public entry point for callers that read records themselves; :func:`read_study`
    also returns which values were inferred, for :func:`~protocolgen.interop.yaml_writer.dump_spec`.
    """
    done = read_study(study, where)
    return done.spec, done.findings


def read_study(study: dict[str, Any], where: str = "$") -> Imported:
    """:func:`import_study` with the inferred values (``Imported.assumed``)."""
    m = Mapper(where)
    section = study["protocolSection"]
    spec: dict[str, Any] = {"spec_version": 1}
    spec["identification"] = _identification(m, section)
    spec["status"] = _status(m, section)
    spec["sponsors"] = _sponsors(m, section)
    spec["contacts"] = read_lists.contacts(m, section)
    spec["description"] = _description(m, section)
    conditions, path = m.module(section, "conditionsModule")
    spec["conditions"] = m.texts(conditions, "conditions", path)
    put(spec, "keywords", m.texts(conditions, "keywords", path))
    spec["design"] = read_design.design(m, section)
    arms, interventions = read_lists.arms_and_interventions(m, section, spec["design"])
    spec["arms"], spec["interventions"] = arms, interventions
    spec["outcomes"] = read_lists.outcomes(m, section)
    spec["eligibility"] = read_design.eligibility(m, section)
    spec["schedule"] = {"visits": []}
    # CT.gov has no field for a visit schedule: a registered record is no draft for that.
    m.notes["/schedule/visits"] = (
        "# protocolgen: ignore[PG307] ClinicalTrials.gov has no field for a visit schedule"
    )
    put(spec, "locations", read_lists.locations(m, section))
    put(spec, "oversight", _oversight(m, section))
    put(spec, "ipd_sharing", _ipd(m, section))
    put(spec, "references", read_lists.references(m, section))
    put(spec, "links", read_lists.links(m, section))
    spec["registry_record"] = _registry_record(m, study, section)
    _report_unmodelled(m, study, section, where)
    return Imported(spec, sorted(m.findings), m.assumed, m.notes)


def _identification(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "identificationModule")
    out: dict[str, Any] = {}
    put(out, "sponsor_protocol_id", m.text(m.obj(mod, "orgStudyIdInfo", path), "id", path))
    title = m.text(mod, "briefTitle", path)
    if title is None:
        m.note("PG914", json_path(path, "briefTitle"), 'no brief title; written as ""')
    out["brief_title"] = title or ""
    put(out, "official_title", m.text(mod, "officialTitle", path))
    put(out, "acronym", m.text(mod, "acronym", path))
    nct = m.text(mod, "nctId", path)
    if nct:
        out["registrations"] = [
            {
                "registry": "ClinicalTrials.gov",
                "id": nct,
                "url": f"https://clinicaltrials.gov/study/{nct}",
                "primary": True,
            }
        ]
    put(out, "secondary_ids", read_lists.secondary_ids(m, mod, path))
    return out


def _status(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "statusModule")
    codes = enum_at("status", "overall")
    out: dict[str, Any] = {}
    overall = out["overall"] = m.required_code(
        mod, "overallStatus", path, codes,
        ("UNKNOWN", "/status/overall", "no overall status in the record"),
    )
    put(out, "last_known", m.code(mod, "lastKnownStatus", path, codes))
    put(out, "why_stopped", m.markup(mod, "whyStopped", path))
    # A date without a type is decided against the record's own "now": its last update.
    now = mod.get("lastUpdateSubmitDate") or mod.get("statusVerifiedDate")
    for key, name in (
        ("startDateStruct", "start_date"),
        ("primaryCompletionDateStruct", "primary_completion_date"),
        ("completionDateStruct", "completion_date"),
    ):
        # ... except the start of a trial that never started, which stays planned.
        never = overall in _NOT_STARTED and key == "startDateStruct"
        when = now if isinstance(now, str) else None
        dated = _dated(m, mod, key, path, when, overall if never else None)
        put(out, name, dated)
        if dated is not None and dated.pop("assumed", False):
            m.assume(f"/status/{name}/type", "the record gives no date type")
    verified = mod.get("statusVerifiedDate")
    if verified is not None and not is_partial_date(verified):
        m.note("PG915", json_path(path, "statusVerifiedDate"), "not a YYYY-MM date; left out")
    elif verified is not None:
        out["verified_date"] = verified
    return out


def _dated(
    m: Mapper, mod: dict[str, Any], key: str, path: str, now: str | None, never: str | None
) -> dict[str, Any] | None:
    """A date struct; a missing type is chosen (PG910): ESTIMATED when ``never`` names the
    status of a trial that never started, else by comparing the date with ``now``."""
    struct = m.obj(mod, key, path)
    if not struct:
        return None
    here = json_path(path, key)
    date = struct.get("date")
    if not is_partial_date(date):
        m.note("PG915", json_path(here, "date"), f"{date!r} is not a YYYY[-MM[-DD]] date; left out")
        return None
    kind = struct.get("type")
    if kind not in _DATED:
        if never is not None:
            kind, why = "ESTIMATED", f"because the trial is {never} (it never started)"
        else:
            kind = "ACTUAL" if now is not None and str(date) <= now else "ESTIMATED"
            reason = f"the record's last update ({now})" if now else "no update date in the record"
            why = f"by comparing it with {reason}"
        m.note(
            "PG910",
            here,
            f"{key} {date} has no ACTUAL/ESTIMATED type (older records); written as {kind} "
            f"{why}: check it",
        )
        return {"date": date, "type": kind, "assumed": True}
    return {"date": date, "type": kind}


def _sponsors(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "sponsorCollaboratorsModule")
    lead = read_lists.organisation(
        m, m.obj(mod, "leadSponsor", path), json_path(path, "leadSponsor")
    )
    if not lead.get("name"):
        m.note("PG914", json_path(path, "leadSponsor"), 'no lead sponsor name; written as ""')
        lead = {"name": "", **{k: v for k, v in lead.items() if k != "name"}}
    out: dict[str, Any] = {"lead": lead}
    put(
        out,
        "collaborators",
        [
            read_lists.organisation(m, org, here)
            for here, org in m.objects(mod, "collaborators", path)
        ],
    )
    party = m.obj(mod, "responsibleParty", path)
    here = json_path(path, "responsibleParty")
    kind = m.code(party, "type", here, enum_at("sponsors", "responsible_party", "type"))
    if kind is not None:
        rp: dict[str, Any] = {"type": kind}
        put(rp, "name", m.text(party, "investigatorFullName", here))
        put(rp, "title", m.text(party, "investigatorTitle", here))
        put(rp, "affiliation", m.text(party, "investigatorAffiliation", here))
        out["responsible_party"] = rp
    return out


def _description(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "descriptionModule")
    return {
        "brief_summary": m.markup(mod, "briefSummary", path) or "",
        "detailed_description": m.markup(mod, "detailedDescription", path) or "",
    }


def _oversight(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "oversightModule")
    out: dict[str, Any] = {}
    for key, name in (
        ("oversightHasDmc", "has_dmc"),
        ("isFdaRegulatedDrug", "fda_regulated_drug"),
        ("isFdaRegulatedDevice", "fda_regulated_device"),
        ("isUnapprovedDevice", "unapproved_device"),
        ("isUsExport", "us_export"),
    ):
        put(out, name, m.flag(mod, key, path))
    return out


def _ipd(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "ipdSharingStatementModule")
    plan = m.code(mod, "ipdSharing", path, enum_at("ipd_sharing", "plan"))
    if plan is None:
        return {}
    out: dict[str, Any] = {"plan": plan}
    put(out, "description", m.markup(mod, "description", path))
    put(out, "info_types", m.codes(mod, "infoTypes", path, enum_at("ipd_sharing", "info_types")))
    put(out, "time_frame", m.markup(mod, "timeFrame", path))
    put(out, "access_criteria", m.markup(mod, "accessCriteria", path))
    put(out, "url", m.text(mod, "url", path))
    return out


def _registry_record(m: Mapper, study: dict[str, Any], section: dict[str, Any]) -> dict[str, Any]:
    """System fields: kept for reference under registry_record, never as authored fields."""
    mod, _ = m.module(section, "statusModule")
    nct = nct_id(study)
    out: dict[str, Any] = {
        "source": f"ClinicalTrials.gov API v2 record {nct}".rstrip(),
    }
    for key, name in (
        ("studyFirstSubmitDate", "first_submitted"),
        ("studyFirstPostDateStruct", "first_posted"),
        ("lastUpdateSubmitDate", "last_update_submitted"),
        ("lastUpdatePostDateStruct", "last_update_posted"),
        ("resultsFirstPostDateStruct", "results_first_posted"),
    ):
        value = mod.get(key)
        value = value.get("date") if isinstance(value, dict) else value
        if is_partial_date(value):
            out[name] = value
    if isinstance(study.get("hasResults"), bool):
        out["has_results"] = study["hasResults"]
    return out


def _report_unmodelled(
    m: Mapper, study: dict[str, Any], section: dict[str, Any], where: str
) -> None:
    for path, count in unmodelled(section).items():
        reason = NOT_MODELLED.get(path, "not a field the spec models (nor an API v2 field)")
        times = f" ({count} times)" if count > 1 else ""
        m.note("PG916", json_path(m.base, path), f"not imported{times}: {reason}", Severity.INFO)
    others = [name for name in _OTHER_SECTIONS if name in study]
    if others:
        message = f"not imported: {', '.join(others)} (a spec holds the protocol only)"
        m.note("PG916", where, message, Severity.INFO)
