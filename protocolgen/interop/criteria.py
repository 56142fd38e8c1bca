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

# "Key Inclusion Criteria:" is a common variant; it is read as the plain heading.
_HEADING = re.compile(r"^\s*(?:key\s+)?(inclusion|exclusion)\s+criteria\s*:?\s*$", re.IGNORECASE)
# A generic first heading dropped when the inclusion heading is inferred.
_GENERIC = re.compile(
    r"^\s*(?:key\s+)?(?:(?:eligibility|selection|entry|study)\s+)?criteria\s*:?\s*$",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^( *)(?:[*+-]|(\d+)[.)])\s+(.*)$")
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


def read_criteria(text: str) -> Criteria | None:
    """The inclusion and exclusion criteria of the Markdown ``text``; ``None`` when it does
    not follow the ``Inclusion Criteria:`` / ``Exclusion Criteria:`` convention."""
    lines = text.split("\n")
    kinds = [(i, m.group(1).lower()) for i, m in enumerate(map(_HEADING.match, lines)) if m]
    if [kind for _, kind in kinds] == ["exclusion"]:
        return _inferred(lines, kinds[0][0])
    bodies: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            kind = heading.group(1).lower()
            if kind in bodies or (kind == "exclusion" and "inclusion" not in bodies):
                return None  # repeated or out-of-order headings: not the convention
            current = bodies[kind] = []
        elif current is not None:
            current.append(line)
        elif line.strip():
            return None  # text before the first heading
    if "inclusion" not in bodies:
        return None
    return Criteria(_items(bodies["inclusion"]), _items(bodies.get("exclusion", [])))


def _inferred(lines: list[str], at: int) -> Criteria:
    """No inclusion heading: what comes before the exclusion heading is the inclusion list,
    less a generic first heading ("Eligibility criteria:")."""
    before = lines[:at]
    first = next((i for i, line in enumerate(before) if line.strip()), None)
    dropped = None
    if first is not None and _GENERIC.match(before[first]):
        dropped = before[first].strip()
        before = before[first + 1 :]
    inferred = any(line.strip() for line in lines[:at])
    return Criteria(_items(before), _items(lines[at + 1 :]), inferred, dropped)


def split_criteria(text: str) -> tuple[list[Any], list[Any]] | None:
    """:func:`read_criteria` as ``(inclusion, exclusion)``, or ``None``."""
    found = read_criteria(text)
    return None if found is None else (found.inclusion, found.exclusion)


def _items(lines: list[str]) -> list[Any]:
    items: list[_Item] = []
    base: int | None = None
    in_sub = False
    after_blank = False
    for line in lines:
        if not line.strip():
            after_blank = True
            continue
        match = _ITEM.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if match:
            if base is None:
                base = indent
            if indent > base and items:
                items[-1].sub.append(match.group(3).strip())
                in_sub = True
            else:
                number = int(match.group(2)) if match.group(2) else None
                items.append(_Item(match.group(3).strip(), number))
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


def join_criteria(inclusion: list[Any], exclusion: list[Any]) -> str:
    """Write criteria lists as CT.gov's Markdown text (``""`` when both lists are empty).

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
        parts.append(f"{INCLUSION}\n\n{_render(inclusion)}")
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
