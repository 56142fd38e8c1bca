"""Spec data + findings → the typed view model the PDF synopsis templates read.

Shaped like the ICH M11 protocol summary: title block, synopsis (objectives and endpoints,
overall design, population, interventions per arm), trial schema, schedule of activities,
contacts and sites, then what is still missing. Every value is a plain string, list or
dataclass, so templates never reach into the raw spec or call Python.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from protocolgen import labels
from protocolgen.diagnostics import Diagnostic, Severity

CONTROL = {
    "PLACEBO": "Placebo", "ACTIVE": "Active comparator", "DOSE_COMPARISON": "Dose comparison",
    "STANDARD_OF_CARE": "Standard of care", "NO_TREATMENT": "No treatment",
    "EXTERNAL": "External", "NONE": "No control",
}
COMMITTEE = {
    "DMC": "Data monitoring committee", "DOSE_ESCALATION": "Dose escalation committee",
    "ENDPOINT_ADJUDICATION": "Endpoint adjudication committee",
    "STEERING": "Steering committee", "OTHER": "Other committee",
}
LEVEL = {"PRIMARY": "Primary", "SECONDARY": "Secondary", "EXPLORATORY": "Exploratory"}
OUTCOME_LEVEL = {"primary": "Primary", "secondary": "Secondary", "other": "Exploratory"}


@dataclass(frozen=True)
class Row:
    """One label/value line of a two-column table; ``value == ""`` prints "Not provided"."""

    label: str
    value: str


@dataclass(frozen=True)
class Endpoint:
    """An outcome measure as the synopsis shows it."""

    level: str
    measure: str
    time_frame: str
    description: str


@dataclass(frozen=True)
class Objective:
    """An objective with the endpoints that measure it."""

    level: str
    text: str
    endpoints: list[Endpoint]


@dataclass(frozen=True)
class Treatment:
    """One intervention as given in one arm."""

    name: str
    kind: str
    role: str
    dose: str
    route: str
    regimen: str


@dataclass(frozen=True)
class Arm:
    """An arm and the interventions its participants receive."""

    label: str
    kind: str
    size: str
    description: str
    treatments: list[Treatment]


@dataclass(frozen=True)
class Criterion:
    """An eligibility criterion, with its number in the source when it has one."""

    text: str
    number: str = ""
    sub: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Missing:
    """A finding listed on the "what is missing" page."""

    code: str
    severity: str
    where: str
    message: str
    hint: str


@dataclass
class Synopsis:
    """Everything the synopsis templates show."""

    title: str
    short_title: str
    acronym: str
    protocol_id: str
    version: str
    version_date: str
    running_header: str
    lang: str
    author: str
    keywords: str
    #: ``dcterms.created``/``modified``: the spec's protocol version date, never "now".
    meta_date: str
    #: Shown only when ``SOURCE_DATE_EPOCH`` is set, so unset builds stay reproducible.
    build_date: str
    title_rows: list[Row]
    objectives: list[Objective]
    unlinked_endpoints: list[Endpoint]
    design_rows: list[Row]
    population_rows: list[Row]
    inclusion: list[Criterion]
    exclusion: list[Criterion]
    criteria_incomplete: bool
    arms: list[Arm]
    schema: SchemaTable
    soa: Soa
    central_contacts: list[list[str]]
    officials: list[list[str]]
    sites: list[list[str]]
    missing: list[Missing]

    @property
    def draft(self) -> bool:
        """A spec with warnings or errors renders as a marked draft."""
        return bool(self.missing)


def _s(value: object) -> str:
    return "" if value is None else str(value)


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _yes_no(value: object) -> str:
    return {True: "Yes", False: "No"}.get(value, "") if isinstance(value, bool) else ""


def _endpoint(level: str, outcome: dict[str, Any]) -> Endpoint:
    return Endpoint(level, _s(outcome.get("measure")), _s(outcome.get("time_frame")),
                    _s(outcome.get("description")))


def _criteria(items: Sequence[Any]) -> list[Criterion]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Criterion(item))
        else:
            out.append(Criterion(_s(item.get("text")), _s(item.get("number")),
                                 [str(s) for s in item.get("sub", [])]))
    return out


def _registry_ids(ident: dict[str, Any]) -> str:
    ids = [f"{r['registry']}: {r['id']}" for r in ident.get("registrations", [])]
    ids += [f"{s.get('domain') or s.get('type') or 'Other'}: {s['id']}"
            for s in ident.get("secondary_ids", [])]
    return "; ".join(ids)


def _objectives(data: dict[str, Any]) -> tuple[list[Objective], list[Endpoint]]:
    outcomes = {
        o["id"]: _endpoint(OUTCOME_LEVEL[group], o)
        for group in ("primary", "secondary", "other")
        for o in data["outcomes"].get(group, [])
    }
    used: set[str] = set()
    objectives = []
    for obj in data.get("objectives", []):
        ids = [i for i in obj.get("outcomes", []) if i in outcomes]
        used.update(ids)
        objectives.append(Objective(labels.label(LEVEL, obj["level"]), obj["text"],
                                    [outcomes[i] for i in ids]))
    # Endpoints no objective names still belong in the synopsis, listed after the objectives.
    return objectives, [e for i, e in outcomes.items() if i not in used]


def _design_rows(data: dict[str, Any]) -> list[Row]:
    design = data["design"]
    masking = design.get("masking", {})
    who = ", ".join(labels.label(labels.WHO_MASKED, w) for w in masking.get("who_masked", []))
    control = design.get("control", {})
    enrol = design["enrollment"]
    target = "target" if enrol["type"] == "ESTIMATED" else "total"
    flags = design.get("flags", {})
    durations = design.get("durations", {})
    committees = "; ".join(
        (c.get("name") or labels.label(COMMITTEE, c["type"]))
        + (" (independent)" if c.get("independent") else "")
        for c in design.get("committees", [])
    )
    model = labels.label(labels.INTERVENTION_MODEL, design.get("intervention_model"))
    if design.get("intervention_model_description"):
        model += f": {design['intervention_model_description']}"
    allocation = labels.label(labels.ALLOCATION, design.get("allocation"))
    if design.get("allocation_ratio"):
        allocation += f" ({design['allocation_ratio']})"
    return [
        Row("Study type", labels.label(labels.STUDY_TYPE, design["study_type"])),
        Row("Phase", labels.phases(design.get("phases", []))),
        Row("Primary purpose", labels.label(labels.PRIMARY_PURPOSE, design.get("primary_purpose"))),
        Row("Intervention model", model),
        Row("Allocation", allocation),
        Row("Blinding", labels.label(labels.MASKING, masking.get("type"))),
        Row("Blinded roles", who if who or masking.get("type") != "NONE" else "Not applicable"),
        Row("Number of arms", str(len(data["arms"]))),
        Row("Control type", labels.label(CONTROL, control.get("type"))
            + (f": {control['description']}" if control.get("description") else "")),
        Row("Number of participants", f"A {target} of {enrol['count']} participants"),
        Row("Intervention duration", _s(durations.get("treatment"))),
        Row("Participation duration", _s(durations.get("participation"))),
        Row("Committees", committees or ("None" if "committees" in design else "")),
        Row("Adaptive design", _yes_no(flags.get("adaptive"))),
        Row("Master protocol", _yes_no(flags.get("master_protocol"))),
        Row("Drug/device combination", _yes_no(flags.get("combination_product"))),
    ]


def _population_rows(data: dict[str, Any]) -> list[Row]:
    elig = data["eligibility"]
    conditions = "; ".join(c if isinstance(c, str) else c["term"] for c in data["conditions"])
    return [
        Row("Condition(s)", conditions),
        Row("Sex", labels.label(labels.SEX, elig["sex"])),
        Row("Age", f"{labels.age(elig['minimum_age'])} to {labels.age(elig['maximum_age'])}"),
        Row("Healthy volunteers", "Accepted" if elig["healthy_volunteers"] else "Not accepted"),
    ]


def _arms(data: dict[str, Any]) -> list[Arm]:
    by_id = {i["id"]: i for i in data["interventions"]}
    arms = []
    for arm in data["arms"]:
        treatments = [
            Treatment(i["name"], labels.label(labels.INTERVENTION_TYPE, i["type"]),
                      _s(i.get("role")).capitalize(), _s(i.get("dose")), _s(i.get("route")),
                      _s(i.get("regimen")))
            for i in (by_id[ref] for ref in arm["interventions"] if ref in by_id)
        ]
        arms.append(Arm(arm["label"], labels.label(labels.ARM_TYPE, arm["type"]),
                        _s(arm.get("size")), _s(arm.get("description")), treatments))
    return arms


def _contact_cells(person: dict[str, Any]) -> list[str]:
    phone = _s(person.get("phone")) + (f" ext. {person['phone_ext']}"
                                       if person.get("phone_ext") else "")
    return [person["name"], labels.label(labels.CONTACT_ROLE, person.get("role")), phone,
            _s(person.get("email"))]


def _build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ""
    return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d")


def build_synopsis(data: dict[str, Any], findings: Sequence[Diagnostic]) -> Synopsis:
    """Build the synopsis view of one schema-valid spec and its findings."""
    ident = data["identification"]
    version = ident.get("protocol_version", {})
    title = ident.get("official_title") or ident["brief_title"]
    protocol_id = _s(ident.get("sponsor_protocol_id"))
    number = _s(version.get("number"))
    header = " · ".join(x for x in (
        f"Protocol {protocol_id}" if protocol_id else ident.get("acronym", ""),
        f"Version {number}" if number else "", _s(version.get("date"))) if x)
    sponsors = data["sponsors"]
    objectives, unlinked = _objectives(data)
    elig = data["eligibility"]
    return Synopsis(
        title=title,
        short_title=ident["brief_title"] if ident["brief_title"] != title else "",
        acronym=_s(ident.get("acronym")),
        protocol_id=protocol_id,
        version=number,
        version_date=_s(version.get("date")),
        running_header=header or _clip(ident["brief_title"], 90),
        lang="en",
        author=sponsors["lead"]["name"],
        keywords=", ".join(c if isinstance(c, str) else c["term"] for c in data["conditions"]),
        meta_date=_s(version.get("date")),
        build_date=_build_date(),
        title_rows=[
            Row("Sponsor protocol identifier", protocol_id),
            Row("Acronym", _s(ident.get("acronym"))),
            Row("Protocol version", " ".join(x for x in (
                number, f"({version['date']})" if version.get("date") else "",
                f"amendment {version['amendment']}" if version.get("amendment") else "") if x)),
            Row("Sponsor", sponsors["lead"]["name"]),
            Row("Collaborators", "; ".join(c["name"] for c in sponsors.get("collaborators", []))),
            Row("Trial phase", labels.phases(data["design"].get("phases", []))),
            Row("Registry identifiers", _registry_ids(ident)),
            Row("Recruitment status", labels.label(labels.STATUS, data["status"]["overall"])),
        ],
        objectives=objectives,
        unlinked_endpoints=unlinked,
        design_rows=_design_rows(data),
        population_rows=_population_rows(data),
        inclusion=_criteria(elig["inclusion"]),
        exclusion=_criteria(elig["exclusion"]),
        criteria_incomplete=bool(elig.get("criteria_incomplete")),
        arms=_arms(data),
        schema=build_schema(data),
        soa=build_soa(data),
        central_contacts=[_contact_cells(c) for c in data["contacts"]["central"]],
        officials=[[o["name"], labels.label(labels.CONTACT_ROLE, o.get("role")),
                    _s(o.get("affiliation"))] for o in data["contacts"]["officials"]],
        sites=[[loc["facility"], ", ".join(_s(loc.get(k)) for k in ("city", "state", "zip")
                                           if loc.get(k)),
                loc["country"], labels.label(labels.STATUS, loc.get("status")),
                "; ".join(", ".join(x for x in _contact_cells(c) if x and x != "Contact")
                          for c in loc.get("contacts", []))]
               for loc in data.get("locations", [])],
        missing=[Missing(d.code, d.severity.label, f"line {d.line}, {d.pointer or '/'}",
                         d.message, d.hint)
                 for d in findings if d.severity >= Severity.WARNING],
    )


# --- Trial schema and schedule of activities -------------------------------------------

#: Most visit columns one SoA table holds before the grid continues in a further block.
SOA_BLOCK = 12
_SHARED_EPOCHS = {"SCREENING", "RUN_IN", "FOLLOW_UP"}
_UNIT = {"HOURS": "Hour", "DAYS": "Day", "WEEKS": "Week", "MONTHS": "Month", "YEARS": "Year"}


@dataclass(frozen=True)
class SchemaColumn:
    """An epoch of the trial schema; ``shared`` epochs span all arms (screening, follow-up)."""

    name: str
    duration: str
    shared: bool
    text: str


@dataclass(frozen=True)
class SchemaTable:
    """Arms (rows) flowing through epochs (columns)."""

    entry: str
    columns: list[SchemaColumn]
    rows: list[tuple[Arm, list[str]]]
    parts: list[Row]


@dataclass(frozen=True)
class SoaColumn:
    """One visit of the schedule of activities."""

    name: str
    timing: str
    window: str
    contact: str


@dataclass(frozen=True)
class SoaBlock:
    """Up to :data:`SOA_BLOCK` visits: epoch header spans, visit columns, grouped rows."""

    epochs: list[tuple[str, int]]
    columns: list[SoaColumn]
    groups: list[tuple[str, list[tuple[str, str, list[str]]]]]


@dataclass(frozen=True)
class Soa:
    """The whole schedule: blocks of visits, footnotes (marker, text), anchor and summary."""

    blocks: list[SoaBlock]
    footnotes: list[tuple[str, str]]
    anchor: str
    description: str
    wide: bool


def timing_label(timing: dict[str, Any] | None) -> str:
    """``{"value": -14, "unit": "DAYS"}`` → ``"Day −14"``."""
    if not timing:
        return ""
    return f"{_UNIT[timing['unit']]} {timing['value']:g}".replace("-", "−")


def window_label(window: dict[str, Any] | None) -> str:
    """``{"before": 2, "after": 2, "unit": "DAYS"}`` → ``"±2 days"``."""
    if not window:
        return ""
    unit = window["unit"].lower()
    before, after = window["before"], window["after"]
    if before == after:
        return f"±{before:g} {unit}"
    return "/".join(x for x in (f"−{before:g}" * bool(before), f"+{after:g}" * bool(after))
                    if x) + f" {unit}"


def build_schema(data: dict[str, Any]) -> SchemaTable:
    """Arms through epochs: shared epochs once for all arms, treatment epochs per arm."""
    arms = _arms(data)
    epochs = data["schedule"].get("epochs", [])
    columns = [SchemaColumn(e["name"], _s(e.get("duration")), e.get("type") in _SHARED_EPOCHS,
                            _s(e.get("description"))) for e in epochs]
    if not any(not c.shared for c in columns):
        columns.append(SchemaColumn("Trial intervention", "", False, ""))
    design = data["design"]
    allocation = labels.label(labels.ALLOCATION, design.get("allocation"))
    ratio = design.get("allocation_ratio")
    entry = f"{design['enrollment']['count']} participants" + (
        f", {allocation.lower()}" + (f" {ratio}" if ratio else "")
        if design.get("allocation") in ("RANDOMIZED", "NON_RANDOMIZED") else "")
    rows = [(arm, [", ".join(t.name for t in arm.treatments) or arm.kind for _ in columns])
            for arm in arms]
    parts = []
    for part in design.get("parts", []):
        bits = [f"{part['size']} participants"] if "size" in part else []
        bits += [" ".join(x for x in (c["name"], c.get("dose", ""),
                                      f"(n = {c['size']})" if "size" in c else "") if x)
                 for c in part.get("cohorts", [])]
        parts.append(Row(part["name"], "; ".join(bits) or _s(part.get("description"))))
    return SchemaTable(entry, columns, rows, parts)


def build_soa(data: dict[str, Any]) -> Soa:
    """Visits × activities, with outcome assessments as an "Endpoints" row group."""
    schedule = data["schedule"]
    visits = schedule["visits"]
    epoch_names = {e["id"]: e["name"] for e in schedule.get("epochs", [])}
    notes = {f["id"]: (chr(ord("a") + i % 26) * (1 + i // 26), f["text"])
             for i, f in enumerate(schedule.get("footnotes", []))}
    rows: list[tuple[str, str, str, set[str]]] = [
        (a.get("group", "Procedures"), a["name"],
         ",".join(notes[n][0] for n in a.get("footnotes", []) if n in notes), set(a["visits"]))
        for a in schedule.get("activities", [])]
    for group in ("primary", "secondary", "other"):
        rows += [("Endpoints", f"{OUTCOME_LEVEL[group]}: {o['measure']}", "", set(o["visits"]))
                 for o in data["outcomes"].get(group, []) if o.get("visits")]
    by_id = {v["id"]: v for v in visits}
    anchor = by_id.get(schedule.get("anchor", ""), {}).get("name", "")
    blocks = []
    for start in range(0, len(visits), SOA_BLOCK):
        chunk = visits[start:start + SOA_BLOCK]
        spans: list[tuple[str, int]] = []
        for v in chunk:
            name = epoch_names.get(v.get("epoch", ""), "")
            if spans and spans[-1][0] == name:
                spans[-1] = (name, spans[-1][1] + 1)
            else:
                spans.append((name, 1))
        groups: dict[str, list[tuple[str, str, list[str]]]] = {}
        for group, name, marks, at in rows:
            groups.setdefault(group, []).append(
                (name, marks, ["X" if v["id"] in at else "" for v in chunk]))
        columns = [SoaColumn(v["name"], timing_label(v.get("timing")),
                             window_label(v.get("window")),
                             "" if v.get("contact", "IN_PERSON") == "IN_PERSON"
                             else v["contact"].capitalize()) for v in chunk]
        blocks.append(SoaBlock(spans, columns, list(groups.items())))
    return Soa(blocks, list(notes.values()), anchor, _s(schedule.get("description")),
               wide=len(visits) > 6)
