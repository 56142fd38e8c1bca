"""Consistency rules for the design: sizes, allocation, masking, phases, arms, interventions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.rules.base import Finding, get, items, rule

_ALLOWED_PHASE_PAIRS = ({"PHASE1", "PHASE2"}, {"PHASE2", "PHASE3"})
_MASKED_ROLES = {"SINGLE": 1, "DOUBLE": 2, "TRIPLE": 3, "QUADRUPLE": 4}
_INTERVENTIONAL_ONLY = ("phases", "allocation", "intervention_model", "masking")


def _sizes(entries: list[dict[str, Any]]) -> list[int]:
    """The planned size of each entry, or [] unless every entry gives one."""
    sizes = [e.get("size") for e in entries]
    return (
        [s for s in sizes if isinstance(s, int)] if all(isinstance(s, int) for s in sizes) else []
    )


def _part_range(data: dict[str, Any], part: dict[str, Any]) -> tuple[int, int] | None:
    """Smallest and largest number of participants a part can enrol, when its sizes say."""
    if isinstance(part.get("size"), int):
        return part["size"], part["size"]
    cohorts = _sizes([c for c in part.get("cohorts", []) if isinstance(c, dict)])
    if cohorts:
        total = sum(cohorts)
        # A 3+3 cohort of 3 may grow to 6 when one participant has a dose-limiting toxicity.
        grow = 2 if part.get("method") == "DOSE_ESCALATION_3_PLUS_3" else 1
        return total, total * grow
    return None


@rule(
    "PG410",
    "enrollment-size-mismatch",
    Severity.WARNING,
    "Planned enrolment matches the arm, part and cohort sizes",
    passing="enrollment: {count: 20, type: ESTIMATED}\narms: [{size: 10}, {size: 10}]",
    failing="enrollment: {count: 30, type: ESTIMATED}\narms: [{size: 10}, {size: 10}]",
)
def enrollment_size_mismatch(data: dict[str, Any]) -> Iterator[Finding]:
    """The planned enrolment is the sum of the parts of the design (a 3+3 cohort counts as
    3 to 6 participants), or, without parts, of the arms, whenever every size is given.
    A part's size is the sum of its arms' sizes. An ACTUAL enrolment is not compared:
    real counts legitimately differ from the plan."""
    arms = {a.get("id"): a for _, a in items(data, "arms")}
    for pointer, part in items(data, "design", "parts"):
        sizes = _sizes([arms[a] for a in part.get("arms", []) if a in arms])
        if isinstance(part.get("size"), int) and sizes and sum(sizes) != part["size"]:
            yield Finding(
                pointer + "/size",
                f"the part plans {part['size']} participants but its arms add up to {sum(sizes)}",
                "Make the part size and the arm sizes agree.",
            )
    enrollment = get(data, "design", "enrollment")
    if enrollment["type"] != "ESTIMATED":
        return
    count = enrollment["count"]
    parts = [part for _, part in items(data, "design", "parts")]
    if parts:
        ranges = [_part_range(data, part) for part in parts]
        if any(r is None for r in ranges):
            return
        low = sum(r[0] for r in ranges if r)
        high = sum(r[1] for r in ranges if r)
        what = "the parts"
    else:
        sizes = _sizes(list(arms.values()))
        if not sizes:
            return
        low = high = sum(sizes)
        what = "the arms"
    if not low <= count <= high:
        planned = str(low) if low == high else f"{low} to {high}"
        yield Finding(
            "/design/enrollment/count",
            f"the planned enrolment is {count} but {what} add up to {planned}",
            "Correct the enrolment target or the sizes.",
        )


@rule(
    "PG411",
    "randomized-single-arm",
    Severity.ERROR,
    "A randomised trial has at least two arms",
    passing="allocation: RANDOMIZED\narms: [A1, A2]",
    failing="allocation: RANDOMIZED\narms: [A1]",
)
def randomized_single_arm(data: dict[str, Any]) -> Iterator[Finding]:
    """Randomisation assigns participants between arms, so a RANDOMIZED design needs at
    least two. A single-arm trial has allocation NA. (No arms at all is PG308.)"""
    arms = data.get("arms") or []
    if get(data, "design", "allocation") == "RANDOMIZED" and len(arms) == 1:
        yield Finding(
            "/design/allocation",
            "the allocation is randomised but the trial has only one arm",
            "Add the other arm(s), or set 'allocation: NA' for a single-arm trial.",
        )


@rule(
    "PG412",
    "open-label-with-masked-roles",
    Severity.ERROR,
    "An open-label design names no masked roles",
    passing="masking: {type: DOUBLE, who_masked: [PARTICIPANT, INVESTIGATOR]}",
    failing="masking: {type: NONE, who_masked: [PARTICIPANT]}",
)
def open_label_with_masked_roles(data: dict[str, Any]) -> Iterator[Finding]:
    """Masking NONE means everyone knows the assignment; listing masked roles contradicts
    it."""
    masking = get(data, "design", "masking") or {}
    if masking.get("type") == "NONE" and masking.get("who_masked"):
        yield Finding(
            "/design/masking/who_masked",
            "the design is open label but lists masked roles",
            "Remove 'who_masked', or set the masking type that matches the roles.",
        )


@rule(
    "PG413",
    "masked-roles-missing",
    Severity.WARNING,
    "A masked design says who is masked",
    passing="masking: {type: SINGLE, who_masked: [OUTCOMES_ASSESSOR]}",
    failing="masking: {type: TRIPLE}",
)
def masked_roles_missing(data: dict[str, Any]) -> Iterator[Finding]:
    """SINGLE to QUADRUPLE masking names that many masked roles (participant, care
    provider, investigator, outcomes assessor); CT.gov requires who is masked and ICH M11
    lists the blinded roles in the synopsis."""
    masking = get(data, "design", "masking") or {}
    expected = _MASKED_ROLES.get(masking.get("type", ""))
    if expected is None:
        return
    roles = masking.get("who_masked") or []
    if not roles:
        yield Finding(
            "/design/masking/type",
            f"the masking is {masking['type'].lower()} but the spec does not say who is masked",
            "List the masked roles under 'design.masking.who_masked'.",
        )
    elif len(set(roles)) != expected:
        yield Finding(
            "/design/masking/who_masked",
            f"{masking['type'].lower()} masking means {expected} masked role(s), "
            f"but {len(set(roles))} are listed",
            "Make the masking type and the masked roles agree.",
        )


@rule(
    "PG414",
    "placebo-open-label",
    Severity.WARNING,
    "A placebo is masked",
    passing="masking: {type: DOUBLE, ...}\narms: [{type: PLACEBO_COMPARATOR}]",
    failing="masking: {type: NONE}\narms: [{type: PLACEBO_COMPARATOR}]",
)
def placebo_open_label(data: dict[str, Any]) -> Iterator[Finding]:
    """A placebo or sham only makes sense when someone is masked; with masking NONE one of
    the two is probably wrong (or the comparator is really no intervention)."""
    if get(data, "design", "masking", "type") != "NONE":
        return
    for pointer, arm in items(data, "arms"):
        if arm.get("type") in ("PLACEBO_COMPARATOR", "SHAM_COMPARATOR"):
            yield Finding(
                pointer + "/type",
                f"arm '{arm.get('id')}' is a {arm['type'].split('_')[0].lower()} comparator "
                "in an open-label design",
                "Check the masking, or make the arm NO_INTERVENTION or ACTIVE_COMPARATOR.",
            )


@rule(
    "PG415",
    "invalid-phase-combination",
    Severity.ERROR,
    "Phases are one phase or PHASE1+PHASE2 / PHASE2+PHASE3",
    passing="phases: [PHASE2, PHASE3]",
    failing="phases: [PHASE1, PHASE3]",
)
def invalid_phase_combination(data: dict[str, Any]) -> Iterator[Finding]:
    """ClinicalTrials.gov accepts a single phase or the combinations PHASE1/PHASE2 and
    PHASE2/PHASE3; NA and EARLY_PHASE1 stand alone."""
    phases = get(data, "design", "phases") or []
    distinct = set(phases)
    if len(distinct) > 1 and distinct not in _ALLOWED_PHASE_PAIRS:
        yield Finding(
            "/design/phases",
            f"the phases {' + '.join(phases)} are not an allowed combination",
            "Use one phase, or PHASE1 + PHASE2, or PHASE2 + PHASE3.",
        )


@rule(
    "PG416",
    "field-of-other-study-type",
    Severity.WARNING,
    "Design fields match the study type",
    passing="study_type: OBSERVATIONAL\nobservational: {model: COHORT}",
    failing="study_type: OBSERVATIONAL\nallocation: RANDOMIZED",
)
def field_of_other_study_type(data: dict[str, Any]) -> Iterator[Finding]:
    """Allocation, intervention model, masking and phases describe interventional trials;
    the observational block, study population and sampling method describe observational
    studies. A field of the other type is ignored by registries and usually a mistake."""
    kind = get(data, "design", "study_type")
    design = data["design"]
    if kind == "OBSERVATIONAL":
        wrong = [(f"/design/{k}", k) for k in _INTERVENTIONAL_ONLY if k in design]
    else:
        wrong = [("/design/observational", "observational")] if "observational" in design else []
        wrong += [
            (f"/eligibility/{k}", k)
            for k in ("study_population", "sampling_method")
            if k in data["eligibility"]
        ]
    for pointer, name in wrong:
        yield Finding(
            pointer,
            f"'{name}' does not apply to {kind.replace('_', ' ').lower()} studies",
            "Remove it, or correct 'design.study_type'.",
            at_key=True,
        )


@rule(
    "PG417",
    "arm-without-intervention",
    Severity.WARNING,
    "Every arm except NO_INTERVENTION has an intervention",
    passing="arms: [{type: NO_INTERVENTION, interventions: []}]",
    failing="arms: [{type: OTHER, interventions: []}]",
)
def arm_without_intervention(data: dict[str, Any]) -> Iterator[Finding]:
    """WHO TRDS 13 and CT.gov link each arm to what its participants receive; only a
    NO_INTERVENTION arm has none."""
    for pointer, arm in items(data, "arms"):
        if arm.get("type") != "NO_INTERVENTION" and not arm.get("interventions"):
            yield Finding(
                pointer + "/interventions",
                f"arm '{arm.get('id')}' ({arm['type'].lower()}) has no intervention",
                "List its interventions, or make it a NO_INTERVENTION arm.",
            )


@rule(
    "PG418",
    "unused-intervention",
    Severity.WARNING,
    "Every intervention is given in some arm",
    passing="interventions: [{id: I1}]\narms: [{interventions: [I1]}]",
    failing="interventions: [{id: I1}, {id: I2}]\narms: [{interventions: [I1]}]",
)
def unused_intervention(data: dict[str, Any]) -> Iterator[Finding]:
    """An intervention no arm names is either left over or missing from an arm."""
    used = {ref for _, arm in items(data, "arms") for ref in arm.get("interventions", [])}
    for pointer, intervention in items(data, "interventions"):
        if intervention.get("id") not in used:
            yield Finding(
                pointer + "/id",
                f"intervention '{intervention.get('id')}' is not given in any arm",
                "Add it to the arms that receive it, or remove it.",
            )
