"""Single values in CT.gov's form and the spec's: ages, durations, dates, intervention names."""

from __future__ import annotations

import re
from typing import Any

from protocolgen import labels

_UNIT_BY_WORD = {word: unit for unit, pair in labels.AGE_UNIT.items() for word in pair}
_AGE = re.compile(r"^\s*(\d+)\s+([A-Za-z]+)\s*$")
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
#: Units the spec's ``duration`` allows (the age units minus MINUTES).
_DURATION_UNITS = ("HOURS", "DAYS", "WEEKS", "MONTHS", "YEARS")
#: Years per unit, to work out CT.gov's derived standard age groups.
_YEARS = {
    "YEARS": 1.0,
    "MONTHS": 1 / 12,
    "WEEKS": 7 / 365.25,
    "DAYS": 1 / 365.25,
    "HOURS": 1 / 8766,
    "MINUTES": 1 / 525960,
}
INTERVENTION_LABEL = labels.INTERVENTION_TYPE
_TYPE_BY_LABEL = {label.lower(): code for code, label in INTERVENTION_LABEL.items()}


def parse_age(text: str) -> dict[str, Any] | None:
    """``"18 Years"`` → ``{"value": 18, "unit": "YEARS"}``; ``None`` when it is not an age."""
    match = _AGE.match(text)
    if not match:
        return None
    word = match.group(2).capitalize()
    unit = _UNIT_BY_WORD.get(word)
    if unit is None:
        return None
    return {"value": int(match.group(1)), "unit": unit}


def format_age(value: Any) -> str | None:
    """``{"value": 1, "unit": "YEARS"}`` → ``"1 Year"``; ``no_limit`` → ``None`` (omitted)."""
    if not isinstance(value, dict):
        return None
    number = value["value"]
    singular, plural = labels.AGE_UNIT[value["unit"]]
    return f"{int(number)} {singular if number == 1 else plural}"


def parse_duration(text: str) -> dict[str, Any] | None:
    """A CT.gov duration (``"3 Years"``) as a spec duration; ``None`` for minutes or junk."""
    age = parse_age(text)
    if age is None or age["unit"] not in _DURATION_UNITS:
        return None
    return age


def format_duration(value: dict[str, Any]) -> str | None:
    """A spec duration as CT.gov writes it; ``None`` when CT.gov cannot express it."""
    number = value["value"]
    if number < 0 or number != int(number):
        return None  # CT.gov durations are whole non-negative numbers
    return format_age({"value": int(number), "unit": value["unit"]})


def is_partial_date(text: object) -> bool:
    """Whether ``text`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    return isinstance(text, str) and bool(_DATE.match(text))


def standard_ages(minimum: Any, maximum: Any) -> list[str]:
    """CT.gov's derived ``stdAges`` (CHILD 0-17, ADULT 18-64, OLDER_ADULT 65+) for an age range."""
    low = minimum["value"] * _YEARS[minimum["unit"]] if isinstance(minimum, dict) else 0.0
    high = maximum["value"] * _YEARS[maximum["unit"]] if isinstance(maximum, dict) else 1e9
    groups = []
    if low < 18:
        groups.append("CHILD")
    if low < 65 and high >= 18:
        groups.append("ADULT")
    if high >= 65:
        groups.append("OLDER_ADULT")
    return groups


def intervention_name(kind: str, name: str) -> str:
    """The ``"Biological: UC-MSC"`` string CT.gov uses to link an arm to an intervention."""
    return f"{INTERVENTION_LABEL.get(kind, kind)}: {name}"


def split_intervention_name(text: str) -> tuple[str | None, str]:
    """``"Drug: Placebo"`` → ``("DRUG", "Placebo")``; no known type prefix → ``(None, text)``."""
    head, sep, tail = text.partition(":")
    if sep:
        code = _TYPE_BY_LABEL.get(head.strip().lower())
        if code is not None:
            return code, tail.strip()
    return None, text.strip()
