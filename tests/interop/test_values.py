"""Single values: ages, durations, intervention names, standard age groups, criteria."""

from __future__ import annotations

from typing import Any

import pytest

from protocolgen.interop.criteria import (
    Criteria,
    join_criteria,
    read_criteria,
    split_criteria,
    suspect_items,
)
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


@pytest.mark.parametrize(
    ("text", "inclusion", "exclusion"),
    [
        # Headings without "Criteria", in other cases, with repeated colons, bold.
        ("Inclusion:\n* a\n\nExclusion:\n* b", ["a"], ["b"]),
        ("INCLUSION CRITERIA::\n- a\nexclusion criteria\n- b", ["a"], ["b"]),
        ("**Key Inclusion Criteria:**\n* a\n\n**Key exclusion criteria**:\n* b", ["a"], ["b"]),
        ("Main inclusion criteria include:\n* a\n\nNon-inclusion criteria:\n* b", ["a"], ["b"]),
        # Out of order and repeated headings add to their own list.
        ("Exclusion Criteria:\n\n* b\n\nInclusion Criteria:\n\n* a", ["a"], ["b"]),
        (
            "Inclusion:\n* a\nExclusion:\n* b\nInclusion:\n* c\nExclusion:\n* d",
            ["a", "c"],
            ["b", "d"],
        ),
        # A parenthetical note of a heading is kept as the first item under it.
        (
            "Inclusion Criteria:\n* a\n\n"
            "Exclusion Criteria (patients with any of (i) or (ii)):\n* b",
            ["a"],
            ["(patients with any of (i) or (ii))", "b"],
        ),
        # A lead-in sentence before the first heading is kept (first inclusion item).
        (
            "Patients must meet all of the following.\n\nInclusion Criteria:\n* a\n\n"
            "Exclusion Criteria:\n* b\n\nNote: b applies at screening.",
            ["Patients must meet all of the following.", "a"],
            ["b", "Note: b applies at screening."],
        ),
        # Lettered, roman and decimal sub-items under numbered items; nested bullets.
        (
            "Inclusion Criteria:\n1. a\na. a1\nb) a2\n2. b\n1.1 b1\n\nExclusion Criteria:\n"
            "* c\n  * c1\n    * c2\n* d\n  i. d1\n  ii. d2",
            [
                {"number": 1, "text": "a", "sub": ["a1", "a2"]},
                {"number": 2, "text": "b", "sub": ["b1"]},
            ],
            [{"text": "c", "sub": ["c1", "c2"]}, {"text": "d", "sub": ["d1", "d2"]}],
        ),
    ],
)
def test_criteria_headings_in_other_shapes(
    text: str, inclusion: list[Any], exclusion: list[Any]
) -> None:
    assert split_criteria(text) == (inclusion, exclusion)


def test_notes_say_what_the_reader_did_beyond_the_convention() -> None:
    found = read_criteria("Lead-in.\n\nInclusion:\n* a\n\nExclusion (adults):\n* b")
    assert found is not None
    assert len(found.notes) == 2
    assert "Lead-in." in found.notes[0]
    assert "Exclusion (adults):" in found.notes[1]
    plain = read_criteria("Inclusion Criteria:\n\n* a\n\nExclusion Criteria:\n\n* b")
    assert plain is not None and plain.notes == ()


def test_an_unknown_exclusion_heading_in_the_inclusion_list_is_suspect() -> None:
    inclusion, _ = split_criteria("Inclusion Criteria:\n* a\n\nPatients are excluded if:\n* b") or (
        [],
        [],
    )
    assert suspect_items(inclusion) == []  # "Patients are excluded" is not a heading form
    inclusion, _ = split_criteria("Inclusion:\n* a\n\nExcluded: any of\n* b") or ([], [])
    assert suspect_items(inclusion) == [1]


def test_join_without_inclusion_heading_keeps_the_source_shape() -> None:
    text = "* a\n\nExclusion Criteria:\n\n* b"
    found = read_criteria(text)
    assert found is not None and found.inferred
    assert join_criteria(found.inclusion, found.exclusion, inclusion_heading=False) == text
