"""Consistency rules for the follow-up schedule: endpoints have visits, visits are in order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.rules.base import Finding, get, items, rule
from protocolgen.rules.timepoints import (
    DAYS_PER_UNIT,
    Schedule,
    TimePoint,
    time_points,
)

_LEVELS = ("primary", "secondary")


def _visit_times(visit: dict[str, Any]) -> list[TimePoint]:
    """When a visit happens: its structured timing and any time named in its name."""
    times = time_points(str(visit.get("name", "")))
    timing = visit.get("timing")
    if isinstance(timing, dict):
        times.append(TimePoint(float(timing["value"]), timing["unit"]))
    return times


def _tolerance(visit: dict[str, Any]) -> float:
    window = visit.get("window")
    if not isinstance(window, dict):
        return 0.0
    return float(max(window["before"], window["after"])) * DAYS_PER_UNIT[window["unit"]]


@rule(
    "PG420",
    "endpoint-time-without-visit",
    Severity.WARNING,
    "Each endpoint time point has a visit",
    passing="time_frame: Day 14 and Day 28\nvisits: [{name: Day 14}, {name: Day 28}]",
    failing="time_frame: Week 4\nvisits: [{name: Day 14}]",
)
def endpoint_time_without_visit(data: dict[str, Any]) -> Iterator[Finding]:
    """Every time point a primary or secondary endpoint names in its time frame ("Day 14",
    "days 14 and 28", "30 days", "week 4", "12 months") needs a visit in the schedule at
    that time, matched by the visit's timing (within its window) or the time in its name;
    otherwise the endpoint cannot be measured as written (SPIRIT 18, ICH M11 §1.3).
    Skipped while the schedule has no visits (PG307 reports that)."""
    visits = [visit for _, visit in items(data, "schedule", "visits")]
    if not visits:
        return
    known = Schedule([(time, _tolerance(v)) for v in visits for time in _visit_times(v)])
    # Outcomes repeat the same few time points; each is matched against the visits once.
    scheduled: dict[TimePoint, bool] = {}
    for level in _LEVELS:
        for pointer, outcome in items(data, "outcomes", level):
            points = time_points(outcome["time_frame"])
            for point in points:
                if point not in scheduled:
                    scheduled[point] = known.has(point)
            missing = [point for point in points if not scheduled[point]]
            if missing:
                yield Finding(
                    pointer + "/time_frame",
                    f"{level} outcome '{outcome['id']}' is assessed at "
                    f"{', '.join(map(str, missing))} but no visit is scheduled then",
                    "Add a visit at that time to 'schedule.visits', or correct the time frame.",
                )


@rule(
    "PG421",
    "visits-out-of-order",
    Severity.WARNING,
    "Visits are listed in time order",
    passing="visits: [{timing: {value: 1, unit: DAYS}}, {timing: {value: 2, unit: WEEKS}}]",
    failing="visits: [{timing: {value: 2, unit: WEEKS}}, {timing: {value: 1, unit: DAYS}}]",
)
def visits_out_of_order(data: dict[str, Any]) -> Iterator[Finding]:
    """The visits are the columns of the schedule of activities and are listed in time
    order; a visit timed before the one listed above it is out of place."""
    latest: tuple[float, str] | None = None
    for pointer, visit in items(data, "schedule", "visits"):
        timing = visit.get("timing")
        if not isinstance(timing, dict):
            continue
        days = float(timing["value"]) * DAYS_PER_UNIT[timing["unit"]]
        if latest is not None and days < latest[0]:
            yield Finding(
                pointer + "/timing",
                f"visit '{visit['id']}' comes before visit '{latest[1]}' listed above it",
                "List the visits in time order.",
            )
        else:
            latest = (days, visit["id"])


@rule(
    "PG422",
    "visit-without-window",
    Severity.WARNING,
    "Scheduled visits have a window",
    passing="visits: [{id: V1, timing: {value: 14, unit: DAYS}, "
    "window: {before: 2, after: 2, unit: DAYS}}]",
    failing="visits: [{id: V1, timing: {value: 14, unit: DAYS}}]",
)
def visit_without_window(data: dict[str, Any]) -> Iterator[Finding]:
    """ICH M11 §1.3 asks for the allowed window of every visit. A window is the allowed
    deviation from a visit's timing, so only timed visits are checked; the anchor visit
    (day 0) defines time and needs none. Reported once per schedule, naming the visits."""
    anchor = get(data, "schedule", "anchor")
    missing = [
        visit["id"]
        for _, visit in items(data, "schedule", "visits")
        if visit["id"] != anchor and "timing" in visit and "window" not in visit
    ]
    if missing:
        yield Finding(
            "/schedule/visits",
            f"{len(missing)} visit(s) have no window: {', '.join(missing)}",
            "Give each visit 'window: {before: N, after: N, unit: DAYS}'.",
            at_key=True,
        )
