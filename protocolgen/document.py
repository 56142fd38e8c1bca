"""A parsed spec (its data and the 1-based line:column of every value) and load results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from protocolgen.diagnostics import Diagnostic


@dataclass
class Document:
    """A parsed spec: its data and where each value sits in the file."""

    path: str
    text: str
    data: Any
    #: JSON pointer → (line, column) of the value, 1-based.
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: JSON pointer → (line, column) of the key that holds the value, 1-based.
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: JSON pointer → source text of plain scalars YAML did not read as strings (for hints).
    raw_scalars: dict[str, str] = field(default_factory=dict)
    #: (JSON pointer, text) of every string value, in document order, as the loader met them;
    #: None when that list would not match ``data`` (an alias repeats a mapping or list, or a
    #: key is duplicated) or the document was not loaded from YAML text.
    strings: list[tuple[str, str]] | None = None

    def position(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Where ``pointer`` is; with ``key=True`` prefer the key naming it.

        A pointer inside an alias has no position of its own: the nearest ancestor's is used.
        """
        while True:
            if key and pointer in self.key_positions:
                return self.key_positions[pointer]
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return (1, 1)
            pointer = pointer.rsplit("/", 1)[0]

    def comments(self, pattern: re.Pattern[str]) -> list[tuple[int, re.Match[str]]]:
        """(1-based line, match) of every match of ``pattern``, an inline ``# protocolgen: ...``
        comment, line by line. Most specs have none: then the text is not split at all."""
        if COMMENT_MARKER not in self.text:
            return []
        return [
            (number, match)
            for number, line in enumerate(self.text.splitlines(), start=1)
            if COMMENT_MARKER in line
            for match in pattern.finditer(line)
        ]


#: What every inline protocolgen comment (suppressions, assumed values) contains.
COMMENT_MARKER = "protocolgen:"


def pointer_join(parent: str, token: str | int) -> str:
    """Append one reference token to a JSON pointer (RFC 6901 escaping)."""
    text = str(token).replace("~", "~0").replace("/", "~1")
    return f"{parent}/{text}"


def pointer_ancestors(pointer: str) -> list[str]:
    """``pointer`` and every pointer above it ("" for the root when ``pointer`` is not "").

    ``p in pointer_ancestors(f)`` is ``f == p or f.startswith(p + "/")``: whether a finding
    at ``f`` lies at or below ``p``.
    """
    return [pointer[:n] for n, char in enumerate(pointer) if char == "/"] + [pointer]


@dataclass
class LoadResult:
    """The outcome of loading: a document when the file parsed, and the findings."""

    document: Document | None
    diagnostics: list[Diagnostic]
    #: True when the bytes could not be read as text at all.
    unreadable: bool = False
