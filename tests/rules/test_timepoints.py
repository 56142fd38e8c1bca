"""Time points read from free text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocolgen.rules.timepoints import (
    DAYS_PER_UNIT,
    Schedule,
    TimePoint,
    same_time,
    time_points,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Day 14", [TimePoint(14, "DAYS")]),
        ("days 14 and 28", [TimePoint(14, "DAYS"), TimePoint(28, "DAYS")]),
        ("within 30 days post-treatment", [TimePoint(30, "DAYS")]),
        ("up to 12 months", [TimePoint(12, "MONTHS")]),
        (
            "Week 4, week 8 and 12-week visit",
            [TimePoint(4, "WEEKS"), TimePoint(8, "WEEKS"), TimePoint(12, "WEEKS")],
        ),
        ("End of study", []),
    ],
)
def test_time_points(text: str, expected: list[TimePoint]) -> None:
    assert time_points(text) == expected


def test_same_time_across_units() -> None:
    assert same_time(TimePoint(12, "MONTHS"), TimePoint(52, "WEEKS"))
    assert not same_time(TimePoint(14, "DAYS"), TimePoint(28, "DAYS"))
    assert same_time(TimePoint(14, "DAYS"), TimePoint(15, "DAYS"), tolerance_days=2)


UNITS = st.sampled_from(sorted(DAYS_PER_UNIT))
POINTS = st.builds(TimePoint, st.integers(-30, 400).map(float) | st.floats(-30, 400), UNITS)


@settings(max_examples=400, deadline=None)
@given(POINTS, st.lists(st.tuples(POINTS, st.sampled_from([0.0, 0.5, 2.0, 30.0])), max_size=12))
def test_a_schedule_finds_exactly_the_points_same_time_matches(
    point: TimePoint, visits: list[tuple[TimePoint, float]]
) -> None:
    expected = any(same_time(point, b, tolerance_days=tol) for b, tol in visits)
    assert Schedule(visits).has(point) == expected


@pytest.mark.parametrize(
    ("point", "visit"),
    [
        (TimePoint(12, "MONTHS"), TimePoint(53, "WEEKS")),  # later visit, 3 % of a year apart
        (TimePoint(53, "WEEKS"), TimePoint(12, "MONTHS")),  # earlier visit
        (TimePoint(1, "YEARS"), TimePoint(12, "MONTHS")),
    ],
)
def test_a_schedule_matches_across_units_at_the_edge_of_the_slack(
    point: TimePoint, visit: TimePoint
) -> None:
    assert same_time(point, visit)
    assert Schedule([(visit, 0.0)]).has(point)
