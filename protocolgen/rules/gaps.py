"""Gap rules: content the spec acknowledges but has not written yet.

The schema makes these sections required so that nothing silently vanishes; an empty value
is allowed so a draft still validates. These warnings are how the gaps stay visible.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.rules.base import Finding, get, items, rule

#: Statuses in which people are being (or about to be) enrolled.
ENROLLING = ("RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION")


def _blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, (list, dict)) and not value)


@rule(
    "PG301",
    "no-conditions",
    Severity.WARNING,
    "At least one condition is named",
    passing="conditions: [Lupus]",
    failing="conditions: []",
)
def no_conditions(data: dict[str, Any]) -> Iterator[Finding]:
    """Registries (CT.gov, WHO TRDS item 12) need the condition or disease studied.
    `conditions: []` records that it is not written yet."""
    if _blank(data.get("conditions")):
        yield Finding(
            "/conditions",
            "no condition is named",
            "List the disease or condition studied under 'conditions:'.",
            at_key=True,
        )


@rule(
    "PG302",
    "empty-brief-summary",
    Severity.WARNING,
    "The brief summary is written",
    passing="brief_summary: A short summary.",
    failing="brief_summary: ''",
)
def empty_brief_summary(data: dict[str, Any]) -> Iterator[Finding]:
    """The brief summary is required by ClinicalTrials.gov and is the first thing a reader
    of the registry sees."""
    if _blank(get(data, "description", "brief_summary")):
        yield Finding(
            "/description/brief_summary",
            "the brief summary is empty",
            "Write a short plain-language summary of the trial.",
            at_key=True,
        )


@rule(
    "PG303",
    "empty-detailed-description",
    Severity.WARNING,
    "The detailed description is written",
    passing="detailed_description: Background ...",
    failing="detailed_description: ''",
)
def empty_detailed_description(data: dict[str, Any]) -> Iterator[Finding]:
    """The detailed description carries background, rationale and procedures; an empty one
    is usually content lost on the way from the protocol to the spec."""
    if _blank(get(data, "description", "detailed_description")):
        yield Finding(
            "/description/detailed_description",
            "the detailed description is empty",
            "Add the background, rationale and procedures.",
            at_key=True,
        )


def _reachable(contact: dict[str, Any]) -> bool:
    return bool(str(contact.get("phone", "")).strip() or str(contact.get("email", "")).strip())


@rule(
    "PG304",
    "enrolling-without-contact",
    Severity.WARNING,
    "An enrolling trial says whom to contact",
    passing="overall: RECRUITING\ncontacts: {central: [{name: A, email: a@example.org}]}",
    failing="overall: RECRUITING\ncontacts: {central: [{name: A}]}",
)
def enrolling_without_contact(data: dict[str, Any]) -> Iterator[Finding]:
    """While a trial is recruiting (or about to), people need a central contact or a site
    contact with a phone number or email (CT.gov requires one of them)."""
    status = get(data, "status", "overall")
    if status not in ENROLLING:
        return
    contacts = [c for _, c in items(data, "contacts", "central")]
    contacts += [c for _, site in items(data, "locations") for c in site.get("contacts", [])]
    if not any(_reachable(c) for c in contacts if isinstance(c, dict)):
        named = " (contacts are named but have no phone or email)" if contacts else ""
        yield Finding(
            "/status/overall",
            f"the trial is {status.replace('_', ' ').lower()} but gives no contact "
            f"with a phone number or email{named}",
            "Add a central contact under 'contacts.central' with phone and email.",
        )


@rule(
    "PG305",
    "recruiting-without-site",
    Severity.WARNING,
    "A recruiting trial has a recruiting site",
    passing="overall: RECRUITING\nlocations: [{facility: H, status: RECRUITING}]",
    failing="overall: RECRUITING\nlocations: [{facility: H}]",
)
def recruiting_without_site(data: dict[str, Any]) -> Iterator[Finding]:
    """A trial whose overall status is RECRUITING should list at least one location whose
    own status is RECRUITING, so people know where to go."""
    if get(data, "status", "overall") != "RECRUITING":
        return
    sites = [site for _, site in items(data, "locations")]
    if not any(site.get("status") == "RECRUITING" for site in sites):
        detail = "no location is listed" if not sites else "no location has status RECRUITING"
        yield Finding(
            "/status/overall",
            f"the trial is recruiting but {detail}",
            "Add the recruiting sites under 'locations:' with 'status: RECRUITING'.",
        )


@rule(
    "PG306",
    "no-primary-outcome",
    Severity.WARNING,
    "At least one primary outcome is defined",
    passing="primary: [{id: O1, measure: ..., time_frame: Day 28}]",
    failing="primary: []",
)
def no_primary_outcome(data: dict[str, Any]) -> Iterator[Finding]:
    """Every trial needs at least one primary outcome measure with a time frame (CT.gov,
    WHO TRDS item 19, SPIRIT 12)."""
    if _blank(get(data, "outcomes", "primary")):
        yield Finding(
            "/outcomes/primary",
            "no primary outcome is defined",
            "Add the primary endpoint with its measure and time frame.",
            at_key=True,
        )


@rule(
    "PG307",
    "empty-schedule",
    Severity.WARNING,
    "The follow-up schedule has visits",
    passing="visits: [{id: V1, name: Day 28}]",
    failing="visits: []",
)
def empty_schedule(data: dict[str, Any]) -> Iterator[Finding]:
    """The schedule of activities (ICH M11 §1.3, SPIRIT 13) lists every visit; a schedule
    with no visits leaves the follow-up undefined."""
    if _blank(get(data, "schedule", "visits")):
        yield Finding(
            "/schedule/visits",
            "the follow-up schedule has no visits",
            "List the visits with their timing and window under 'schedule.visits'.",
            at_key=True,
        )


@rule(
    "PG308",
    "no-arms",
    Severity.WARNING,
    "An interventional trial has arms",
    passing="arms: [{id: A1}]",
    failing="study_type: INTERVENTIONAL\narms: []",
)
def no_arms(data: dict[str, Any]) -> Iterator[Finding]:
    """Interventional trials assign participants to at least one arm."""
    if get(data, "design", "study_type") == "INTERVENTIONAL" and _blank(data.get("arms")):
        yield Finding(
            "/arms",
            "no arm is defined",
            "Add each arm with its type and interventions.",
            at_key=True,
        )


@rule(
    "PG309",
    "criteria-incomplete",
    Severity.WARNING,
    "Eligibility criteria are complete",
    passing="inclusion: [Adult]\nexclusion: [Pregnancy]",
    failing="criteria_incomplete: true",
)
def criteria_incomplete(data: dict[str, Any]) -> Iterator[Finding]:
    """Inclusion and exclusion lists must both be written out in full. A spec marks a list
    taken from an abridged source with `criteria_incomplete: true`."""
    if get(data, "eligibility", "criteria_incomplete") is True:
        yield Finding(
            "/eligibility/criteria_incomplete",
            "the eligibility criteria are marked as incomplete",
            "Copy the full criteria from the protocol, then remove 'criteria_incomplete'.",
            at_key=True,
        )
    for kind in ("inclusion", "exclusion"):
        if _blank(get(data, "eligibility", kind)):
            yield Finding(
                f"/eligibility/{kind}",
                f"no {kind} criteria are listed",
                f"List the {kind} criteria, one item each.",
                at_key=True,
            )


@rule(
    "PG310",
    "no-contacts",
    Severity.WARNING,
    "Contacts or investigators are named",
    passing="officials: [{name: Dr A}]",
    failing="central: []\nofficials: []",
)
def no_contacts(data: dict[str, Any]) -> Iterator[Finding]:
    """A registration names a public contact or a responsible investigator (WHO TRDS items 7
    and 8)."""
    central = get(data, "contacts", "central") or []
    officials = get(data, "contacts", "officials") or []
    site_contacts = [c for _, s in items(data, "locations") for c in s.get("contacts", [])]
    if not central and not officials and not site_contacts:
        yield Finding(
            "/contacts",
            "no contact or investigator is named",
            "Add a central contact and the principal investigator.",
            at_key=True,
        )
