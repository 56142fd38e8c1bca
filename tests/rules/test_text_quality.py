"""Rules that read free text (text quality, age ranges in criteria) on single strings."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocolgen.rules.text_quality import glued_citation_numbers


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("Studies found it safe.12345", ["12345"]),
        ("in larger groups.12345 Later work", ["12345"]),
        # DOIs and URLs: their dotted parts are identifiers (NCT02552212, NCT03630471).
        ("Arthritis Rheumatol. 2019 Jul;71(7):1101-1111. doi: 10.1002/art.40866.", []),
        ("doi: 10.14219/jada.archive.2008.0252.", []),
        ("see https://example.org/report.2016.pdf", []),
        ("e1003778. doi: 10.1371/journal.pmed.1003778.", []),
        # A DOI first does not hide a glued number later in the same text.
        ("See doi:10.1002/art.40866 for details. Studies found it safe.12345", ["12345"]),
        ("Version 1.2 of the protocol.", []),
    ],
)
def test_glued_citation_numbers(text: str, glued: list[str]) -> None:
    found = [f.message.split("'")[1] for f in glued_citation_numbers({"text": text})]
    assert found == glued


def _run(data: dict[str, object]) -> list[tuple[str, str]]:
    from protocolgen.rules import RULES, text_quality

    del text_quality  # imported for its registration
    family = [r for r in RULES.values() if r.family == "text_quality" and r.code in _SCANNING]
    return sorted((r.code, f.pointer) for r in family for f in r.check(data))


#: The rules that scan every string of the spec in one pass over the joined text.
_SCANNING = ("PG501", "PG503", "PG504", "PG508")


@pytest.mark.parametrize("separator", ["", "\0"])
def test_one_pass_over_all_strings_finds_what_each_string_alone_shows(separator: str) -> None:
    # Problems at the start and end of strings, in neighbouring strings, and (with a NUL in
    # the text, which the joined scan cannot use) the same through the string-by-string path.
    data = {
        "a": ["TBD" + separator, "larger groups.12345", "DAS28 3.2或 SDAI", "x\\[y"],
        "b": {"c": "fine text", "d": "Loading...", "e": "checK back later"},
        "f": ["Xxx", "vıew: the page"],
        "registry_record": {"g": "TBD"},
    }
    assert _run(data) == [
        ("PG501", "/a/0"),
        ("PG501", "/b/d"),
        ("PG501", "/b/e"),
        ("PG501", "/f/0"),
        ("PG501", "/f/1"),
        ("PG503", "/a/2"),
        ("PG504", "/a/3"),
        ("PG508", "/a/1"),
    ]


def test_clean_text_gives_no_text_findings() -> None:
    data = {"a": ["Adults aged 18 to 70.", "北京协和医院"], "b": {"c": "See the protocol."}}
    assert _run(data) == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(
    list(" \t\0.,:;-_()[]≥–“”Aa1")), max_size=20), max_size=4))
def test_texts_are_compared_by_their_lower_cased_words(texts: list[str]) -> None:
    """PG505, PG506 and PG509 compare texts by their lower-cased words (ASCII text takes a
    faster path than the regular expression that defines them)."""
    from protocolgen.rules.spec_text import words

    expected = [re.sub(r"[^\w]+", " ", t.lower()).strip() for t in texts]
    assert [words(t) for t in texts] == expected


@pytest.mark.parametrize(
    ("inclusion", "repeated"),
    [
        (["Adult", "adult.", "Pregnant"], ["/eligibility/inclusion/1"]),
        (["Age 18-65 years", "age 18 - 65 years;"], ["/eligibility/inclusion/1"]),
        (["Age ≥ 18", "age ≥18"], ["/eligibility/inclusion/1"]),  # non-ASCII text too
        (["ECOG 0_1", "ECOG 0 1"], []),  # the underscore is part of a word
    ],
)
def test_duplicate_criterion_ignores_case_spacing_and_punctuation(
    inclusion: list[str], repeated: list[str]
) -> None:
    from protocolgen.rules.text_quality import duplicate_criterion

    data = {"eligibility": {"inclusion": inclusion, "exclusion": []}}
    assert [f.pointer for f in duplicate_criterion(data)] == repeated


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Loadıng...", True),  # dotless i: a case-blind regex reads it as "i"
        ("LOADİNG...", True),  # dotted capital I
        ("Lorem ipſum", True),  # long s
        ("Chec\u212a back later", True),  # Kelvin sign
        ("Site ≥ 18 years: TBD", True),  # other non-ASCII text around a leftover
        ("Visit window ≥ 3 days; see the manual", False),
        ("Loading… ≥", False),  # an ellipsis character is not "..."
    ],
)
def test_scraping_leftovers_are_found_whatever_the_letters(text: str, reported: bool) -> None:
    """PG501 decides on the UTF-8 bytes whether its case-blind regex can match at all: the
    four non-ASCII letters that regex matches to ASCII ones must not slip past."""
    from protocolgen.rules.text_quality import scraping_leftover

    assert bool(list(scraping_leftover({"brief_summary": text}))) is reported


def test_every_letter_of_another_script_is_seen_in_the_bytes() -> None:
    """PG503 skips text whose UTF-8 holds none of the lead bytes of the scripts it reports;
    every character its pattern matches starts with one of them."""
    from protocolgen.rules.text_quality import _OTHER_SCRIPT, _OTHER_SCRIPT_LEADS

    letters = [chr(n) for n in range(0x10000) if _OTHER_SCRIPT.match(chr(n))]
    assert len(letters) > 39000
    assert all(letter.encode()[0] in _OTHER_SCRIPT_LEADS for letter in letters)
    assert not any(c.encode()[0] in _OTHER_SCRIPT_LEADS for c in "≥≤×–—“”µ°±éüñ…")


PIECES = ["", "ok", "TBD", "x TBD y", "Loading...", "a\\[b", "safe.12345", "或", "3.2或 SDAI",
          " ", "end."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8))
def test_strings_matching_a_pattern_are_found_in_the_joined_text(texts: list[str]) -> None:
    """The text rules search all strings at once; the strings kept are exactly those a
    search of each string alone would match, in order, however the matches fall."""
    from protocolgen.rules import text_quality as tq
    from protocolgen.rules.spec_text import SpecText

    content = SpecText({"t": texts})
    for pattern in (tq._LEFTOVER, tq._ESCAPED, tq._GLUED_QUICK, tq._OTHER_SCRIPT):
        expected = [(f"/t/{n}", t) for n, t in enumerate(texts) if pattern.search(t)]
        assert content.matching(pattern) == expected


@pytest.mark.parametrize(
    ("criterion", "reported"),
    [
        ("Age 18-65 years.", True),
        ("AGED 18 TO 65 YEARS", True),  # any case: the pre-check lower-cases the text
        ("Patients aged 18–70 years", False),  # agrees with the structured ages
        ("Ages: 18 to 70", False),
        ("Stage 2-3 disease", False),  # "age" inside a word is not the word
        ("Weight 50-120 kg", False),
    ],
)
def test_an_age_range_in_a_criterion_is_compared_with_the_structured_ages(
    criterion: str, reported: bool
) -> None:
    from protocolgen.rules.consistency import criteria_age_mismatch

    data = {"eligibility": {"minimum_age": {"value": 18, "unit": "YEARS"},
                            "maximum_age": {"value": 70, "unit": "YEARS"},
                            "inclusion": [criterion]}}
    assert bool(list(criteria_age_mismatch(data))) is reported


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab./ 1\t\u00a0\u2003")), max_size=30))
def test_a_glued_number_is_in_a_link_when_its_word_has_a_slash(text: str) -> None:
    """PG508 skips numbers inside DOIs and URLs: the word around the match (as ``\\S+``
    splits the text, whatever the white space) holds a slash."""
    from protocolgen.rules.text_quality import _in_link

    for match in re.finditer(r"\d", text):
        word = next(w for w in re.finditer(r"\S+", text) if w.start() <= match.start() < w.end())
        assert _in_link(text, match) is ("/" in word.group())
