"""Spec data + findings → the typed view model the summary templates get, and nothing else.

Every decision about *what* a reader sees is made here, where it can be tested: codes become
display labels, sites are grouped by country, arms are joined with their interventions by id,
dates carry "(Actual)"/"(Estimated)", and a required item that is empty becomes
:data:`MISSING` instead of silently vanishing. Templates only decide how it looks.

Only schema-valid data (a spec without error findings) is passed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from protocolgen import labels as L
from protocolgen.diagnostics import Diagnostic, Severity

#: What CT.gov prints for a required item that has no value.
MISSING = "[Missing]"


@dataclass(frozen=True)
class Row:
    """One labelled value of a key/value table; ``value`` may be :data:`MISSING`."""

    label: str
    value: str


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True)
class Site:
    facility: str
    status: str
    place: str  # "City, State, Zip"
    contacts: list[Contact]


@dataclass(frozen=True)
class Country:
    name: str
    sites: list[Site]


@dataclass(frozen=True)
class Criterion:
    text: str
    sub: list[str]


@dataclass(frozen=True)
class Intervention:
    title: str  # "Biological: UC-MSCs", as CT.gov lists it
    description: str
    other_names: list[str]
    details: list[Row]  # dose, route, regimen


@dataclass(frozen=True)
class Arm:
    title: str  # "Experimental: MSCs group"
    description: str
    size: str
    interventions: list[Intervention]


@dataclass(frozen=True)
class Outcome:
    measure: str
    description: str
    time_frame: str


@dataclass(frozen=True)
class OutcomeGroup:
    title: str
    outcomes: list[Outcome]


@dataclass(frozen=True)
class Visit:
    name: str
    epoch: str
    timing: str
    window: str


@dataclass(frozen=True)
class Gap:
    """An open finding of a draft (no file path: output must not depend on the cwd)."""

    line: int
    code: str
    message: str


@dataclass(frozen=True)
class Summary:
    """The registry summary of one trial; fields follow the CT.gov section order."""

    # header
    title: str
    acronym: str
    registry_ids: list[Row]
    status: str
    sponsor: str
    protocol_version: str
    # overview
    brief_summary: str
    detailed_description: str
    official_title: str
    conditions: list[str]
    keywords: list[str]
    interventions: list[Intervention]
    other_ids: list[str]
    overview_rows: list[Row]
    # contacts and locations
    central_contacts: list[Contact]
    countries: list[Country]
    # participation criteria
    inclusion: list[Criterion]
    exclusion: list[Criterion]
    criteria_incomplete: bool
    participation_rows: list[Row]
    # study plan
    design_rows: list[Row]
    arms: list[Arm]
    outcome_groups: list[OutcomeGroup]
    # follow-up schedule
    schedule_text: str
    epochs: list[Row]
    visits: list[Visit]
    # collaborators and investigators
    people_rows: list[Row]
    collaborators: list[str]
    officials: list[Row]
    # references
    references: list[str]
    links: list[Row]
    # record dates
    record_dates: list[Row]
    #: True when the spec still has warnings: it renders, but is marked as a draft.
    draft: bool = False
    gaps: list[Gap] = field(default_factory=list)
    missing: str = MISSING


def text(value: Any) -> str:
    """A scalar as display text; ``None`` and containers become ``""``."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value).strip()


def required(value: Any) -> str:
    """Display text of a required item, or :data:`MISSING` when it is empty."""
    return text(value) or MISSING


def dated(value: Any) -> str:
    """``{"date": "2025-04-15", "type": "ACTUAL"}`` → ``"2025-04-15 (Actual)"``."""
    if not isinstance(value, dict) or not text(value.get("date")):
        return MISSING
    kind = L.label(L.DATE_TYPE, value.get("type"))
    return f"{text(value['date'])} ({kind})" if kind else text(value["date"])


def _list(values: Any) -> list[Any]:
    return values if isinstance(values, list) else []


def _dicts(values: Any) -> list[dict[str, Any]]:
    return [v for v in _list(values) if isinstance(v, dict)]


def _strings(values: Any) -> list[str]:
    return [t for t in (text(v) for v in _list(values)) if t]


def _rows(*pairs: tuple[str, str]) -> list[Row]:
    """Rows from (label, value) pairs; an empty value is an optional item left out."""
    return [Row(label, value) for label, value in pairs if value]


def _join(*parts: str, sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _contact(raw: dict[str, Any]) -> Contact:
    phone = _join(text(raw.get("phone")), text(raw.get("phone_ext")), sep=" ext. ")
    role = L.label(L.CONTACT_ROLE, raw.get("role"))
    return Contact(text(raw.get("name")), role, phone, text(raw.get("email")))


def _ages(elig: dict[str, Any]) -> str:
    low, high = elig.get("minimum_age"), elig.get("maximum_age")
    if low == "no_limit" and high == "no_limit":
        return "All ages (no limit)"
    if high == "no_limit":
        return f"{L.age(low)} and older"
    if low == "no_limit":
        return f"Up to {L.age(high)}"
    return required(_join(L.age(low), L.age(high), sep=" to "))


def _criteria(values: Any) -> list[Criterion]:
    found = []
    for item in _list(values):
        if isinstance(item, dict):
            found.append(Criterion(text(item.get("text")), _strings(item.get("sub"))))
        elif text(item):
            found.append(Criterion(text(item), []))
    return found


def _intervention(raw: dict[str, Any]) -> Intervention:
    kind = L.label(L.INTERVENTION_TYPE, raw.get("type"))
    return Intervention(
        title=_join(kind, text(raw.get("name")), sep=": "),
        description=text(raw.get("description")),
        other_names=_strings(raw.get("other_names")),
        details=_rows(
            ("Dose", text(raw.get("dose"))),
            ("Route", text(raw.get("route"))),
            ("Regimen", text(raw.get("regimen"))),
        ),
    )


def _countries(data: dict[str, Any]) -> list[Country]:
    grouped: dict[str, list[Site]] = {}
    for raw in _dicts(data.get("locations")):
        place = _join(text(raw.get("city")), text(raw.get("state")), text(raw.get("zip")))
        site = Site(
            facility=text(raw.get("facility")),
            status=L.label(L.STATUS, raw.get("status")),
            place=place,
            contacts=[_contact(c) for c in _dicts(raw.get("contacts"))],
        )
        grouped.setdefault(required(raw.get("country")), []).append(site)
    # Countries alphabetically, sites in the order the spec lists them (as CT.gov does).
    return [Country(name, sites) for name, sites in sorted(grouped.items())]


def _design_rows(design: dict[str, Any]) -> list[Row]:
    interventional = design.get("study_type") == "INTERVENTIONAL"
    if not interventional:
        obs = design.get("observational") or {}
        return _rows(
            ("Observational Model", L.label({}, obs.get("model")).replace("_", " ").title()),
            ("Time Perspective", L.label({}, obs.get("time_perspective")).title()),
        )
    masking = design.get("masking") or {}
    masked = ", ".join(L.label(L.WHO_MASKED, w) for w in _list(masking.get("who_masked")))
    mask = L.label(L.MASKING, masking.get("type"))
    allocation = L.label(L.ALLOCATION, design.get("allocation"))
    ratio = text(design.get("allocation_ratio"))
    return [
        Row("Primary Purpose", required(L.label(L.PRIMARY_PURPOSE, design.get("primary_purpose")))),
        Row("Allocation", required(_join(allocation, f"({ratio})" if ratio else "", sep=" "))),
        Row("Interventional Model", required(L.label(L.INTERVENTION_MODEL,
                                                     design.get("intervention_model")))),
        *_rows(("Model Description", text(design.get("intervention_model_description")))),
        Row("Masking", required(_join(mask, f"({masked})" if masked else "", sep=" "))),
        *_rows(("Masking Description", text(masking.get("description")))),
    ]


def _arms(data: dict[str, Any]) -> list[Arm]:
    by_id = {text(i.get("id")): _intervention(i) for i in _dicts(data.get("interventions"))}
    return [
        Arm(
            title=_join(L.label(L.ARM_TYPE, raw.get("type")), text(raw.get("label")), sep=": "),
            description=text(raw.get("description")),
            size=text(raw.get("size")),
            # Unknown ids are error findings (PG202), so such a spec never reaches this point.
            interventions=[by_id[i] for i in _strings(raw.get("interventions")) if i in by_id],
        )
        for raw in _dicts(data.get("arms"))
    ]


def _outcomes(outcomes: dict[str, Any]) -> list[OutcomeGroup]:
    groups = []
    for key, title in (("primary", "Primary"), ("secondary", "Secondary"), ("other", "Other")):
        found = [
            Outcome(text(o.get("measure")), text(o.get("description")), text(o.get("time_frame")))
            for o in _dicts(outcomes.get(key))
        ]
        if found or key == "primary":  # a primary outcome is required; the others optional
            groups.append(OutcomeGroup(f"{title} Outcome Measures", found))
    return groups


def _timing(timing: dict[str, Any]) -> str:
    """``{"value": 14, "unit": "DAYS"}`` → ``"Day 14"`` (counted from the anchor visit)."""
    value, unit = timing.get("value"), text(timing.get("unit"))
    if value is None or not unit:
        return ""
    number = int(value) if isinstance(value, float) and value.is_integer() else value
    return f"{unit.rstrip('S').title()} {number}"


def _visits(schedule: dict[str, Any]) -> list[Visit]:
    epochs = {text(e.get("id")): text(e.get("name")) for e in _dicts(schedule.get("epochs"))}
    found = []
    for raw in _dicts(schedule.get("visits")):
        timing, window = raw.get("timing") or {}, raw.get("window") or {}
        when = _timing(timing)
        if window:
            unit = text(window.get("unit")).lower()
            span = f"−{text(window.get('before'))} / +{text(window.get('after'))} {unit}"
        else:
            span = ""
        found.append(Visit(text(raw.get("name")), epochs.get(text(raw.get("epoch")), ""),
                           when, span))
    return found


def _people(data: dict[str, Any]) -> tuple[list[Row], list[Row]]:
    sponsors = data.get("sponsors") or {}
    party = sponsors.get("responsible_party") or {}
    who = _join(text(party.get("name")), text(party.get("title")), text(party.get("affiliation")))
    kind = L.label(L.RESPONSIBLE_PARTY, party.get("type"))
    rows = [
        Row("Lead Sponsor", required((sponsors.get("lead") or {}).get("name"))),
        *_rows(("Responsible Party", _join(kind, who, sep=": "))),
    ]
    officials = [
        Row(L.label(L.CONTACT_ROLE, o.get("role")) or "Official",
            _join(text(o.get("name")), text(o.get("affiliation"))))
        for o in _dicts((data.get("contacts") or {}).get("officials"))
    ]
    return rows, officials


def _gaps(findings: Sequence[Diagnostic]) -> list[Gap]:
    return [Gap(d.line, d.code, d.message) for d in sorted(findings)
            if d.severity is Severity.WARNING]


def build_summary(data: dict[str, Any], findings: Sequence[Diagnostic] = ()) -> Summary:
    """Build the :class:`Summary` of one schema-valid spec and its (non-error) findings."""
    ident, status = data.get("identification") or {}, data.get("status") or {}
    design, desc = data.get("design") or {}, data.get("description") or {}
    elig, schedule = data.get("eligibility") or {}, data.get("schedule") or {}
    record = data.get("registry_record") or {}
    version = ident.get("protocol_version") or {}
    enrollment = design.get("enrollment") or {}
    people, officials = _people(data)
    gaps = _gaps(findings)
    phase = L.phases(_strings(design.get("phases")))
    if design.get("study_type") == "INTERVENTIONAL":
        phase = required(phase)  # CT.gov requires a phase ("Not Applicable" counts)
    return Summary(
        title=required(ident.get("brief_title")),
        acronym=text(ident.get("acronym")),
        registry_ids=[Row(text(r.get("registry")), text(r.get("id")))
                      for r in _dicts(ident.get("registrations"))],
        status=required(L.label(L.STATUS, status.get("overall"))),
        sponsor=required(((data.get("sponsors") or {}).get("lead") or {}).get("name")),
        protocol_version=_join(text(version.get("number")), text(version.get("date")),
                               text(version.get("amendment"))),
        brief_summary=required(desc.get("brief_summary")),
        detailed_description=required(desc.get("detailed_description")),
        official_title=text(ident.get("official_title")),
        conditions=[text(c.get("term")) if isinstance(c, dict) else text(c)
                    for c in _list(data.get("conditions"))],
        keywords=_strings(data.get("keywords")),
        interventions=[_intervention(i) for i in _dicts(data.get("interventions"))],
        other_ids=_strings([ident.get("sponsor_protocol_id")])
        + [_join(text(s.get("id")), text(s.get("domain")), sep=" — ")
           for s in _dicts(ident.get("secondary_ids"))],
        overview_rows=[
            Row("Study Start", dated(status.get("start_date"))),
            Row("Primary Completion", dated(status.get("primary_completion_date"))),
            Row("Study Completion", dated(status.get("completion_date"))),
            Row("Enrollment", dated({"date": enrollment.get("count"),
                                     "type": enrollment.get("type")})),
            Row("Study Type", required(L.label(L.STUDY_TYPE, design.get("study_type")))),
            *_rows(("Phase", phase), ("Why Stopped", text(status.get("why_stopped")))),
        ],
        central_contacts=[_contact(c) for c in _dicts((data.get("contacts") or {}).get("central"))],
        countries=_countries(data),
        inclusion=_criteria(elig.get("inclusion")),
        exclusion=_criteria(elig.get("exclusion")),
        criteria_incomplete=elig.get("criteria_incomplete") is True,
        participation_rows=[
            Row("Ages Eligible for Study", _ages(elig)),
            Row("Sexes Eligible for Study", required(L.label(L.SEX, elig.get("sex")))),
            Row("Accepts Healthy Volunteers", required(elig.get("healthy_volunteers"))),
            *_rows(("Study Population", text(elig.get("study_population")))),
        ],
        design_rows=_design_rows(design),
        arms=_arms(data),
        outcome_groups=_outcomes(data.get("outcomes") or {}),
        schedule_text=text(schedule.get("description")),
        epochs=[Row(text(e.get("name")), _join(text(e.get("duration")), text(e.get("description")),
                                               sep=" — "))
                for e in _dicts(schedule.get("epochs"))],
        visits=_visits(schedule),
        people_rows=people,
        collaborators=_strings([c.get("name") for c in _dicts(data.get("sponsors", {})
                                                                 .get("collaborators"))]),
        officials=officials,
        references=[_join(text(r.get("citation")), f"PMID {r['pmid']}" if r.get("pmid") else "",
                          text(r.get("url")), sep=" ")
                    for r in _dicts(data.get("references"))],
        links=[Row(text(k.get("label")) or text(k.get("url")), text(k.get("url")))
               for k in _dicts(data.get("links"))],
        record_dates=_rows(
            ("First Submitted", text(record.get("first_submitted"))),
            ("First Posted", text(record.get("first_posted"))),
            ("Last Update Submitted", text(record.get("last_update_submitted"))),
            ("Last Update Posted", text(record.get("last_update_posted"))),
            ("Results First Posted", text(record.get("results_first_posted"))),
            ("Last Verified", text(status.get("verified_date"))),
        ),
        draft=bool(gaps),
        gaps=gaps,
    )
