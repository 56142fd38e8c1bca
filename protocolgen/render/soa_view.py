"""The trial schema and the schedule of activities of the PDF synopsis (ICH M11 §1.2, §1.3).

Part of the synopsis view model (:mod:`.synopsis_view`): arms flowing through epochs, and
the visits × activities grid split into blocks that fit a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from protocolgen.render.assumed_view import mark
from protocolgen.render.display import Row, join, plain
from protocolgen.render.synopsis_arms import Arm, arms, part_rows
from protocolgen.render.synopsis_design import OUTCOME_LEVEL, participants

#: Most visit columns one SoA table holds before the grid continues in a further block.
SOA_BLOCK = 12
#: Most visit × activity cells printed as a grid (60 visits × 100 activity rows). A larger
#: schedule is printed as two lists instead — the visits with their timing and window, and
#: each activity with the visits it is done at — so layout time and memory stay bounded
#: (docs/benchmarks.md: a 200 × 200 grid would take minutes and about a gigabyte).
GRID_BUDGET = 60 * 100
_SHARED_EPOCHS = {"SCREENING", "RUN_IN", "FOLLOW_UP"}
_UNIT = {"HOURS": "Hour", "DAYS": "Day", "WEEKS": "Week", "MONTHS": "Month", "YEARS": "Year"}


@dataclass(frozen=True)
class SchemaColumn:
    """An epoch of the trial schema; ``shared`` epochs span all arms (screening, follow-up)."""

    name: str
    duration: str
    shared: bool
    text: str


@dataclass(frozen=True)
class SchemaTable:
    """Arms (rows) flowing through epochs (columns)."""

    entry: str
    columns: list[SchemaColumn]
    rows: list[tuple[Arm, list[str]]]
    parts: list[Row]


@dataclass(frozen=True)
class SoaColumn:
    """One visit of the schedule of activities."""

    name: str
    timing: str
    window: str
    contact: str


@dataclass(frozen=True)
class SoaBlock:
    """Up to :data:`SOA_BLOCK` visits: epoch header spans, visit columns, grouped rows."""

    epochs: list[tuple[str, int]]
    columns: list[SoaColumn]
    #: 1-based numbers of the block's first and last visit, for "Visits 13–24 of 60".
    first: int
    last: int
    groups: list[tuple[str, list[tuple[str, str, list[str]]]]]


@dataclass(frozen=True)
class Soa:
    """The whole schedule: blocks of visits, footnotes (marker, text), anchor and summary."""

    blocks: list[SoaBlock]
    footnotes: list[tuple[str, str]]
    anchor: str
    description: str
    wide: bool
    visit_count: int
    #: Set when the schedule is over :data:`GRID_BUDGET`: every visit (name, epoch, timing,
    #: window) and every activity (group, name with footnote marks, "Visit 1, Visit 4, …").
    visit_list: list[SoaColumn] = field(default_factory=list)
    activity_list: list[tuple[str, str, str]] = field(default_factory=list)


def timing_label(timing: dict[str, Any] | None) -> str:
    """``{"value": -14, "unit": "DAYS"}`` → ``"Day −14"``."""
    if not timing:
        return ""
    return f"{_UNIT[timing['unit']]} {timing['value']:g}".replace("-", "−")


def window_label(window: dict[str, Any] | None) -> str:
    """``{"before": 2, "after": 2, "unit": "DAYS"}`` → ``"±2 days"``."""
    if not window:
        return ""
    unit = window["unit"].lower()
    before, after = window["before"], window["after"]
    if before == after:
        return f"±{before:g} {unit}"
    return "/".join(x for x in (f"−{before:g}" * bool(before), f"+{after:g}" * bool(after))
                    if x) + f" {unit}"


def build_schema(data: dict[str, Any]) -> SchemaTable:
    """Arms through epochs: shared epochs once for all arms, treatment epochs per arm."""
    arm_list = arms(data)
    epochs = data["schedule"].get("epochs", [])
    columns = [SchemaColumn(e["name"], plain(e.get("duration")), e.get("type") in _SHARED_EPOCHS,
                            plain(e.get("description"))) for e in epochs]
    if not any(not c.shared for c in columns):
        columns.append(SchemaColumn("Trial intervention", "", False, ""))
    design = data["design"]
    # The same sentence as 1.1.2: each part with its own count, "randomly assigned" only
    # for a randomised part (never "38 participants, randomized" for a 3+3 then 1:1 trial).
    entry = participants(data)
    rows = [(arm, [", ".join(t.name for t in arm.treatments) or arm.kind for _ in columns])
            for arm in arm_list]
    parts = part_rows(design)
    return SchemaTable(entry, columns, rows, parts)


def build_soa(data: dict[str, Any]) -> Soa:
    """Visits × activities, with outcome assessments as an "Endpoints" row group."""
    schedule = data["schedule"]
    visits = schedule["visits"]
    epoch_names = {e["id"]: e["name"] for e in schedule.get("epochs", [])}
    notes = {f["id"]: (chr(ord("a") + i % 26) * (1 + i // 26), f["text"])
             for i, f in enumerate(schedule.get("footnotes", []))}
    rows: list[tuple[str, str, str, set[str]]] = [
        (a.get("group", "Procedures"), a["name"],
         ",".join(notes[n][0] for n in a.get("footnotes", []) if n in notes), set(a["visits"]))
        for a in schedule.get("activities", [])]
    for group in ("primary", "secondary", "other"):
        rows += [("Endpoints", f"{OUTCOME_LEVEL[group]}: {o['measure']}", "", set(o["visits"]))
                 for o in data["outcomes"].get(group, []) if o.get("visits")]
    by_id = {v["id"]: v for v in visits}
    anchor = by_id.get(schedule.get("anchor", ""), {}).get("name", "")
    description = mark(plain(schedule.get("description")), "/schedule/description")
    if len(visits) * len(rows) > GRID_BUDGET:
        return Soa([], list(notes.values()), anchor, description, wide=False,
                   visit_count=len(visits),
                   visit_list=[_column(v, n, epoch_names) for n, v in enumerate(visits)],
                   activity_list=[
                       (group, name + (f" ({marks})" if marks else ""),
                        ", ".join(v["name"] for v in visits if v["id"] in at) or "—")
                       for group, name, marks, at in rows])
    blocks = []
    for start in range(0, len(visits), SOA_BLOCK):
        chunk = visits[start:start + SOA_BLOCK]
        spans: list[tuple[str, int]] = []
        for v in chunk:
            name = epoch_names.get(v.get("epoch", ""), "")
            if spans and spans[-1][0] == name:
                spans[-1] = (name, spans[-1][1] + 1)
            else:
                spans.append((name, 1))
        groups: dict[str, list[tuple[str, str, list[str]]]] = {}
        for group, name, marks, at in rows:
            groups.setdefault(group, []).append(
                (name, marks, ["X" if v["id"] in at else "" for v in chunk]))
        columns = [_column(v, start + k) for k, v in enumerate(chunk)]
        blocks.append(SoaBlock(spans, columns, start + 1, start + len(chunk),
                               list(groups.items())))
    return Soa(blocks, list(notes.values()), anchor, description,
               wide=len(visits) > 6, visit_count=len(visits))


def _column(visit: dict[str, Any], n: int, epochs: dict[str, str] | None = None) -> SoaColumn:
    """One visit: name, timing, window and contact mode (and its epoch, for the list form)."""
    at = f"/schedule/visits/{n}"
    contact = visit.get("contact", "IN_PERSON")
    return SoaColumn(
        mark(visit["name"], f"{at}/name"),
        mark(timing_label(visit.get("timing")), f"{at}/timing"),
        mark(window_label(visit.get("window")), f"{at}/window"),
        join("" if contact == "IN_PERSON" else contact.capitalize(),
             (epochs or {}).get(visit.get("epoch", ""), ""), sep=" · "),
    )
