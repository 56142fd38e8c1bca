"""The schedule of activities → USDM encounters, activities and the main ``ScheduleTimeline``:
one ``ScheduledActivityInstance`` per visit (its encounter, epoch and the activities done
there) and one ``Timing`` per timed visit, relative to the anchor visit's instance, with its
window as ISO 8601 durations.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from protocolgen.interop.usdm.codes import Ids, base, chain, iso_duration, named

_base, _named, _chain = base, named, chain


def write_schedule(
    ids: Ids, spec: dict[str, Any], epochs: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any] | None]:
    schedule = spec.get("schedule", {})
    visits = schedule.get("visits", [])
    encounters = []
    for visit in visits:
        modes = (
            [ids.code("encounter.contactModes", visit["contact"])] if visit.get("contact") else []
        )
        made = _named(
            ids,
            "Encounter",
            visit["name"],
            spec_id=visit["id"],
            type=ids.code("encounter.type", "VISIT"),
            previousId=None,
            nextId=None,
            scheduledAtId=None,
            environmentalSettings=[],
            contactModes=modes,
            transitionStartRule=None,
            transitionEndRule=None,
            notes=[],
        )
        encounters.append(made)
    _chain(encounters)
    activities = []
    for activity in schedule.get("activities", []):
        made = _named(
            ids,
            "Activity",
            activity["name"],
            spec_id=activity["id"],
            previousId=None,
            nextId=None,
            childIds=[],
            definedProcedures=[],
            biomedicalConceptIds=[],
            bcCategoryIds=[],
            bcSurrogateIds=[],
            timelineId=None,
            notes=[],
        )
        made["description"] = activity.get("group")
        activities.append(made)
    _chain(activities)
    if not visits:
        return encounters, activities, None
    timeline_id = ids.next("ScheduleTimeline")
    exit_ = _base(ids, "ScheduleTimelineExit")
    instances = []
    for visit, encounter in zip(visits, encounters, strict=True):
        done = [
            a["id"]
            for a, raw in zip(activities, schedule.get("activities", []), strict=True)
            if visit["id"] in raw.get("visits", [])
        ]
        instances.append(
            _named(
                ids,
                "ScheduledActivityInstance",
                visit["name"],
                defaultConditionId=None,
                epochId=Ids.of("StudyEpoch", visit["epoch"]) if visit.get("epoch") else None,
                timelineId=None,
                timelineExitId=None,
                activityIds=done,
                encounterId=encounter["id"],
            )
        )
    for before, after in pairwise(instances):
        before["defaultConditionId"] = after["id"]
    instances[-1]["timelineExitId"] = exit_["id"]
    for encounter, instance in zip(encounters, instances, strict=True):
        encounter["scheduledAtId"] = instance["id"]
    timings = _timings(ids, schedule, visits, instances)
    timeline = {
        "id": timeline_id,
        "extensionAttributes": [],
        "name": "Main timeline",
        "label": None,
        "description": schedule.get("description"),
        "mainTimeline": True,
        "entryCondition": "",
        "entryId": instances[0]["id"],
        "exits": [exit_],
        "timings": timings,
        "instances": instances,
        "plannedDuration": None,
        "instanceType": "ScheduleTimeline",
    }
    return encounters, activities, timeline


def _timings(
    ids: Ids,
    schedule: dict[str, Any],
    visits: list[dict[str, Any]],
    instances: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    by_visit = {v["id"]: i for v, i in zip(visits, instances, strict=True)}
    anchor = by_visit.get(schedule.get("anchor", ""))
    out = []
    for visit, instance in zip(visits, instances, strict=True):
        timing = visit.get("timing")
        if timing is None or anchor is None:
            continue
        value = timing["value"]
        fixed = instance is anchor
        kind = "FIXED" if fixed else ("BEFORE" if value < 0 else "AFTER")
        window = visit.get("window")
        made = _named(
            ids,
            "Timing",
            visit["name"],
            type=ids.code("timing.type", kind),
            value=iso_duration(value, timing["unit"]),
            valueLabel=f"{value:g} {timing['unit'].lower()}",
            relativeToFrom=ids.code("timing.relativeToFrom", "START_TO_START"),
            relativeFromScheduledInstanceId=instance["id"],
            relativeToScheduledInstanceId=None if fixed else anchor["id"],
            windowLower=f"-{iso_duration(window['before'], window['unit'])}" if window else None,
            windowUpper=iso_duration(window["after"], window["unit"]) if window else None,
            windowLabel=f"-{window['before']:g}/+{window['after']:g} {window['unit'].lower()}"
            if window
            else None,
        )
        out.append(made)
    return out
