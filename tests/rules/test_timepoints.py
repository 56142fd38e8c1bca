"""Time points read from free text."""

from __future__ import annotations

import pytest

from protocolgen.rules.timepoints import TimePoint, same_time, time_points


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
