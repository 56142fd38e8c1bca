"""Eligibility criteria text ⇄ the spec's inclusion / exclusion lists.

CT.gov keeps the criteria as one Markdown text. Most records follow the registry's template:
an ``Inclusion Criteria:`` heading, a bullet or numbered list, then ``Exclusion Criteria:``
and another list. :func:`split_criteria` reads that convention into criteria (plain strings,
or ``{number, text, sub}`` when the source numbers items or nests sub-items);
:func:`join_criteria` writes them back in the same convention, so splitting the written text
gives the same lists again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# "Key Inclusion Criteria:" is a common variant; it is read as the plain heading.
_HEADING = re.compile(r"^\s*(?:key\s+)?(inclusion|exclusion)\s+criteria\s*:?\s*$", re.IGNORECASE)
_ITEM = re.compile(r"^( *)(?:[*+-]|(\d+)[.)])\s+(.*)$")
#: Headings :func:`join_criteria` writes.
INCLUSION, EXCLUSION = "Inclusion Criteria:", "Exclusion Criteria:"


@dataclass
class _Item:
    text: str
    number: int | None = None
    sub: list[str] = field(default_factory=list)

    def value(self) -> Any:
        if self.number is None and not self.sub:
            return self.text
        out: dict[str, Any] = {}
        if self.number is not None:
            out["number"] = self.number
        out["text"] = self.text
        if self.sub:
            out["sub"] = self.sub
        return out


def split_criteria(text: str) -> tuple[list[Any], list[Any]] | None:
    """The inclusion and exclusion criteria of ``text``; ``None`` when it does not follow the
    ``Inclusion Criteria:`` / ``Exclusion Criteria:`` convention."""
    bodies: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
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
    return _items(bodies["inclusion"]), _items(bodies.get("exclusion", []))


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
    the convention on import; it is written back as it was.
    """
    whole = len(inclusion) == 1 and isinstance(inclusion[0], str) and "\n" in inclusion[0]
    if whole and not exclusion:
        return str(inclusion[0])
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
        lines.append(f"{marker} {_indent(text, pad)}")
        if sub:
            lines.append("")
            lines.extend(f"{pad}* {_indent(s, pad + '  ')}" for s in sub)
    return "\n".join(lines)


def _indent(text: str, pad: str) -> str:
    """Indent every line after the first, leaving blank lines blank."""
    return "\n".join(
        (pad + line) if (i and line) else line for i, line in enumerate(text.split("\n"))
    )


def criteria_text(item: Any) -> str:
    """The text of a criterion, whether a string or an object."""
    return item if isinstance(item, str) else str(item.get("text", ""))
