"""The main ``ScheduleTimeline`` of a USDM design → the spec's schedule of activities.

Visits are the design's encounters in order; a visit's activities are those of every
scheduled instance at its encounter; its timing is worked out along the timings to the
instance of the Fixed Reference timing (the anchor), each ``Before`` / ``After`` hop adding
its ISO 8601 value; its window is the window of its first instance's timing.
"""

from __future__ import annotations

from typing import Any

from protocolgen.interop.usdm.terms import add, duration, spec_code


def read_schedule(
    design: dict[str, Any], epochs: dict[str, str], notes: list[str]
) -> dict[str, Any]:
    timelines = [t for t in design.get("scheduleTimelines", []) if isinstance(t, dict)]
    main = next(
        (t for t in timelines if t.get("mainTimeline")), timelines[0] if timelines else None
    )
    if len(timelines) > 1:
        others = ", ".join(str(t.get("name")) for t in timelines if t is not main)
        notes.append(f"only the main timeline is imported; not the others ({others})")
    instances = [i for i in (main or {}).get("instances", []) if isinstance(i, dict)]
    by_encounter: dict[str, list[dict[str, Any]]] = {}
    for instance in instances:
        if instance.get("encounterId"):
            by_encounter.setdefault(instance["encounterId"], []).append(instance)
    offsets, anchor, windows = _offsets((main or {}).get("timings", []))
    out: dict[str, Any] = {}
    activities = [a for a in design.get("activities", []) if isinstance(a, dict)]
    visits = []
    for encounter in design.get("encounters", []):
        if not isinstance(encounter, dict):
            continue
        mine = by_encounter.get(encounter["id"], [])
        visit: dict[str, Any] = {"id": encounter["id"], "name": _name(encounter)}
        epoch = next((epochs[i["epochId"]] for i in mine if i.get("epochId") in epochs), None)
        if epoch:
            visit["epoch"] = epoch
        first = mine[0]["id"] if mine else None
        if first in offsets:
            visit["timing"] = offsets[first]
        if first in windows:
            visit["window"] = windows[first]
        modes = [
            spec_code("encounter.contactModes", c) for c in _list(encounter.get("contactModes"))
        ]
        if modes and modes[0]:
            visit["contact"] = modes[0]
        if anchor in {i["id"] for i in mine}:
            out["anchor"] = encounter["id"]
        visits.append((visit, {a for i in mine for a in i.get("activityIds", [])}))
    out["visits"] = [v for v, _ in visits]
    out["activities"] = [
        {
            "id": activity["id"],
            "name": _name(activity),
            "visits": [v["id"] for v, done in visits if activity["id"] in done],
        }
        for activity in activities
    ]
    if main and main.get("description"):
        out["description"] = main["description"]
    return out


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _name(item: dict[str, Any]) -> str:
    return str(item.get("label") or item.get("name") or item["id"])


def _offsets(
    timings: list[Any],
) -> tuple[dict[str, dict[str, Any]], str | None, dict[str, dict[str, Any]]]:
    """Instance id → offset from the anchor; the anchor instance; instance id → window."""
    hops: dict[str, tuple[str, dict[str, Any]]] = {}
    fixed: dict[str, dict[str, Any]] = {}
    windows: dict[str, dict[str, Any]] = {}
    for timing in timings:
        if not isinstance(timing, dict):
            continue
        source = timing.get("relativeFromScheduledInstanceId")
        value = duration(timing.get("value"))
        kind = spec_code("timing.type", timing.get("type"))
        if not source or value is None:
            continue
        if kind == "FIXED":
            fixed[source] = value
        else:
            sign = -1 if kind == "BEFORE" else 1
            target = timing.get("relativeToScheduledInstanceId") or ""
            hops[source] = (target, {"value": sign * value["value"], "unit": value["unit"]})
        window = _window(timing)
        if window:
            windows[source] = window
    anchor = next(iter(fixed), None)
    offsets: dict[str, dict[str, Any]] = dict(fixed)
    for _ in range(len(hops) + 1):  # hops chain to the anchor; resolve in rounds
        for source, (target, value) in hops.items():
            if source not in offsets and target in offsets:
                base = {"value": 0, "unit": value["unit"]} if target == anchor else offsets[target]
                total = add(base, value)
                if total is not None:
                    offsets[source] = total
    return offsets, anchor, windows


def _window(timing: dict[str, Any]) -> dict[str, Any] | None:
    low, high = duration(timing.get("windowLower")), duration(timing.get("windowUpper"))
    if low is None or high is None:
        return None
    if low["unit"] != high["unit"]:
        total = add({"value": 0, "unit": low["unit"]}, {"value": 0, "unit": high["unit"]})
        if total is None:
            return None
        unit = total["unit"]
        low = add({"value": 0, "unit": unit}, low)
        high = add({"value": 0, "unit": unit}, high)
        if low is None or high is None:
            return None
    if low["unit"] not in ("HOURS", "DAYS", "WEEKS", "MONTHS"):
        return None
    return {"before": abs(low["value"]), "after": abs(high["value"]), "unit": low["unit"]}
