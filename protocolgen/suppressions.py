"""Inline suppressions: ``# protocolgen: ignore[CODE, ...]`` on a line of the spec.

A suppression on the line of a finding silences it; one on the line of a parent key
(``status:``, ``- id: A2``) silences findings anywhere below that key. A suppression
that silences nothing is reported (PG804), so stale ones do not pile up; a code that
no rule has is reported too (PG805).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.document import pointer_ancestors
from protocolgen.loading import Document
from protocolgen.rules.base import RULES

#: A YAML comment starts at '#' preceded by whitespace (or at the start of a line).
_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*protocolgen:\s*ignore\[([^\]]*)\]")
_SPLIT = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class Suppression:
    """One code of one suppression comment, with the pointers whose keys sit on its line."""

    line: int
    column: int
    code: str
    pointers: tuple[str, ...]

    def covers(self, found: Diagnostic) -> bool:
        if found.code != self.code:
            return False
        if found.line == self.line:
            return True
        return any(found.pointer == p or found.pointer.startswith(p + "/") for p in self.pointers)


def find(doc: Document) -> list[Suppression]:
    """Every suppression comment in the document, one entry per code it names."""
    hits = [
        (number, match.start() + 1, code)
        for number, match in doc.comments(_COMMENT)
        for code in _SPLIT.split(match.group(1).strip())
        if code
    ]
    if not hits:
        return []
    lines = {line for line, _, _ in hits}
    on_line: dict[int, list[str]] = {}
    for table in (doc.key_positions, doc.positions):
        for pointer, (line, _) in table.items():
            if line in lines and pointer:
                on_line.setdefault(line, []).append(pointer)
    return [
        Suppression(line, col, code, tuple(dict.fromkeys(on_line.get(line, []))))
        for line, col, code in hits
    ]


class _Index:
    """The suppressions by (code, line) and (code, pointer), so that finding the ones that
    cover a finding costs the depth of its pointer, not the number of suppressions."""

    def __init__(self, suppressions: list[Suppression]) -> None:
        self.by_line: dict[tuple[str, int], list[Suppression]] = {}
        self.by_pointer: dict[tuple[str, str], list[Suppression]] = {}
        for s in suppressions:
            self.by_line.setdefault((s.code, s.line), []).append(s)
            for pointer in s.pointers:
                self.by_pointer.setdefault((s.code, pointer), []).append(s)

    def covering(self, found: Diagnostic) -> set[Suppression]:
        """The suppressions that :meth:`Suppression.covers` ``found``."""
        hits = set(self.by_line.get((found.code, found.line), ()))
        for above in pointer_ancestors(found.pointer):
            hits.update(self.by_pointer.get((found.code, above), ()))
        return hits


def apply(
    doc: Document, found: list[Diagnostic], *, enabled: Callable[[str], bool]
) -> list[Diagnostic]:
    """``found`` without the suppressed findings, plus PG804/PG805 for useless suppressions.

    A suppression of a code that is not enabled is not reported as unused: it may be
    needed again when the rule is switched back on.
    """
    suppressions = find(doc)
    if not suppressions:
        return found
    index = _Index(suppressions)
    used: set[Suppression] = set()
    kept: list[Diagnostic] = []
    for item in found:
        covering = index.covering(item)
        used.update(covering)
        if not covering:
            kept.append(item)
    for s in suppressions:
        if s in used:
            continue
        pointer = s.pointers[0] if s.pointers else ""
        if s.code not in RULES:
            kept.append(
                Diagnostic(
                    doc.path,
                    s.line,
                    s.column,
                    "PG805",
                    Severity.WARNING,
                    f"'{s.code}' in the suppression is not a rule code",
                    "Correct the code; 'protocolgen rules' lists them.",
                    pointer,
                )
            )
        elif enabled(s.code):
            kept.append(
                Diagnostic(
                    doc.path,
                    s.line,
                    s.column,
                    "PG804",
                    Severity.WARNING,
                    f"the suppression of {s.code} suppresses nothing",
                    "Remove it: the finding it was written for is gone.",
                    pointer,
                )
            )
    return kept
