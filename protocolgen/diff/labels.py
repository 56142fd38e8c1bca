"""How changes read to people: section and field names, display values, change labels.

Everything here is keyed by a *pattern*: the JSON pointer of a value with list positions
replaced by ``*`` (``/schedule/visits/*/window``), so one entry covers every item of a list.
Codes are shown with the registry's display labels from :mod:`protocolgen.labels`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from protocolgen import labels as codes
from protocolgen.resources import trial_schema

#: Short names for the Section column; keys not listed are shown with underscores as spaces.
SECTION_NAMES = {
    "spec_version": "Spec version",
    "identification": "Identification",
    "status": "Status",
    "sponsors": "Sponsors",
    "contacts": "Contacts",
    "description": "Description",
    "conditions": "Conditions",
    "keywords": "Keywords",
    "design": "Design",
    "arms": "Arms",
    "interventions": "Interventions",
    "objectives": "Objectives",
    "outcomes": "Outcomes",
    "eligibility": "Eligibility",
    "schedule": "Schedule",
    "locations": "Locations",
    "ethics": "Ethics",
    "oversight": "Oversight",
    "ipd_sharing": "IPD sharing",
    "references": "References",
    "links": "Links",
    "narrative": "Narrative",
    "registry_record": "Registry record",
}

#: What registries and ethics committees review: eligibility, outcomes, enrolment, arms and
#: interventions, status and dates, contacts. A change at or below one of these is substantial.
SUBSTANTIAL = (
    "/eligibility",
    "/outcomes",
    "/design/enrollment",
    "/arms",
    "/interventions",
    "/status",
    "/contacts",
)
#: Exceptions below a substantial prefix: re-verifying the record changes nothing reviewed.
NOT_SUBSTANTIAL = ("/status/verified_date",)

#: Names that replace the default "parent subject + field name" wording.
FIELD_NAMES = {
    "/status/overall": "Status",
    "/status/last_known": "Last known status",
    "/sponsors/lead": "Lead sponsor",
    "/design/masking/type": "Masking",
    "/design/masking/who_masked": "Masked roles",
    "/design/durations/treatment": "Treatment duration",
    "/design/durations/participation": "Participation duration",
    "/design/control/type": "Control type",
    "/design/control/description": "Control description",
    "/oversight/has_dmc": "Data monitoring committee",
    "/ipd_sharing/plan": "IPD sharing plan",
    "/schedule/description": "Schedule summary",
    "/schedule/anchor": "Anchor visit",
    "/eligibility/criteria_incomplete": "Criteria list incomplete",
    "/description/plain_language_summary/text": "Plain-language summary",
    "/design/population_type": "Population type",
    "/design/stratification/stratified": "Stratified",
    "/design/sites/distribution": "Site distribution",
    "/design/sites/geographic_scope": "Site geographic scope",
    "/identification/protocol_version/original": "Original protocol",
    "/identification/protocol_version/approval": "Sponsor approval",
}


CODE_TABLES: dict[str, dict[str, str]] = {
    "/status/overall": codes.STATUS,
    "/status/last_known": codes.STATUS,
    "/locations/*/status": codes.STATUS,
    "/design/study_type": codes.STUDY_TYPE,
    "/design/phases/*": codes.PHASE,
    "/design/allocation": codes.ALLOCATION,
    "/design/intervention_model": codes.INTERVENTION_MODEL,
    "/design/primary_purpose": codes.PRIMARY_PURPOSE,
    "/design/masking/type": codes.MASKING,
    "/design/masking/who_masked/*": codes.WHO_MASKED,
    "/arms/*/type": codes.ARM_TYPE,
    "/interventions/*/type": codes.INTERVENTION_TYPE,
    "/eligibility/sex": codes.SEX,
    "/contacts/central/*/role": codes.CONTACT_ROLE,
    "/contacts/officials/*/role": codes.CONTACT_ROLE,
    "/locations/*/contacts/*/role": codes.CONTACT_ROLE,
    "/sponsors/responsible_party/type": codes.RESPONSIBLE_PARTY,
    "/sponsors/lead/class": codes.AGENCY_CLASS,
    "/sponsors/collaborators/*/class": codes.AGENCY_CLASS,
    "/sponsors/funders/*/class": codes.AGENCY_CLASS,
    "/ipd_sharing/plan": codes.IPD_SHARING,
    "/objectives/*/estimands/*/intercurrent_events/*/strategy": codes.STRATEGY,
    "/design/population_type": codes.POPULATION_TYPE,
    "/design/control/type": codes.CONTROL_TYPE,
    "/design/parts/*/method": codes.PART_METHOD,
    "/interventions/*/role": codes.INTERVENTION_ROLE,
    "/design/sites/distribution": codes.SITE_DISTRIBUTION,
    "/design/sites/geographic_scope": codes.SITE_SCOPE,
}

#: Labels put before → after into the label itself only when both sides are this short.
SHORT = 40
ARROW = "→"


def section_order(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Top-level keys in the schema's order, then unknown keys (new spec first, then old)."""
    known = list(trial_schema().get("properties", {}))
    extra = [k for k in (*new, *old) if k not in known]
    ordered = [k for k in known if k in new or k in old]
    return ordered + list(dict.fromkeys(extra))


def section_name(key: str) -> str:
    """The Section column for a top-level key."""
    return SECTION_NAMES.get(key, humanise(key).capitalize())


#: Field names that read badly with underscores replaced.
_WORDS = {"sub": "sub-items", "pmid": "PubMed id", "url": "URL", "zip": "postal code"}


def humanise(key: str) -> str:
    """``time_frame`` → ``time frame``."""
    return _WORDS.get(key, key.replace("_", " ").strip())


def field_subject(parent: str, key: str, pattern: str) -> str:
    """What a field is called in a label: ``Visit 'Day 28'`` + ``window`` → ``... window``."""
    if pattern in FIELD_NAMES:
        return FIELD_NAMES[pattern]
    if pattern.startswith("/narrative/") and pattern.count("/") == 2:
        return f"Section '{key}'"
    return f"{parent} {humanise(key)}".strip()


def is_substantial(pattern: str) -> bool:
    """Whether a change at ``pattern`` is one registries and ethics committees care about."""

    def under(prefixes: tuple[str, ...]) -> bool:
        return any(pattern == p or pattern.startswith(p + "/") for p in prefixes)

    return under(SUBSTANTIAL) and not under(NOT_SUBSTANTIAL)


def number(value: Any) -> str:
    """``2.0`` → ``2``; other numbers as Python writes them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unit(unit: Any, amount: Any) -> str:
    word = str(unit).lower()
    return word[:-1] if amount == 1 and word.endswith("s") else word


def _counted(value: dict[str, Any], count: str) -> str:
    """``{"count": 10, "type": "ESTIMATED"}`` → ``10 (estimated)``; dates likewise."""
    shown = number(value.get(count, ""))
    kind = value.get("type")
    return f"{shown} ({codes.label(codes.DATE_TYPE, kind).lower()})" if kind else shown


def _duration(value: dict[str, Any]) -> str:
    amount = value.get("value", "")
    return f"{number(amount)} {_unit(value.get('unit', ''), amount)}".strip()


def _window(value: dict[str, Any]) -> str:
    before, after = value.get("before"), value.get("after")
    unit = _unit(value.get("unit", ""), before if before == after else None)
    if before == after:
        return f"±{number(before)} {unit}".strip()
    return f"-{number(before)}/+{number(after)} {unit}".strip()


_Formatter = Callable[[dict[str, Any]], str]
#: Mappings shown, compared and reported as one value.
ATOMIC: dict[str, _Formatter] = {
    "/design/enrollment": lambda v: _counted(v, "count"),
    "/status/start_date": lambda v: _counted(v, "date"),
    "/status/primary_completion_date": lambda v: _counted(v, "date"),
    "/status/completion_date": lambda v: _counted(v, "date"),
    "/eligibility/minimum_age": codes.age,
    "/eligibility/maximum_age": codes.age,
    "/schedule/visits/*/timing": _duration,
    "/schedule/visits/*/window": _window,
    "/design/observational/target_duration": _duration,
}


def display(pattern: str, value: Any) -> str:
    """``value`` (found at ``pattern``) as a table cell shows it; ``None`` is the empty cell."""
    if value is None:
        return ""
    if isinstance(value, dict) and pattern in ATOMIC:
        return ATOMIC[pattern](value) or compact(value)
    if value == "no_limit" and pattern in ATOMIC:
        return codes.age(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, str):
        table = CODE_TABLES.get(pattern)
        return codes.label(table, value) if table else value.strip()
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        joiner = "/" if pattern == "/design/phases" else ", "
        return joiner.join(display(pattern + "/*", v) for v in value)
    return compact(value)


def compact(value: Any) -> str:
    """Any value as one line of JSON, for shapes no other display covers."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _short(text: str) -> bool:
    return len(text) <= SHORT and "\n" not in text


def arrow(before: str, after: str) -> str:
    """``10 (estimated)``, ``20 (estimated)`` → ``10 → 20 (estimated)``: shared words once.

    Shared leading words are factored out only when trailing ones are too: "within 30 → 60
    days", but never "Phase 1 → 1/Phase 2".
    """
    old, new = before.split(" "), after.split(" ")
    tail = 0
    while tail < min(len(old), len(new)) - 1 and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    head = 0
    while tail and head < min(len(old), len(new)) - tail - 1 and old[head] == new[head]:
        head += 1
    was, now = " ".join(old[head : len(old) - tail]), " ".join(new[head : len(new) - tail])
    parts = (" ".join(old[:head]), f"{was} {ARROW} {now}", " ".join(old[len(old) - tail :]))
    return " ".join(part for part in parts if part)


def change_label(subject: str, before: str, after: str, *, values: bool = True) -> str:
    """The Change column: ``Status Recruiting → Completed``, ``Arm 'X' added``, ``... changed``.

    Short values go into the label (``values``), long ones only into Before and After.
    """
    subject = subject[:1].upper() + subject[1:]
    if not before:
        return f"{subject} added"
    if not after:
        return f"{subject} removed"
    if values and _short(before) and _short(after):
        return f"{subject} {arrow(before, after)}"
    return f"{subject} changed"
