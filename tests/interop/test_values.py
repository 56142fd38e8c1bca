"""Single values: ages, durations, intervention names, standard age groups, criteria."""

from __future__ import annotations

import pytest

from protocolgen.interop.criteria import join_criteria, split_criteria
from protocolgen.interop.values import (
    format_age,
    parse_age,
    split_intervention_name,
    standard_ages,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("18 Years", {"value": 18, "unit": "YEARS"}),
        ("1 Year", {"value": 1, "unit": "YEARS"}),
        ("6 Months", {"value": 6, "unit": "MONTHS"}),
        ("30 Minutes", {"value": 30, "unit": "MINUTES"}),
        ("N/A", None),
        ("18 Yrs", None),
    ],
)
def test_parse_age(text: str, value: object) -> None:
    assert parse_age(text) == value


def test_format_age_singular_and_no_limit() -> None:
    assert format_age({"value": 1, "unit": "YEARS"}) == "1 Year"
    assert format_age({"value": 65, "unit": "YEARS"}) == "65 Years"
    assert format_age("no_limit") is None


def test_intervention_names() -> None:
    assert split_intervention_name("Drug: Placebo") == ("DRUG", "Placebo")
    assert split_intervention_name("Dietary Supplement: Vitamin D") == (
        "DIETARY_SUPPLEMENT",
        "Vitamin D",
    )
    assert split_intervention_name("Placebo: saline") == (None, "Placebo: saline")


@pytest.mark.parametrize(
    ("low", "high", "groups"),
    [
        ({"value": 18, "unit": "YEARS"}, "no_limit", ["ADULT", "OLDER_ADULT"]),
        ({"value": 5, "unit": "YEARS"}, {"value": 8, "unit": "YEARS"}, ["CHILD"]),
        ({"value": 3, "unit": "YEARS"}, {"value": 18, "unit": "YEARS"}, ["CHILD", "ADULT"]),
        ({"value": 18, "unit": "YEARS"}, {"value": 64, "unit": "YEARS"}, ["ADULT"]),
    ],
)
def test_standard_ages(low: object, high: object, groups: list[str]) -> None:
    assert standard_ages(low, high) == groups


def test_criteria_split_numbered_nested_and_back() -> None:
    text = (
        "Key Inclusion Criteria:\n\n1. Adults\n2. One of:\n\n   1. A\n   2. B\n"
        "3. Consent\n\nExclusion Criteria:\n\n* Pregnancy\n  continued line"
    )
    inclusion, exclusion = split_criteria(text) or ([], [])
    assert inclusion == [
        {"number": 1, "text": "Adults"},
        {"number": 2, "text": "One of:", "sub": ["A", "B"]},
        {"number": 3, "text": "Consent"},
    ]
    assert exclusion == ["Pregnancy\ncontinued line"]
    assert split_criteria(join_criteria(inclusion, exclusion)) == (inclusion, exclusion)


@pytest.mark.parametrize(
    "text",
    [
        "Eligibility criteria:\n\n* a\n\nExclusion criteria:\n\n* b",
        "Exclusion Criteria:\n\n* b\n\nInclusion Criteria:\n\n* a",
        "Adults with lupus.",
    ],
)
def test_criteria_off_convention_are_not_split(text: str) -> None:
    assert split_criteria(text) is None
    assert join_criteria([text], []) == text or "\n" not in text
