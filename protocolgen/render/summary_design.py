"""The trial sections of the registry summary: participation criteria, study plan, schedule.

Part of the summary view model (:mod:`.view`): eligibility criteria and ages, the design
rows, arms joined with their interventions, outcome groups and the follow-up visits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from protocolgen import labels as L
from protocolgen.render.assumed_view import mark
from protocolgen.render.display import (
    Row,
    age_span,
    arm_interventions,
    dicts,
    join,
    masked_roles,
    required,
    rows,
    strings,
    text,
)


@dataclass(frozen=True)
class Intervention:
    title: str  # "Biological: UC-MSCs", as CT.gov lists it
    description: str
    other_names: list[str]
    details: list[Row]  # dose, route, regimen
    #: No arm lists it (an observational study without groups): the overview is the only
    #: place its description can be shown.
    armless: bool = False

    @property
    def listed(self) -> str:
        """The overview's item: the title, and the description of an armless intervention."""
        if self.armless and self.description:
            return f"{self.title} — {self.description}"
        return self.title


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


def ages(elig: dict[str, Any]) -> str:
    """The eligible age range, with "no_limit" at either end in words, and the standard age
    groups it spans as CT.gov derives them: "18 Years and older (Adult, Older Adult)"."""
    low, high = elig.get("minimum_age"), elig.get("maximum_age")
    groups = ", ".join(L.std_ages(low, high))
    span = age_span(low, high)
    if not span:
        return required(span)
    return f"{span} ({groups})" if groups else span


def intervention(raw: dict[str, Any], at: str = "") -> Intervention:
    """An intervention titled as CT.gov lists it ("Biological: UC-MSCs")."""
    kind = L.label(L.INTERVENTION_TYPE, raw.get("type"))
    return Intervention(
        title=mark(join(kind, text(raw.get("name")), sep=": "), f"{at}/type", f"{at}/name"),
        description=mark(text(raw.get("description")), f"{at}/description"),
        other_names=strings(raw.get("other_names")),
        details=rows(
            ("Role", mark(L.label(L.INTERVENTION_ROLE, raw.get("role")), f"{at}/role")),
            ("Dose", mark(text(raw.get("dose")), f"{at}/dose")),
            ("Route", mark(text(raw.get("route")), f"{at}/route")),
            ("Regimen", mark(text(raw.get("regimen")), f"{at}/regimen")),
        ),
    )


def overview_interventions(data: dict[str, Any]) -> list[Intervention]:
    """Every intervention in the spec's order; those no arm lists are marked ``armless``."""
    listed = {id(i) for _, given in arm_interventions(data) for i in given}
    return [
        replace(intervention(i, f"/interventions/{n}"), armless=id(i) not in listed)
        for n, i in enumerate(dicts(data.get("interventions")))
    ]


def design_rows(design: dict[str, Any]) -> list[Row]:
    """The study design table: interventional and observational studies differ."""
    interventional = design.get("study_type") == "INTERVENTIONAL"
    if not interventional:
        obs = design.get("observational") or {}
        return rows(
            ("Observational Model", L.label(L.OBSERVATIONAL_MODEL, obs.get("model"))),
            ("Time Perspective", L.label(L.TIME_PERSPECTIVE, obs.get("time_perspective"))),
            ("Patient Registry", text(obs.get("patient_registry"))),
            ("Target Follow-Up Duration", L.age(obs.get("target_duration"))),
            ("Biospecimen Retention", L.label(L.BIOSPECIMEN_RETENTION,
                                              obs.get("biospecimen_retention"))),
            ("Biospecimen Description", text(obs.get("biospecimen_description"))),
        )
    masking = design.get("masking") or {}
    masked = masked_roles(masking)
    mask = L.label(L.MASKING, masking.get("type"))
    allocation = L.label(L.ALLOCATION, design.get("allocation"))
    ratio = text(design.get("allocation_ratio"))
    return [
        Row("Primary Purpose", mark(required(L.label(L.PRIMARY_PURPOSE,
                                                     design.get("primary_purpose"))),
                                    "/design/primary_purpose")),
        Row("Allocation", mark(required(join(allocation, f"({ratio})" if ratio else "", sep=" ")),
                               "/design/allocation", "/design/allocation_ratio")),
        Row("Interventional Model", mark(required(L.label(L.INTERVENTION_MODEL,
                                                          design.get("intervention_model"))),
                                         "/design/intervention_model")),
        *rows(("Model Description", text(design.get("intervention_model_description")))),
        Row("Masking", mark(required(join(mask, f"({masked})" if masked else "", sep=" ")),
                            "/design/masking")),
        *rows(("Masking Description", text(masking.get("description")))),
    ]


def arms(data: dict[str, Any]) -> list[Arm]:
    """The arms, each with the interventions its participants receive."""
    index = {id(i): n for n, i in enumerate(dicts(data.get("interventions")))}
    return [
        Arm(
            title=mark(join(L.label(L.ARM_TYPE, raw.get("type")), text(raw.get("label")),
                            sep=": "), f"/arms/{n}/type", f"/arms/{n}/label"),
            description=mark(text(raw.get("description")), f"/arms/{n}/description"),
            size=mark(text(raw.get("size")), f"/arms/{n}/size"),
            interventions=[intervention(i, f"/interventions/{index[id(i)]}") for i in given],
        )
        for n, (raw, given) in enumerate(arm_interventions(data))
    ]


def outcomes(found: dict[str, Any]) -> list[OutcomeGroup]:
    """Primary, secondary and other outcome measures; the primary group is always shown."""
    groups = []
    for key, title in (("primary", "Primary"), ("secondary", "Secondary"), ("other", "Other")):
        measures = [
            Outcome(text(o.get("measure")), text(o.get("description")), text(o.get("time_frame")))
            for o in dicts(found.get(key))
        ]
        if measures or key == "primary":  # a primary outcome is required; the others optional
            groups.append(OutcomeGroup(f"{title} Outcome Measures", measures))
    return groups


def _timing(timing: dict[str, Any]) -> str:
    """``{"value": 14, "unit": "DAYS"}`` → ``"Day 14"`` (counted from the anchor visit)."""
    value, unit = timing.get("value"), text(timing.get("unit"))
    if value is None or not unit:
        return ""
    number = int(value) if isinstance(value, float) and value.is_integer() else value
    return f"{unit.rstrip('S').title()} {number}"


def visits(schedule: dict[str, Any]) -> list[Visit]:
    """The follow-up visits with their epoch, timing and window."""
    epochs = {text(e.get("id")): text(e.get("name")) for e in dicts(schedule.get("epochs"))}
    found = []
    for n, raw in enumerate(dicts(schedule.get("visits"))):
        timing, window = raw.get("timing") or {}, raw.get("window") or {}
        when = _timing(timing)
        if window:
            unit = text(window.get("unit")).lower()
            span = f"−{text(window.get('before'))} / +{text(window.get('after'))} {unit}"
        else:
            span = ""
        at = f"/schedule/visits/{n}"
        found.append(Visit(mark(text(raw.get("name")), f"{at}/name"),
                           epochs.get(text(raw.get("epoch")), ""),
                           mark(when, f"{at}/timing"), mark(span, f"{at}/window")))
    return found
