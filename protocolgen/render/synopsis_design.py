"""M11 §1.1 of the PDF: objectives, endpoints and estimands (1.1.1) and the overall design (1.1.2).

Part of the synopsis view model (:mod:`.synopsis_view`). The overall-design rows are the
elements of the M11 Step 4 §1.1.2 table, in its order; each is printed from the spec, or
"Not applicable" where the element cannot apply, or left empty for the template to print
"Not provided". Values are printed as written (:func:`~.display.plain`), with "[assumed]"
beside the ones the spec marks as assumed (:mod:`.assumed_view`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from protocolgen import labels
from protocolgen.render.assumed_view import mark
from protocolgen.render.display import Row, age_span, condition_terms, join, masked_roles, plain

NA = "Not applicable"
COMMITTEE = {
    "DMC": "Independent Data Monitoring Committee", "DOSE_ESCALATION": "Dose Escalation Committee",
    "ENDPOINT_ADJUDICATION": "Endpoint Adjudication Committee",
    "STEERING": "Steering Committee", "OTHER": "Other committee",
}
#: M11 "Trial Blind Schema" words for the CT.gov masking codes.
BLIND = {"NONE": "Open label", "SINGLE": "Single blind", "DOUBLE": "Double blind",
         "TRIPLE": "Triple blind", "QUADRUPLE": "Quadruple blind"}
OUTCOME_LEVEL = {"primary": "Primary", "secondary": "Secondary", "other": "Exploratory"}


@dataclass(frozen=True)
class Endpoint:
    """An outcome measure as the synopsis shows it."""

    level: str
    measure: str
    time_frame: str
    description: str


@dataclass(frozen=True)
class Estimand:
    """One estimand (ICH E9(R1)): its attributes as label/value rows."""

    id: str
    rows: list[Row]


@dataclass(frozen=True)
class Objective:
    """An objective with the endpoints that measure it and its estimands."""

    level: str
    text: str
    endpoints: list[Endpoint]
    estimands: list[Estimand] = field(default_factory=list)


def _yes_no(value: object, pointer: str) -> str:
    return mark({True: "Yes", False: "No"}[value], pointer) if isinstance(value, bool) else ""


def _endpoint(level: str, outcome: dict[str, Any], pointer: str) -> Endpoint:
    return Endpoint(level, mark(plain(outcome.get("measure")), pointer),
                    plain(outcome.get("time_frame")), plain(outcome.get("description")))


def _estimand(raw: dict[str, Any], at: str, outcomes: dict[str, Endpoint],
              arms: dict[str, str]) -> Estimand:
    variable = outcomes.get(raw["variable"])
    events = "; ".join(
        f"{e['event']}: {labels.label(labels.STRATEGY, e['strategy'])}"
        + (f" ({e['description']})" if e.get("description") else "")
        for e in raw.get("intercurrent_events", [])
    )
    compared = ", ".join(arms.get(a, a) for a in raw.get("arms", []))
    return Estimand(raw["id"], [
        Row("Population", mark(raw["population"], f"{at}/population")),
        Row("Treatment", mark(raw["treatment"] + (f" (arms: {compared})" if compared else ""),
                              f"{at}/treatment", f"{at}/arms")),
        Row("Variable (endpoint)", mark(variable.measure if variable else raw["variable"],
                                        f"{at}/variable")),
        Row("Intercurrent events and strategies",
            mark(events, f"{at}/intercurrent_events") or "None identified"),
        Row("Population-level summary", mark(raw["summary_measure"], f"{at}/summary_measure")),
    ])


def objectives(data: dict[str, Any]) -> tuple[list[Objective], list[Endpoint]]:
    """The objectives with their endpoints and estimands, and the endpoints no objective names."""
    outcomes = {
        o["id"]: _endpoint(OUTCOME_LEVEL[group], o, f"/outcomes/{group}/{i}")
        for group in ("primary", "secondary", "other")
        for i, o in enumerate(data["outcomes"].get(group, []))
    }
    arms = {a["id"]: a["label"] for a in data["arms"]}
    used: set[str] = set()
    found = []
    for n, obj in enumerate(data.get("objectives", [])):
        ids = [i for i in obj.get("outcomes", []) if i in outcomes]
        used.update(ids)
        at = f"/objectives/{n}"
        found.append(Objective(
            labels.label(labels.OBJECTIVE_LEVEL, obj["level"]),
            mark(obj["text"], f"{at}/text", f"{at}/level"),
            [outcomes[i] for i in ids],
            [_estimand(e, f"{at}/estimands/{k}", outcomes, arms)
             for k, e in enumerate(obj.get("estimands", []))],
        ))
    # Endpoints no objective names still belong in the synopsis, listed after the objectives.
    return found, [e for i, e in outcomes.items() if i not in used]


def _investigational(data: dict[str, Any]) -> str:
    names = [
        mark(i["name"] + (f" ({i['product_code']})" if i.get("product_code") else ""),
             f"/interventions/{n}/name", f"/interventions/{n}/product_code")
        for n, i in enumerate(data.get("interventions", []))
        if i.get("role", "EXPERIMENTAL") == "EXPERIMENTAL"
    ]
    return "; ".join(names)


def _sites(data: dict[str, Any]) -> tuple[str, str]:
    sites = data["design"].get("sites", {})
    distribution = mark(labels.label(labels.SITE_DISTRIBUTION, sites.get("distribution")),
                        "/design/sites/distribution")
    scope = mark(labels.label(labels.SITE_SCOPE, sites.get("geographic_scope")),
                 "/design/sites/geographic_scope")
    locations = data.get("locations", [])
    count = (data.get("registry_record") or {}).get("location_count")
    listed = len(locations)
    # Derived only from a complete list: the source's own count must not exceed it.
    if locations and (count is None or count <= listed):
        countries = {loc["country"] for loc in locations}
        basis = f" (from the {listed} listed site{'s' if listed != 1 else ''})"
        distribution = distribution or (
            ("Single-centre" if listed == 1 else "Multicentre") + basis)
        scope = scope or (
            ("Single country" if len(countries) == 1 else "Multiple countries") + basis)
    elif count == 1:
        distribution = distribution or "Single-centre (the source reports 1 location)"
    return distribution, scope


def _assignment(design: dict[str, Any]) -> str:
    allocation = design.get("allocation")
    strat = design.get("stratification", {})
    stratified = strat.get("stratified")
    if allocation == "NA":
        return mark(NA + " (single group)", "/design/allocation")
    word: str = {
        ("RANDOMIZED", True): "Stratified randomisation", ("RANDOMIZED", False): "Randomisation",
        ("RANDOMIZED", None): "Randomisation",
        ("NON_RANDOMIZED", True): "Stratification", ("NON_RANDOMIZED", False): "Non-randomised",
        ("NON_RANDOMIZED", None): "Non-randomised",
    }.get((str(allocation), stratified), "")
    if word and design.get("allocation_ratio"):
        word += f", {design['allocation_ratio']}"
    if word and strat.get("factors"):
        word += f"; stratified by {', '.join(strat['factors'])}"
    # Each part's method, unless its name already says it ("Part 2: randomised").
    parts = [join(p["name"], method, sep=": ") if method.lower() not in p["name"].lower()
             else p["name"]
             for p in design.get("parts", []) if p.get("method")
             for method in [labels.label(labels.PART_METHOD, p["method"])]]
    text = word + (f" ({'; '.join(parts)})" if word and parts else "")
    return mark(text, "/design/allocation", "/design/allocation_ratio", "/design/stratification")


def participants(data: dict[str, Any]) -> str:
    """M11's "A [target/maximum] of N participants will be [randomly assigned/enrolled]",
    with each part's own count and verb: only a randomised part is "randomly assigned"."""
    design = data["design"]
    enrol = design["enrollment"]
    parts = design.get("parts", [])
    randomised = design.get("allocation") == "RANDOMIZED" and not parts
    verb = "randomly assigned to trial intervention" if randomised else "enrolled"
    if enrol["type"] == "ACTUAL":
        text = f"A total of {enrol['count']} participants were {verb}"
    else:
        text = f"A target of {enrol['count']} participants will be {verb}"
    lines = [mark(text, "/design/enrollment")]
    for n, part in enumerate(parts):
        part_verb = "randomly assigned" if part.get("method") == "RANDOMIZED" else "enrolled"
        size = (f"{part['size']} participants {part_verb}" if "size" in part
                else f"number {part_verb} not given")
        lines.append(mark(f"{part['name']}: {size}", f"/design/parts/{n}/size"))
    return "; ".join(lines)


def _committees(design: dict[str, Any], independent: bool) -> str:
    if "committees" not in design:
        return ""
    names = [
        mark(c.get("name") or labels.label(COMMITTEE, c["type"]), f"/design/committees/{n}")
        for n, c in enumerate(design["committees"]) if bool(c.get("independent")) == independent
    ]
    return "; ".join(names) or "None"


def design_rows(data: dict[str, Any]) -> list[Row]:
    """The overall design table: every M11 Step 4 §1.1.2 element, in the template's order."""
    design = data["design"]
    interventional = design["study_type"] == "INTERVENTIONAL"
    masking = design.get("masking", {})
    control = design.get("control", {})
    flags = design.get("flags", {})
    durations = design.get("durations", {})
    elig = data["eligibility"]
    model = labels.label(labels.INTERVENTION_MODEL, design.get("intervention_model"))
    if design.get("intervention_model_description"):
        model += f": {design['intervention_model_description']}"
    blind = mark(labels.label(BLIND, masking.get("type")), "/design/masking/type")
    roles = mark(masked_roles(masking), "/design/masking/who_masked")
    if masking.get("type") == "NONE":
        roles = NA + " (open label)"
    control_type = mark(labels.label(labels.CONTROL_TYPE, control.get("type")),
                        "/design/control/type")
    control_text = mark(plain(control.get("description")), "/design/control/description")
    if control.get("type") == "NONE" and not control_text:
        control_text = NA
    distribution, scope = _sites(data)
    not_interventional = NA + f" ({labels.label(labels.STUDY_TYPE, design['study_type'])})"
    return [
        Row("Intervention", _investigational(data)),
        Row("Population type", mark(labels.label(labels.POPULATION_TYPE,
                                                 design.get("population_type")),
                                    "/design/population_type")),
        Row("Intervention model", mark(model, "/design/intervention_model")
            if interventional else not_interventional),
        Row("Population diagnosis or condition", mark("; ".join(condition_terms(data)),
                                                      "/conditions")),
        Row("Control type", control_type if interventional else not_interventional),
        Row("Population age", mark(age_span(elig["minimum_age"], elig["maximum_age"]),
                                   "/eligibility/minimum_age", "/eligibility/maximum_age")),
        Row("Control description", control_text if interventional else not_interventional),
        Row("Site distribution", distribution),
        Row("Site geographic scope", scope),
        Row("Intervention assignment method",
            _assignment(design) if interventional else not_interventional),
        Row("Master protocol", _yes_no(flags.get("master_protocol"), "/design/flags")),
        Row("Drug/device combination product", _yes_no(flags.get("combination_product"),
                                                       "/design/flags")),
        Row("Adaptive trial design", _yes_no(flags.get("adaptive"), "/design/flags")),
        Row("Number of arms", str(len(data["arms"]))),
        Row("Trial blind schema", blind if interventional else not_interventional),
        Row("Blinded roles", roles if interventional else not_interventional),
        Row("Number of participants", participants(data)),
        Row("Duration of trial intervention per participant",
            mark(plain(durations.get("treatment")), "/design/durations/treatment")),
        Row("Duration of trial participation per participant",
            mark(plain(durations.get("participation")), "/design/durations/participation")),
        Row("Additional description of duration",
            mark(plain(durations.get("description")), "/design/durations/description")),
        Row("Independent committees", _committees(design, True)),
        Row("Other committees", _committees(design, False)),
        # Not M11 §1.1.2 elements, but the registry's design facts a reader expects here.
        Row("Study type", labels.label(labels.STUDY_TYPE, design["study_type"])),
        Row("Primary purpose", mark(labels.label(labels.PRIMARY_PURPOSE,
                                                 design.get("primary_purpose")),
                                    "/design/primary_purpose")),
    ]


def blank_rows(rows: Sequence[Row]) -> int:
    """How many rows print "Not provided" (for tests and the draft note)."""
    return sum(1 for r in rows if not r.value)
