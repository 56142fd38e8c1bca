"""Cross-reference rules: ids are unique, every reference names something that exists."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.rules.base import Finding, get, items, rule

#: Collections whose items carry ids, as (label, path to the list or lists).
ID_COLLECTIONS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("arm", (("arms",),)),
    ("intervention", (("interventions",),)),
    ("objective", (("objectives",),)),
    ("outcome", (("outcomes", "primary"), ("outcomes", "secondary"), ("outcomes", "other"))),
    ("epoch", (("schedule", "epochs"),)),
    ("visit", (("schedule", "visits"),)),
    ("activity", (("schedule", "activities"),)),
    ("footnote", (("schedule", "footnotes"),)),
    ("part", (("design", "parts"),)),
    ("criterion", (("eligibility", "inclusion"), ("eligibility", "exclusion"))),
)


def _ids(data: dict[str, Any], label: str) -> dict[str, str]:
    """id → pointer of its first definition, for one collection."""
    paths = dict(ID_COLLECTIONS)[label]
    found: dict[str, str] = {}
    for path in paths:
        for pointer, item in items(data, *path):
            if isinstance(item.get("id"), str):
                found.setdefault(item["id"], pointer + "/id")
    return found


@rule(
    "PG201",
    "duplicate-id",
    Severity.ERROR,
    "Ids are unique within their list",
    passing="arms: [{id: A1}, {id: A2}]",
    failing="arms: [{id: A1}, {id: A1}]",
)
def duplicate_ids(data: dict[str, Any]) -> Iterator[Finding]:
    """Arms, interventions, outcomes, visits, activities and the other lists that carry ids
    are cross-referenced by id, so each id may appear only once in its list (outcome ids
    are shared by the primary, secondary and other lists; cohort ids across all parts)."""
    for label, paths in ID_COLLECTIONS:
        seen: set[str] = set()
        for path in paths:
            base = "/" + "/".join(path)
            yield from _repeated(get(data, *path), base, label, seen)
    seen = set()
    parts = get(data, "design", "parts")
    for n, part in enumerate(parts if isinstance(parts, list) else []):
        if isinstance(part, dict):
            cohorts = part.get("cohorts")
            yield from _repeated(cohorts, f"/design/parts/{n}/cohorts", "cohort", seen)


def _repeated(listed: Any, base: str, label: str, seen: set[str]) -> Iterator[Finding]:
    """A finding for each item of ``listed`` (the list at ``base``) whose id is in ``seen``;
    the others' ids are added to it. Pointers are made for the repeats only."""
    if not isinstance(listed, list):
        return
    for index, item in enumerate(listed):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            yield Finding(
                f"{base}/{index}/id",
                f"{label} id '{ident}' is used twice",
                "Give each one its own id; references would be ambiguous.",
            )
        else:
            seen.add(ident)


def _references(data: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(pointer, referenced id, target label) for every id reference in the spec."""
    for pointer, arm in items(data, "arms"):
        for n, ref in enumerate(arm.get("interventions", [])):
            yield f"{pointer}/interventions/{n}", ref, "intervention"
    for pointer, objective in items(data, "objectives"):
        for n, ref in enumerate(objective.get("outcomes", [])):
            yield f"{pointer}/outcomes/{n}", ref, "outcome"
        for k, estimand in enumerate(objective.get("estimands", [])):
            if not isinstance(estimand, dict):
                continue
            at = f"{pointer}/estimands/{k}"
            if isinstance(estimand.get("variable"), str):
                yield f"{at}/variable", estimand["variable"], "outcome"
            for n, ref in enumerate(estimand.get("arms", [])):
                yield f"{at}/arms/{n}", ref, "arm"
    for level in ("primary", "secondary", "other"):
        for pointer, outcome in items(data, "outcomes", level):
            for n, ref in enumerate(outcome.get("visits", [])):
                yield f"{pointer}/visits/{n}", ref, "visit"
    anchor = get(data, "schedule", "anchor")
    if isinstance(anchor, str):
        yield "/schedule/anchor", anchor, "visit"
    for pointer, visit in items(data, "schedule", "visits"):
        if isinstance(visit.get("epoch"), str):
            yield f"{pointer}/epoch", visit["epoch"], "epoch"
    for pointer, activity in items(data, "schedule", "activities"):
        for n, ref in enumerate(activity.get("visits", [])):
            yield f"{pointer}/visits/{n}", ref, "visit"
        for n, ref in enumerate(activity.get("footnotes", [])):
            yield f"{pointer}/footnotes/{n}", ref, "footnote"
    for pointer, part in items(data, "design", "parts"):
        for n, ref in enumerate(part.get("arms", [])):
            yield f"{pointer}/arms/{n}", ref, "arm"
        for n, cohort in enumerate(part.get("cohorts", [])):
            if isinstance(cohort, dict) and isinstance(cohort.get("arm"), str):
                yield f"{pointer}/cohorts/{n}/arm", cohort["arm"], "arm"


@rule(
    "PG202",
    "unknown-reference",
    Severity.ERROR,
    "References name ids that exist",
    passing="interventions: [{id: I1}]\narms: [{interventions: [I1]}]",
    failing="interventions: [{id: I1}]\narms: [{interventions: [I9]}]",
)
def unknown_references(data: dict[str, Any]) -> Iterator[Finding]:
    """An arm's interventions, an objective's outcomes, an estimand's variable (an outcome)
    and arms, a visit's epoch, an activity's visits and footnotes, the schedule anchor and a
    part's arms are written as ids; each must be the id of an item defined in the spec."""
    known: dict[str, tuple[dict[str, str], str]] = {}
    for pointer, ref, label in _references(data):
        if label not in known:
            ids = _ids(data, label)
            known[label] = ids, _defined_hint(label, ids)
        ids, hint = known[label]
        if ref not in ids:
            yield Finding(pointer, f"{label} '{ref}' is not defined", hint)


#: Ids listed in the hint of an unknown reference; a long schedule would otherwise repeat
#: thousands of ids in every finding.
MAX_HINT_IDS = 20


def _defined_hint(label: str, ids: dict[str, str]) -> str:
    if not ids:
        return f"No {label} is defined yet."
    shown = sorted(ids)
    more = len(shown) - MAX_HINT_IDS
    listed = ", ".join(shown[:MAX_HINT_IDS])
    return f"Defined {label} ids: {listed}" + (f" and {more} more." if more > 0 else ".")


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATE_FIELDS = (
    ("identification", "protocol_version", "date"),
    ("status", "start_date", "date"),
    ("status", "primary_completion_date", "date"),
    ("status", "completion_date", "date"),
    ("status", "verified_date"),
    ("registry_record", "first_submitted"),
    ("registry_record", "first_posted"),
    ("registry_record", "last_update_submitted"),
    ("registry_record", "last_update_posted"),
    ("registry_record", "results_first_posted"),
)


def calendar_problem(text: str) -> str | None:
    """Why ``text`` (YYYY[-MM[-DD]]) is not a real date, or None."""
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        return f"month {month:02d} does not exist"
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"day {day:02d} does not exist in {calendar.month_name[month]} {year}"
    return None


@rule(
    "PG203",
    "invalid-date",
    Severity.ERROR,
    "Dates exist in the calendar",
    passing="verified_date: '2024-02-29'",
    failing="verified_date: '2025-02-30'",
)
def invalid_dates(data: dict[str, Any]) -> Iterator[Finding]:
    """The schema checks that dates look like YYYY-MM-DD; this rule checks the month and
    day exist (no 2025-02-30)."""
    pointers = [("/" + "/".join(path), get(data, *path)) for path in _DATE_FIELDS]
    pointers += [(p + "/approval_date", e.get("approval_date")) for p, e in items(data, "ethics")]
    pointers += [
        (p + "/date_registered", r.get("date_registered"))
        for p, r in items(data, "identification", "registrations")
    ]
    for pointer, value in pointers:
        if isinstance(value, str):
            problem = calendar_problem(value)
            if problem:
                yield Finding(
                    pointer, f"'{value}' is not a real date: {problem}", "Correct the date."
                )
