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


def _ids(data: dict[str, Any], paths: tuple[tuple[str, ...], ...]) -> list[str]:
    """The ids of the items of the lists at ``paths``, in order, repeats included."""
    return [
        item["id"]
        for path in paths
        for _, item in _listed(data, *path)
        if isinstance(item.get("id"), str)
    ]


def _listed(data: dict[str, Any], *path: str) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) of each mapping in the list at ``path``: no pointers made."""
    listed = get(data, *path)
    if not isinstance(listed, list):
        return []
    return [(n, item) for n, item in enumerate(listed) if isinstance(item, dict)]


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
        ids = _ids(data, paths)
        if len(set(ids)) == len(ids):
            continue  # the usual case: no repeat, so no pointers to make
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


#: Where the spec refers to ids: (list path, key of each item, target label).
_REFERENCE_LISTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("arms",), "interventions", "intervention"),
    (("objectives",), "outcomes", "outcome"),
    (("outcomes", "primary"), "visits", "visit"),
    (("outcomes", "secondary"), "visits", "visit"),
    (("outcomes", "other"), "visits", "visit"),
    (("schedule", "visits"), "epoch", "epoch"),
    (("schedule", "activities"), "visits", "visit"),
    (("schedule", "activities"), "footnotes", "footnote"),
    (("design", "parts"), "arms", "arm"),
)


def _references(data: dict[str, Any]) -> Iterator[tuple[tuple[object, ...], Any, str]]:
    """(place, references, target label) for every place the spec refers to ids: a list of
    ids there, or one id. The place is the pointer's parts, joined only for a finding."""
    yield ("", "schedule", "anchor"), get(data, "schedule", "anchor"), "visit"
    for path, key, label in _REFERENCE_LISTS:
        base = "/" + "/".join(path)
        for n, item in _listed(data, *path):
            refs = item.get(key)
            if refs is not None:
                yield (base, n, key), refs, label
    for n, objective in _listed(data, "objectives"):
        for k, estimand in enumerate(objective.get("estimands", [])):
            if isinstance(estimand, dict):
                at = ("/objectives", n, "estimands", k)
                yield (*at, "variable"), estimand.get("variable"), "outcome"
                yield (*at, "arms"), estimand.get("arms"), "arm"
    for n, part in _listed(data, "design", "parts"):
        for k, cohort in enumerate(part.get("cohorts", [])):
            if isinstance(cohort, dict):
                yield ("/design/parts", n, "cohorts", k, "arm"), cohort.get("arm"), "arm"


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
    known: dict[str, set[str]] = {}
    hints: dict[str, str] = {}  # made for the first finding of a label only
    collections = dict(ID_COLLECTIONS)
    for place, refs, label in _references(data):
        if isinstance(refs, str):
            refs, one = [refs], True
        elif isinstance(refs, list):
            one = False
        else:
            continue
        ids = known.get(label)
        if ids is None:
            ids = known[label] = set(_ids(data, collections[label]))
        for n, ref in enumerate(refs):
            if ref not in ids:
                pointer = "/".join(map(str, place if one else (*place, n)))
                if label not in hints:
                    hints[label] = _defined_hint(label, ids)
                yield Finding(pointer, f"{label} '{ref}' is not defined", hints[label])


#: Ids listed in the hint of an unknown reference; a long schedule would otherwise repeat
#: thousands of ids in every finding.
MAX_HINT_IDS = 20


def _defined_hint(label: str, ids: set[str]) -> str:
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
