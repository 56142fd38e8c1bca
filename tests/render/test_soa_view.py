"""The schedule of activities view: column blocks for wide grids, lists past the grid budget."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from protocolgen.render.soa_view import GRID_BUDGET, SOA_BLOCK, build_soa

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_soa import spec


def _activities(data: dict[str, Any]) -> int:
    return len(data["schedule"]["activities"]) + sum(
        1 for group in data["outcomes"].values() for o in group if o.get("visits"))


def test_wide_grid_splits_into_blocks_that_repeat_rows_and_headers() -> None:
    data = spec(60, 80)
    assert 60 * _activities(data) <= GRID_BUDGET
    soa = build_soa(data)
    assert [len(b.columns) for b in soa.blocks] == [SOA_BLOCK] * 5
    assert [(b.first, b.last) for b in soa.blocks][1] == (13, 24)
    for block in soa.blocks:
        # every block repeats every activity row (the activity column) for its own visits
        assert sum(len(rows) for _, rows in block.groups) == _activities(data)
        assert all(len(cells) == len(block.columns) for _, rows in block.groups
                   for _, _, cells in rows)
        assert block.columns[0].timing.startswith("Day ")
    marked = {c.name for b in soa.blocks for c, x in zip(
        b.columns, next(cells for name, _, cells in b.groups[0][1] if name.startswith(
            "Procedure 0 ")), strict=True) if x == "X"}
    assert marked == {f"Visit {n}" for n in range(0, 60, 3)}


def test_schedule_over_the_budget_is_printed_as_lists() -> None:
    data = spec(200, 200)
    soa = build_soa(data)
    assert soa.blocks == []
    assert len(soa.visit_list) == 200 and soa.visit_list[1].window == "±2 days"
    assert len(soa.activity_list) == _activities(data)
    _group, name, at = soa.activity_list[1]
    assert name.startswith("Procedure 1 ") and at.split(", ")[:2] == ["Visit 1", "Visit 4"]
