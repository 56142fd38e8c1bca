"""CT.gov's Markdown ⇄ the spec's plain text, for the record's ``markup`` fields.

API v2 returns markup fields (summary, description, arm / intervention / outcome
descriptions, criteria, …; :data:`protocolgen.interop.ctgov.fields.MARKUP`) as CommonMark, with the
characters that could start markup escaped by a backslash: ``titers of \\<0.1 IU/ml``,
``\\[Tdap\\]``. A spec holds the text as its author would write it, so import undoes those
escapes (:func:`unescape`) and export puts them back (:func:`escape`), with
``unescape(escape(text)) == text`` for every text, so import → export → import is stable.

What stays Markdown on both sides is the line structure CT.gov's own text uses: paragraphs
(blank lines) and list items (``* ``, ``- ``, ``+ ``, ``1. `` at the start of a line), which
an author writes the same way in plain text. Code spans and autolinks are not treated
specially: CT.gov's markup has none (its converter escapes the characters that would open
them), so a backslash before punctuation is always an escape.
"""

from __future__ import annotations

import re
import string

# CommonMark: "Any ASCII punctuation character may be backslash-escaped"; a backslash before
# any other character (a letter, a space, a line end) is a literal backslash.
_ESCAPED = re.compile("\\\\([" + re.escape(string.punctuation) + "])")
# What export escapes anywhere in a line: the backslash itself, emphasis, code, links, raw
# HTML and entities, and block quotes (CT.gov escapes '>' everywhere). '!' and '(' need no
# escape once '[' and ']' are escaped. These are the escapes CT.gov's own records carry.
_ALWAYS = frozenset("\\`*[]<>&")
# Escaped only where they could open something, so a record that left them bare (``a_b``,
# ``10^9/L``, ``~5 mg``, ``#1``) round-trips byte for byte: '_' at a word edge (emphasis),
# '#' at a line start (heading), and '|', '~', '^' when the line holds two or more of them
# (a GFM table row, strikethrough / subscript, CT.gov's superscript).
_PAIRED = frozenset("|~^")
# A list item marker at the start of a line: a bullet or a number, then a space or the end.
_MARKER = re.compile(r"([*+-]|[0-9]{1,9}[.)])(?=[ \t]|$)")
# A line that is a thematic break or a setext heading underline ("---", "- - -", "===").
_RULE = re.compile(r"(?:=+|(?:-[ \t]*)+)[ \t]*$")


def unescape(text: str) -> str:
    """CT.gov Markdown → plain text: ``\\<`` → ``<``, ``\\\\`` → ``\\``; other backslashes
    (before a letter, a space or a line end) stay, as CommonMark shows them."""
    return _ESCAPED.sub(r"\1", text)


def escape(text: str, *, lists: bool = True) -> str:
    """Plain text → CT.gov Markdown that shows it as written.

    With ``lists`` (free text), a list marker at the start of a line stays a list marker, as
    it was in the record; without it (the text of one criterion, whose list structure the
    spec already holds), the marker is escaped too, so the text stays one item.
    """
    return "\n".join(_line(line, lists) for line in text.split("\n"))


def _line(line: str, lists: bool) -> str:
    body = line.lstrip(" \t")
    lead = line[: len(line) - len(body)]
    head = ""
    marker = _MARKER.match(body)
    if _RULE.match(body):
        head, body = "\\" + body[0], body[1:]  # "\---" is text, not a rule or underline
    elif marker and lists:
        head, body = marker.group(), body[marker.end() :]
    elif marker and marker.group()[-1] in "+-.)":
        # "- x" → "\- x", "1. x" → "1\. x" ("*" is escaped below with the rest of the line)
        kept = marker.group()
        head, body = kept[:-1] + "\\" + kept[-1], body[marker.end() :]
    return lead + head + _inline(body, at_start=not head)


_SPECIAL = re.compile(r"[\\`*\[\]<>&_#|~^]")


def _inline(body: str, *, at_start: bool) -> str:
    if not _SPECIAL.search(body):
        return body  # most lines: nothing to escape
    out = []
    for index, char in enumerate(body):
        if char in _ALWAYS:
            needed = True
        elif char == "_":
            before = body[index - 1] if index else " "
            after = body[index + 1] if index + 1 < len(body) else " "
            needed = not (before.isalnum() and after.isalnum())
        elif char == "#":
            needed = at_start and not body[:index].strip()
        elif char in _PAIRED:
            needed = body.count(char) > 1
        else:
            needed = False
        out.append("\\" + char if needed else char)
    return "".join(out)


def markdown(text: str | None) -> str | None:
    """:func:`escape` for an optional field (``None`` stays ``None``: left out)."""
    return None if text is None else escape(text)
