"""Text-quality rules: leftovers of scraping and copying, and text too vague to register.

Every rule here was prompted by something found in the seed specs (see
docs/findings-seeds.md). Rules report each string once, however often the problem recurs in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.rules.base import Finding, get, items, rule
from protocolgen.rules.spec_text import SpecText, matching, spec_text, words
from protocolgen.rules.timepoints import time_points

#: Page chrome and placeholders that are never trial content.
_LEFTOVER = re.compile(
    # \b factored out of the alternatives: the same matches, about 2.5x faster (this regex
    # runs over every string of every spec).
    r"Loading\.\.\.|\b(?:See \d+ more\b|Show (?:more|less)\b|Read more\b|View:|TBD\b|"
    r"TBC\b|Check back later\b|Lorem ipsum\b|XXX+\b)",
    re.IGNORECASE,
)
#: What every match of ``_LEFTOVER`` contains once lower-cased: a spec whose text holds none
#: of these cannot match, which ``in`` finds far faster than the case-blind regex.
_LEFTOVER_WORDS = ("loading...", "see ", "show ", "read more", "view:", "tbd", "tbc",
                   "check back later", "lorem ipsum", "xxx")
#: Letters a case-blind regex matches to an ASCII letter but ``str.lower`` does not map to it.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
#: In UTF-8, İ and ı start with the byte C4 and ſ with C5 (rare: other Latin Extended-A
#: letters); the Kelvin sign is E2 84 AA, whose first byte is common (≥, –).
_FOLD_LEADS, _KELVIN = b"\xc4\xc5", "\u212a".encode()
_LEFTOVER_UTF8 = tuple(word.encode() for word in _LEFTOVER_WORDS)
#: Markdown escapes a scraper left in: "\[", "10\^9", "\<".
_ESCAPED = re.compile(r"\\[\[\]<>^*_#()]")
#: Reference numbers run into the end of a sentence: "larger groups.12345". The digits must
#: end the word ("12345 " or "12345." at the end), not go on into more of an identifier.
_GLUED_CITATIONS = re.compile(r"(?<=[a-z]\.)\d{3,}(?![\w/-]|\.\w)")
#: The same matches, one character earlier: starting with the full stop lets the regex
#: engine skip ahead to each "." instead of trying the lookbehind at every character.
_GLUED_QUICK = re.compile(r"\.(?<=[a-z]\.)\d{3,}(?![\w/-]|\.\w)")
#: Letters of scripts other than Latin: CJK, kana, Hangul, Cyrillic, Arabic, Hebrew, Thai.
_OTHER_SCRIPT = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0400-\u04ff"
    r"\u0590-\u05ff\u0600-\u06ff\u0e00-\u0e7f]+"
)
#: The first bytes of those letters in UTF-8 (and of neighbouring letters, and of lone
#: surrogates): text whose UTF-8 has none of these bytes has no letter of those scripts.
_OTHER_SCRIPT_LEADS = bytes([*range(0xD0, 0xD4), *range(0xD6, 0xDC), 0xE0, *range(0xE3, 0xEE)])
_LATIN = re.compile(r"[A-Za-z]")
_VAGUE_MEASURES = {
    "safety",
    "efficacy",
    "safety and efficacy",
    "efficacy and safety",
    "tolerability",
    "safety and tolerability",
    "effectiveness",
    "outcome",
    "primary outcome",
}
_VAGUE_TIME = re.compile(
    r"\b(?:end of (?:the )?(?:study|trial|treatment|follow[- ]up)|study completion|"
    r"throughout the (?:study|trial)|duration of (?:the )?(?:study|trial))\b",
    re.IGNORECASE,
)



def _may_have_leftovers(content: SpecText) -> bool:
    """False when ``_LEFTOVER`` cannot match anywhere in the joined text: none of the words
    every match contains is there, ASCII letters compared without case. Four other letters
    match ASCII ones in a case-blind regex (İ, ı, ſ, K): in the rare text
    that has them, they are folded first."""
    raw = content.utf8
    if content.has_any_byte(_FOLD_LEADS) or _KELVIN in raw:
        lowered = (content.joined or "").translate(_FOLD).lower()
        return any(word in lowered for word in _LEFTOVER_WORDS)
    raw = raw.lower()  # ASCII letters only, which is all the words hold
    return any(word in raw for word in _LEFTOVER_UTF8)


@rule(
    "PG501",
    "scraping-leftover",
    Severity.WARNING,
    "No page chrome or placeholders in the text",
    passing="location: Site to be confirmed by the sponsor",
    failing="facility: Loading...",
)
def scraping_leftover(data: dict[str, Any]) -> Iterator[Finding]:
    """Words from the web page a spec was copied from ("Loading...", "See 6 more",
    "View:", "Check back later") and placeholders ("TBD") are not trial content and would
    be published as they are."""
    content = spec_text(data)
    if content.joined is not None and not _may_have_leftovers(content):
        return
    for pointer, text in matching(data, _LEFTOVER):
        match = _LEFTOVER.search(text)
        if match:
            yield Finding(
                pointer,
                f"'{match.group()}' looks like page chrome or a placeholder",
                "Replace it with the real content, or leave the value empty to mark a gap.",
            )


def _numbers(data: dict[str, Any], kind: str) -> list[int]:
    return [
        c["number"]
        for c in get(data, "eligibility", kind) or []
        if isinstance(c, dict) and isinstance(c.get("number"), int)
    ]


@rule(
    "PG502",
    "criteria-numbering-gap",
    Severity.WARNING,
    "Numbered criteria start at 1 without gaps",
    passing="inclusion: [{number: 1, text: A}, {number: 2, text: B}]",
    failing="inclusion: [{number: 2, text: A}, {number: 4, text: B}]",
)
def criteria_numbering_gap(data: dict[str, Any]) -> Iterator[Finding]:
    """When criteria keep the numbers printed in the source, the numbers run 1, 2, 3, ...
    A list that starts later or skips a number lost items on the way."""
    for kind in ("inclusion", "exclusion"):
        numbers = _numbers(data, kind)
        if not numbers:
            continue
        present, highest = set(numbers), max(numbers)
        if highest > len(numbers) + 100:
            # A typo such as 1000000, not a hundred lost criteria: never count up to it.
            detail = f"the numbering jumps to {highest}"
        else:
            missing = [n for n in range(1, highest + 1) if n not in present]
            listed = ", ".join(map(str, missing))
            detail = (f"item {listed} is missing" if len(missing) == 1
                      else f"items {listed} are missing" if missing else "")
        if detail or len(numbers) != len(present):
            detail = detail or "some numbers repeat"
            yield Finding(
                f"/eligibility/{kind}",
                f"the numbered {kind} criteria are incomplete: {detail}",
                "Copy the missing criteria from the protocol, or renumber the list.",
                at_key=True,
            )


def _stray(text: str, match: re.Match[str]) -> bool:
    """A short run (one word) with English on both sides; a name written in its own script,
    such as a facility "北京协和医院 (Peking Union Medical College Hospital)", is not."""
    before, after = text[: match.start()], text[match.end() :]
    return len(match.group()) <= 3 and bool(_LATIN.search(before)) and bool(_LATIN.search(after))


@rule(
    "PG503",
    "other-script-in-text",
    Severity.WARNING,
    "English text has no words of another script",
    passing="text: 'DAS28 ≥ 3.2 or SDAI > 11.0'",
    failing="text: 'DAS28 ≥ 3.2或 SDAI > 11.0'",
)
def other_script_in_text(data: dict[str, Any]) -> Iterator[Finding]:
    """One to three characters of another script between English words ("3.2或 SDAI",
    where 或 means "or") are an untranslated word left by the translation. Longer runs,
    or text that starts or ends in the other script (names of sites), are not reported."""
    content = spec_text(data)
    if content.joined is not None and (
        content.joined.isascii() or not content.has_any_byte(_OTHER_SCRIPT_LEADS)
    ):
        return  # the usual case, found at memory speed: no letter of another script
    for pointer, text in matching(data, _OTHER_SCRIPT):
        match = next((m for m in _OTHER_SCRIPT.finditer(text) if _stray(text, m)), None)
        if match:
            yield Finding(
                pointer,
                f"'{match.group()}' is in another script inside English text",
                "Translate the word (for example 或 is 'or').",
            )


@rule(
    "PG504",
    "escaped-markup",
    Severity.WARNING,
    "No escaped markup in the text",
    passing="dose: 1×10^6 cells/kg",
    failing="dose: 1×10\\^6 cells/kg",
)
def escaped_markup(data: dict[str, Any]) -> Iterator[Finding]:
    """Backslash escapes from Markdown ("\\[", "\\<", "10\\^9") were added by the page the
    text came from; published as they are, readers see the backslashes."""
    for pointer, text in matching(data, _ESCAPED):
        found = sorted(set(_ESCAPED.findall(text)))
        if found:
            yield Finding(
                pointer,
                f"escaped markup {' '.join(found)} in the text",
                "Remove the backslashes ('10^9', '<', '[').",
            )


@rule(
    "PG505",
    "duplicate-criterion",
    Severity.WARNING,
    "No criterion is listed twice",
    passing="inclusion: [Adult]\nexclusion: [Pregnancy]",
    failing="inclusion: [Adult, adult.]",
)
def duplicate_criterion(data: dict[str, Any]) -> Iterator[Finding]:
    """The same criterion twice (in one list, or as both inclusion and exclusion) is a
    copying mistake or a contradiction. Case, spacing and punctuation are ignored.

    An item ending in a colon ("For parent participants:") heads a group of criteria; the
    same criterion under two different headings applies to two groups, so it is compared
    only within its group, and the headings themselves are not criteria."""
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for kind in ("inclusion", "exclusion"):
        listed = get(data, "eligibility", kind) or []
        texts = [item if isinstance(item, str) else item["text"] for item in listed]
        group = ""
        for n, text in enumerate(texts):
            key = words(text)
            if not key:
                continue
            if text.rstrip().endswith(":"):
                group = key
                continue
            if (group, key) in seen:
                first, number = seen[(group, key)]
                yield Finding(
                    f"/eligibility/{kind}/{n}",
                    f"this criterion repeats {first} criterion {number + 1}",
                    "Remove the repeat.",
                )
            else:
                seen[(group, key)] = kind, n


@rule(
    "PG506",
    "vague-outcome-measure",
    Severity.WARNING,
    "Outcome measures are specific",
    passing="measure: Number of participants with adverse events",
    failing="measure: Safety",
)
def vague_outcome_measure(data: dict[str, Any]) -> Iterator[Finding]:
    """An outcome measure names what is measured ("Number of participants with treatment-
    related adverse events"), not a domain ("Safety", "Efficacy"); ClinicalTrials.gov warns
    about such titles."""
    for level in ("primary", "secondary", "other"):
        for pointer, outcome in items(data, "outcomes", level):
            if words(outcome["measure"]) in _VAGUE_MEASURES:
                yield Finding(
                    pointer + "/measure",
                    f"the outcome measure '{outcome['measure']}' is too vague",
                    "Name the specific measurement, its metric and method.",
                )


@rule(
    "PG507",
    "vague-time-frame",
    Severity.WARNING,
    "Outcome time frames name a time",
    passing="time_frame: Day 28",
    failing="time_frame: End of study",
)
def vague_time_frame(data: dict[str, Any]) -> Iterator[Finding]:
    """A time frame says when the measure is assessed ("Day 28", "12 months after the
    infusion"); "end of study" alone depends on a date the reader does not know."""
    for level in ("primary", "secondary", "other"):
        for pointer, outcome in items(data, "outcomes", level):
            frame = outcome["time_frame"]
            if not frame.strip() or (_VAGUE_TIME.search(frame) and not time_points(frame)):
                yield Finding(
                    pointer + "/time_frame",
                    f"the time frame '{frame}' does not name a time",
                    "Give the time point(s), for example 'Day 28' or 'up to 12 months'.",
                )


def _in_link(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` lies inside a DOI or URL: a word of ``text`` (a run of characters
    that are not white space, as ``\\S+``) that contains a slash. The word is found from the
    match outwards, not by listing the words before it."""
    start = end = match.start()
    while start and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return "/" in text[start:end]


@rule(
    "PG508",
    "glued-citation-numbers",
    Severity.WARNING,
    "No reference numbers run into the text",
    passing="text: Studies found it safe [1, 2].",
    failing="text: Studies found it safe.12345",
)
def glued_citation_numbers(data: dict[str, Any]) -> Iterator[Finding]:
    """Superscript reference numbers flattened by copying run into the sentence
    ("larger groups.12345") and read as a number. Dotted parts of DOIs and URLs
    ("doi: 10.1002/art.40866", "j.cjca.2014.12.024") are identifiers, not sentences."""
    for pointer, text in matching(data, _GLUED_QUICK):
        match = next((m for m in _GLUED_CITATIONS.finditer(text) if not _in_link(text, m)), None)
        if match:
            yield Finding(
                pointer,
                f"'{match.group()}' after a full stop looks like flattened reference numbers",
                "Remove them or write the references out.",
            )


@rule(
    "PG509",
    "brief-title-repeats-official",
    Severity.WARNING,
    "The brief title is not the official title",
    passing="brief_title: Stem cells for lupus\nofficial_title: A Phase 1 Open-label Study ...",
    failing="brief_title: A Phase 1 Study\nofficial_title: A Phase 1 Study",
)
def brief_title_repeats_official(data: dict[str, Any]) -> Iterator[Finding]:
    """The brief title is written for the public (WHO TRDS 9); repeating the scientific
    title (WHO TRDS 10) leaves the public without one."""
    brief = get(data, "identification", "brief_title")
    official = get(data, "identification", "official_title")
    if isinstance(official, str) and official.strip() and words(brief) == words(official):
        yield Finding(
            "/identification/brief_title",
            "the brief title repeats the official title",
            "Write a short plain-language title for the public.",
        )
