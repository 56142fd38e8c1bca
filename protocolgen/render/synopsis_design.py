"""The synopsis proper of the PDF: objectives and endpoints, overall design, population, arms.

Part of the synopsis view model (:mod:`.synopsis_view`), shaped like ICH M11 §1.1. Values
are printed as written (:func:`~.display.plain`); an empty one prints "Not provided".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from protocolgen import labels
from protocolgen.render.display import Row, arm_interventions, condition_terms, masked_roles, plain

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


def _yes_no(value: object) -> str:
    return {True: "Yes", False: "No"}.get(value, "") if isinstance(value, bool) else ""


def _endpoint(level: str, outcome: dict[str, Any]) -> Endpoint:
    return Endpoint(level, plain(outcome.get("measure")), plain(outcome.get("time_frame")),
                    plain(outcome.get("description")))


def criteria(items: Sequence[Any]) -> list[Criterion]:
    """Inclusion or exclusion criteria, keeping the source's numbers."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Criterion(item))
        else:
            out.append(Criterion(plain(item.get("text")), plain(item.get("number")),
                                 [str(s) for s in item.get("sub", [])]))
    return out


def objectives(data: dict[str, Any]) -> tuple[list[Objective], list[Endpoint]]:
    """The objectives with their endpoints, and the endpoints no objective names."""
    outcomes = {
        o["id"]: _endpoint(OUTCOME_LEVEL[group], o)
        for group in ("primary", "secondary", "other")
        for o in data["outcomes"].get(group, [])
    }
    used: set[str] = set()
    found = []
    for obj in data.get("objectives", []):
        ids = [i for i in obj.get("outcomes", []) if i in outcomes]
        used.update(ids)
        found.append(Objective(labels.label(LEVEL, obj["level"]), obj["text"],
                               [outcomes[i] for i in ids]))
    # Endpoints no objective names still belong in the synopsis, listed after the objectives.
    return found, [e for i, e in outcomes.items() if i not in used]


def design_rows(data: dict[str, Any]) -> list[Row]:
    """The overall design table (M11 §1.1.2)."""
    design = data["design"]
    masking = design.get("masking", {})
    who = masked_roles(masking)
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
        Row("Intervention duration", plain(durations.get("treatment"))),
        Row("Participation duration", plain(durations.get("participation"))),
        Row("Committees", committees or ("None" if "committees" in design else "")),
        Row("Adaptive design", _yes_no(flags.get("adaptive"))),
        Row("Master protocol", _yes_no(flags.get("master_protocol"))),
        Row("Drug/device combination", _yes_no(flags.get("combination_product"))),
    ]


def population_rows(data: dict[str, Any]) -> list[Row]:
    """Conditions, sex, age range and healthy volunteers."""
    elig = data["eligibility"]
    return [
        Row("Condition(s)", "; ".join(condition_terms(data))),
        Row("Sex", labels.label(labels.SEX, elig["sex"])),
        Row("Age", f"{labels.age(elig['minimum_age'])} to {labels.age(elig['maximum_age'])}"),
        Row("Healthy volunteers", "Accepted" if elig["healthy_volunteers"] else "Not accepted"),
    ]


def arms(data: dict[str, Any]) -> list[Arm]:
    """The arms, each with what its participants receive (dose, route, regimen)."""
    return [
        Arm(arm["label"], labels.label(labels.ARM_TYPE, arm["type"]), plain(arm.get("size")),
            plain(arm.get("description")),
            [Treatment(i["name"], labels.label(labels.INTERVENTION_TYPE, i["type"]),
                       plain(i.get("role")).capitalize(), plain(i.get("dose")),
                       plain(i.get("route")), plain(i.get("regimen")))
             for i in given])
        for arm, given in arm_interventions(data)
    ]
