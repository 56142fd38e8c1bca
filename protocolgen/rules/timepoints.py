"""Time points and durations read from free text ("Day 14", "days 14 and 28", "12 months").

Shared by the consistency rules (endpoint time points against visits, age limits in
criteria) and the text-quality rules (vague time frames). Plain regular expressions,
compiled once; nothing here knows about specs.
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter
from typing import NamedTuple

#: Approximate length of each unit in days, for comparing "12 months" with "52 weeks".
DAYS_PER_UNIT: dict[str, float] = {
    "MINUTES": 1 / 1440,
    "HOURS": 1 / 24,
    "DAYS": 1.0,
    "WEEKS": 7.0,
    "MONTHS": 30.4375,
    "YEARS": 365.25,
}

_UNIT = r"(hour|hr|day|week|wk|month|mo|year|yr)s?"
_UNITS = {
    "hour": "HOURS",
    "hr": "HOURS",
    "day": "DAYS",
    "week": "WEEKS",
    "wk": "WEEKS",
    "month": "MONTHS",
    "mo": "MONTHS",
    "year": "YEARS",
    "yr": "YEARS",
}
_NUMBER_LIST = r"(\d+(?:\s*(?:,|and|&|or)\s*\d+)*)"
#: "Day 14", "days 14 and 28", "Week 4", "Month 3, 6 and 12": the unit comes first.
_UNIT_FIRST = re.compile(rf"\b{_UNIT}\s*{_NUMBER_LIST}\b", re.IGNORECASE)
#: "30 days", "12 months", "4 weeks": the number comes first.
_NUMBER_FIRST = re.compile(rf"\b(\d+)\s*-?\s*{_UNIT}\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


class TimePoint(NamedTuple):
    """A point in time named in text, as a value and a unit (DAYS, WEEKS, ...)."""

    value: float
    unit: str

    @property
    def days(self) -> float:
        return self.value * DAYS_PER_UNIT[self.unit]

    def __str__(self) -> str:
        value = int(self.value) if self.value == int(self.value) else self.value
        return f"{value} {self.unit.lower()}"


def time_points(text: str) -> list[TimePoint]:
    """Every time point named in ``text``, in order of appearance, without repeats."""
    found: list[tuple[int, TimePoint]] = []
    taken: list[range] = []
    for match in _UNIT_FIRST.finditer(text):
        unit = _UNITS[match.group(1).lower()]
        for number in _DIGITS.finditer(match.group(2)):
            found.append((match.start(), TimePoint(float(number.group()), unit)))
        taken.append(range(match.start(), match.end()))
    for match in _NUMBER_FIRST.finditer(text):
        if any(match.start() in span for span in taken):
            continue
        found.append(
            (match.start(), TimePoint(float(match.group(1)), _UNITS[match.group(2).lower()]))
        )
    found.sort(key=itemgetter(0))  # stable: points at one place keep their order
    return list(dict.fromkeys(point for _, point in found))


def same_time(a: TimePoint, b: TimePoint, *, tolerance_days: float = 0.0) -> bool:
    """Whether two time points are the same day, allowing ``tolerance_days`` either side.

    Points in the same unit compare exactly; across units (12 months vs 52 weeks) the
    comparison allows 3 % for the unequal length of months and years.
    """
    if a.unit == b.unit:
        return abs(a.value - b.value) * DAYS_PER_UNIT[a.unit] <= tolerance_days
    slack = max(tolerance_days, 0.03 * max(a.days, b.days), 0.5)
    return abs(a.days - b.days) <= slack


class Schedule:
    """Time points (each with its tolerance in days) that :func:`same_time` can match,
    sorted by day so that each question looks only at the points near enough to match."""

    def __init__(self, points: list[tuple[TimePoint, float]]) -> None:
        self.points = sorted(points, key=lambda entry: entry[0].days)
        self.days = [point.days for point, _ in self.points]
        self.widest = max((tolerance for _, tolerance in self.points), default=0.0)

    def has(self, a: TimePoint) -> bool:
        """Whether a point here is :func:`same_time` as ``a`` (within its tolerance)."""
        day, reach = a.days, max(self.widest, 0.5)
        # same_time's slack is at most max(widest, 3 % of the later day, half a day).
        low = day - max(reach, 0.03 * day)
        high = max(day + reach, day / 0.97) if day > 0 else day + reach
        margin = 1e-9 * (1 + abs(day))  # rounding: the exact test below decides
        start = bisect.bisect_left(self.days, low - margin)
        stop = bisect.bisect_right(self.days, high + margin)
        return any(
            same_time(a, b, tolerance_days=tolerance) for b, tolerance in self.points[start:stop]
        )
