"""Text both the registry summary and the PDF synopsis print the same way.

Eligibility criteria keep the source's numbers (an unnumbered item counts on from the one
before, so a list the source starts at 2 reads 2, 3, … everywhere), narrative sections keep
their paragraphs, and the counts a source gives without listing everything ("See 6 more",
"1 location") become a sentence. Values carry "[assumed]" where the spec marks them
(:mod:`.assumed_view`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from protocolgen.render.assumed_view import mark
from protocolgen.render.display import join, plain


@dataclass(frozen=True)
class Criterion:
    """An eligibility criterion; ``number`` is the source's number, printed as text."""

    text: str
    number: str
    sub: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    """A titled block of text (a narrative section); ``text`` keeps its paragraphs."""

    title: str
    paragraphs: list[str]


def paragraphs(text: str) -> list[str]:
    """Text split at blank lines, each paragraph's line breaks kept as spaces."""
    return [" ".join(p.split("\n")) for p in text.split("\n\n") if p.strip()]


def criteria(items: Sequence[Any], at: str) -> list[Criterion]:
    """Inclusion or exclusion criteria with the source's numbers. When the spec numbers any
    item, an unnumbered one counts on from the one before; a list with no numbers at all
    stays unnumbered (``number`` is ""), as its source is."""
    numbered = any(isinstance(item, dict) and "number" in item for item in items)
    out = []
    last = 0
    for n, item in enumerate(items):
        pointer = f"{at}/{n}"
        raw: dict[str, Any] = {"text": item} if isinstance(item, str) else item
        last = int(raw.get("number", last + 1))
        out.append(Criterion(mark(plain(raw.get("text")), pointer),
                             str(last) if numbered else "",
                             [str(s) for s in raw.get("sub", [])]))
    return out


def narrative(data: dict[str, Any]) -> list[Section]:
    """The detailed description and the narrative sections, as written."""
    out = []
    detailed = data["description"].get("detailed_description", "")
    if detailed:
        out.append(Section("Detailed description",
                           [mark(p, "/description/detailed_description")
                            for p in paragraphs(detailed)]))
    for key, value in (data.get("narrative") or {}).items():
        if isinstance(value, dict):
            out.append(Section(key, [f"Not applicable: {value['not_applicable']}"]))
        else:
            out.append(Section(key, paragraphs(value)))
    return out


def criteria_note(elig: dict[str, Any]) -> str:
    hidden = elig.get("criteria_not_shown", {})
    counts = join(*(f"{hidden[k]} more {k} criteria" for k in ("inclusion", "exclusion")
                    if hidden.get(k)), sep=" and ")
    if counts:
        return f"The source lists only part of the criteria: it does not show {counts}."
    if elig.get("criteria_incomplete"):
        return "The source lists only part of the eligibility criteria."
    return ""


def sites_note(data: dict[str, Any]) -> str:
    count = (data.get("registry_record") or {}).get("location_count")
    listed = len(data.get("locations", []))
    if count is None or count == listed:
        return ""
    return (f"The source reports {count} location{'s' if count != 1 else ''}; "
            f"{listed} {'is' if listed == 1 else 'are'} listed here.")
