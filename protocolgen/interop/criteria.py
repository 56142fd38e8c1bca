"""Eligibility criteria text ⇄ the spec's inclusion / exclusion lists.

CT.gov keeps the criteria as one Markdown text. Most records follow the registry's template:
an ``Inclusion Criteria:`` heading, a bullet or numbered list, then ``Exclusion Criteria:``
and another list. :func:`read_criteria` reads that convention into criteria (plain strings,
or ``{number, text, sub}`` when the source numbers items or nests sub-items), the Markdown
escapes undone; some records have no inclusion heading ("Eligibility criteria: … Exclusion
criteria: …"), and then the text before the exclusion heading is the inclusion criteria.
:func:`join_criteria` writes the lists back in the convention, escaping the text again, so
reading the written text gives the same lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from protocolgen.interop.markup import escape, unescape

# A heading: "Inclusion Criteria:" and its variants — "Key inclusion criteria", "Inclusion:",
# "EXCLUSION CRITERIA", "Exclusion Criteria (patients with … ):", bold, repeated colons.
HEADING = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:(?:key|main|major|general|specific)\s+)?"
    r"(inclusion|exclusion|non-inclusion)(?:\s+criteria)?"
    r"(?:\s*\((?P<note>[^()]*(?:\([^()]*\)[^()]*)*)\))?"
    r"\s*(?:include|are)?\s*:*\s*(?:\*\*|__)?\s*:*\s*$",
    re.IGNORECASE,
)
# A generic first heading dropped when the inclusion heading is inferred.
_GENERIC = re.compile(
    r"^\s*(?:key\s+)?(?:(?:eligibility|selection|entry|study)\s+)?criteria\s*:?\s*$",
    re.IGNORECASE,
)
# A list item: a bullet, a number ("1." "2)"), a decimal sub-number ("1.1"), a letter or a
# small roman numeral ("a." "b)" "iv.").
_ITEM = re.compile(
    r"^( *)(?:([*+-])|(\d+)[.)]|(\d+(?:\.\d+)+)\.?|([a-zA-Z]|[ivxIVX]{2,4})[.)])\s+(.*)$"
)
# A line of an inclusion item that reads like an exclusion heading the reader did not know.
_SUSPECT = re.compile(
    r"^\W*(?:key\s+|main\s+)?(?:exclusion|non-inclusion|excluded|not\s+eligible)\b",
    re.IGNORECASE,
)
#: Headings :func:`join_criteria` writes.
INCLUSION, EXCLUSION = "Inclusion Criteria:", "Exclusion Criteria:"


@dataclass
class _Item:
    text: str
    number: int | None = None
    sub: list[str] = field(default_factory=list)

    def value(self) -> Any:
        """The criterion as the spec holds it: plain text, Markdown escapes undone."""
        text = unescape(self.text)
        if self.number is None and not self.sub:
            return text
        out: dict[str, Any] = {}
        if self.number is not None:
            out["number"] = self.number
        out["text"] = text
        if self.sub:
            out["sub"] = [unescape(s) for s in self.sub]
        return out


@dataclass(frozen=True)
class Criteria:
    """The criteria read from a CT.gov text. ``inferred`` says the text had no inclusion
    heading: the part before the exclusion heading was taken as the inclusion criteria
    (``dropped`` is the generic heading left out, such as ``Eligibility criteria:``)."""

    inclusion: list[Any]
    exclusion: list[Any]
    inferred: bool = False
    dropped: str | None = None
    #: What the reader did beyond the convention, for the importer's PG913 findings.
    notes: tuple[str, ...] = ()


def read_criteria(text: str) -> Criteria | None:
    """The inclusion and exclusion criteria of the Markdown ``text``; ``None`` when it has
    no inclusion or exclusion heading at all.

    Beyond the convention: text before the first (inclusion) heading is kept as the first
    inclusion items, a heading's parenthetical note as the first item under it, and repeated
    or out-of-order headings add to their own list; each is described in ``notes``.
    """
    lines = text.split("\n")
    kinds = [(i, m) for i, m in enumerate(map(HEADING.match, lines)) if m]
    if not kinds:
        return None
    before = lines[: kinds[0][0]]
    inferred, dropped = False, None
    notes: list[str] = []
    bodies: dict[str, list[str]] = {"inclusion": [], "exclusion": []}
    seen: list[str] = []
    if any(line.strip() for line in before) and _kind(kinds[0][1]) == "exclusion":
        # No inclusion heading: what comes before the exclusion heading is the inclusion
        # list, less a generic first heading ("Eligibility criteria:").
        inferred = True
        first = next(i for i, line in enumerate(before) if line.strip())
        if _GENERIC.match(before[first]):
            dropped = before[first].strip()
            before = before[first + 1 :]
        bodies["inclusion"].extend(before)
    elif any(line.strip() for line in before):
        lead = " ".join(line.strip() for line in before if line.strip())
        notes.append(f"the text before the first heading ({_clip(lead)!r}) is kept as inclusion")
        bodies["inclusion"].extend([*before, ""])
    current: list[str] = []
    for line in lines[kinds[0][0] :]:
        heading = HEADING.match(line)
        if heading is None:
            current.append(line)
            continue
        kind = _kind(heading)
        if kind in seen:
            notes.append(f"a second {kind} heading ({line.strip()!r}): its items are added")
        elif seen and kind == "inclusion":
            notes.append(f"the inclusion heading ({line.strip()!r}) comes after the exclusion one")
        seen.append(kind)
        current = bodies[kind]
        if current and current[-1].strip():
            current.append("")
        if heading.group("note"):
            notes.append(f"the note of the heading {line.strip()!r} is kept as a {kind} item")
            current.extend([f"({heading.group('note').strip()})", ""])
    inclusion, exclusion = _items(bodies["inclusion"]), _items(bodies["exclusion"])
    return Criteria(inclusion, exclusion, inferred, dropped, tuple(notes))


def _kind(heading: re.Match[str]) -> str:
    return "inclusion" if heading.group(1).lower() == "inclusion" else "exclusion"


def _clip(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def suspect_items(items: list[Any]) -> list[int]:
    """Indexes of criteria with a line that reads like an exclusion heading: in an inclusion
    list, a sign that exclusion criteria were read as inclusion criteria."""
    return [
        index
        for index, item in enumerate(items)
        if any(_SUSPECT.match(line) for line in criteria_text(item).split("\n"))
    ]


def split_criteria(text: str) -> tuple[list[Any], list[Any]] | None:
    """:func:`read_criteria` as ``(inclusion, exclusion)``, or ``None``."""
    found = read_criteria(text)
    return None if found is None else (found.inclusion, found.exclusion)


def _marker_kind(match: re.Match[str]) -> str:
    kinds = ("bullet", "number", "decimal", "letter")
    return next(kind for kind, group in zip(kinds, match.groups()[1:5], strict=True) if group)


def _items(lines: list[str]) -> list[Any]:
    items: list[_Item] = []
    base: int | None = None
    top = "bullet"
    in_sub = False
    after_blank = False
    for line in lines:
        if not line.strip():
            after_blank = True
            continue
        match = _ITEM.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if match:
            kind = _marker_kind(match)
            if base is None:
                base, top = indent, kind
            # Deeper, or a lettered / "1.1" item under items of another kind: a sub-item.
            nested = indent > base or (kind in ("decimal", "letter") and kind != top)
            if nested and items:
                items[-1].sub.append(match.group(6).strip())
                in_sub = True
            else:
                number = int(match.group(3)) if match.group(3) else None
                items.append(_Item(match.group(6).strip(), number))
                in_sub = False
        elif items and (indent > (base or 0) or not after_blank):
            # A continuation line (lazy or indented) belongs to the item above it.
            glue = "\n\n" if after_blank else "\n"
            if in_sub:
                items[-1].sub[-1] += glue + line.strip()
            else:
                items[-1].text += glue + line.strip()
        else:
            # A paragraph between list items: keep it, as a criterion of its own.
            items.append(_Item(line.strip()))
            in_sub = False
        after_blank = False
    return [item.value() for item in items]


def join_criteria(
    inclusion: list[Any], exclusion: list[Any], *, inclusion_heading: bool = True
) -> str:
    """Write criteria lists as CT.gov's Markdown text (``""`` when both lists are empty).

    Without ``inclusion_heading`` (the source had none: the spec marks the list assumed),
    the inclusion items come first with no heading.

    A single multi-line inclusion item with no exclusions is criteria text that did not follow
    the convention on import; it is written back as it was (its lists stay lists). The text
    of each listed criterion is escaped whole, list markers included, so that it stays one
    criterion when the text is read again.
    """
    whole = len(inclusion) == 1 and isinstance(inclusion[0], str) and "\n" in inclusion[0]
    if whole and not exclusion:
        return escape(str(inclusion[0]))
    parts = []
    if inclusion:
        head = f"{INCLUSION}\n\n" if inclusion_heading else ""
        parts.append(f"{head}{_render(inclusion)}")
    if exclusion:
        parts.append(f"{EXCLUSION}\n\n{_render(exclusion)}")
    return "\n\n".join(parts)


def _render(items: list[Any]) -> str:
    lines: list[str] = []
    for item in items:
        if isinstance(item, str):
            text, number, sub = item, None, []
        else:
            text, number, sub = item["text"], item.get("number"), item.get("sub", [])
        marker = "*" if number is None else f"{number}."
        pad = " " * (len(marker) + 1)
        lines.append(f"{marker} {_indent(escape(text, lists=False), pad)}")
        if sub:
            lines.append("")
            lines.extend(f"{pad}* {_indent(escape(s, lists=False), pad + '  ')}" for s in sub)
    return "\n".join(lines)


def _indent(text: str, pad: str) -> str:
    """Indent every line after the first, leaving blank lines blank."""
    return "\n".join(
        (pad + line) if (i and line) else line for i, line in enumerate(text.split("\n"))
    )


def criteria_text(item: Any) -> str:
    """The text of a criterion, whether a string or an object."""
    return item if isinstance(item, str) else str(item.get("text", ""))
