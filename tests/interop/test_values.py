"""Single values: ages, durations, intervention names, standard age groups, criteria."""

from __future__ import annotations

import pytest

from protocolgen.interop.criteria import Criteria, join_criteria, read_criteria, split_criteria
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
        "Exclusion Criteria:\n\n* b\n\nInclusion Criteria:\n\n* a",
        "Exclusion Criteria:\n\n* b\n\nExclusion Criteria:\n\n* c",
        "Adults with lupus.",
        "Adults with lupus\n\n* with nephritis",
    ],
)
def test_criteria_off_convention_are_not_split(text: str) -> None:
    assert split_criteria(text) is None
    assert join_criteria([text], []) == text or "\n" not in text


@pytest.mark.parametrize(
    ("text", "inclusion", "dropped"),
    [
        (
            "Eligibility criteria:\n\n* a\n\nExclusion criteria:\n\n* b",
            ["a"],
            "Eligibility criteria:",
        ),
        (
            "Key Selection Criteria\n* a\n\nKEY EXCLUSION CRITERIA:\n* b",
            ["a"],
            "Key Selection Criteria",
        ),
        ("Adults with lupus.\n\nExclusion Criteria:\n\n* b", ["Adults with lupus."], None),
    ],
)
def test_criteria_without_inclusion_heading(
    text: str, inclusion: list[str], dropped: str | None
) -> None:
    found = read_criteria(text)
    assert found == Criteria(inclusion, ["b"], inferred=True, dropped=dropped)
    written = join_criteria(found.inclusion, found.exclusion)
    assert written == f"Inclusion Criteria:\n\n* {inclusion[0]}\n\nExclusion Criteria:\n\n* b"
    assert read_criteria(written) == Criteria(inclusion, ["b"])


def test_exclusion_heading_alone_infers_nothing() -> None:
    assert read_criteria("\nExclusion Criteria:\n\n* b") == Criteria([], ["b"])


def test_criteria_are_plain_text_and_escaped_again() -> None:
    text = (
        "Inclusion Criteria:\n\n* BASDAI \\>= 4 \\[score\\]\n* 1\\. not a number\n"
        "  \\- not a sub-item\n\nExclusion Criteria:\n\n1. x \\* y\n\n   * IgE \\<0.1"
    )
    inclusion, exclusion = split_criteria(text) or ([], [])
    assert inclusion == ["BASDAI >= 4 [score]", "1. not a number\n- not a sub-item"]
    assert exclusion == [{"number": 1, "text": "x * y", "sub": ["IgE <0.1"]}]
    written = join_criteria(inclusion, exclusion)
    assert "* 1\\. not a number\n  \\- not a sub-item" in written
    assert split_criteria(written) == (inclusion, exclusion)
