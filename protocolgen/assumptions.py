"""Assumed values: ``# protocolgen: assumed`` or ``# protocolgen: assumed[reason]`` on a line.

A value the author inferred rather than read from a source (a start-date type worked out
from the status, an arm type read off the arm's name) stays in the spec, so the documents
are complete, but is marked on its line. A comment on the line of a parent key (``lead:``,
``- id: A2``) marks everything below that key. The marks are found the way inline
suppressions are (:mod:`protocolgen.suppressions`): a comment belongs to the pointers whose
key or value starts on its line.

Each mark becomes a PG806 warning (so ``--strict`` fails while any remain, and a profile
with ``assumed: forbid`` turns them into errors); the renderers read the same findings back
(:func:`from_findings`) and print "[assumed]" next to the value with the reason in a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.loading import Document

CODE = "PG806"
#: A YAML comment starts at '#' preceded by whitespace (or at the start of a line).
_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*protocolgen:\s*assumed(?:\[([^\]]*)\])?")
_MESSAGE = re.compile(r"^the value is assumed(?:: (?P<reason>.*))?$", re.DOTALL)


@dataclass(frozen=True)
class Assumed:
    """One assumed-value comment: where it is, the reason, and the outermost pointers it marks."""

    line: int
    column: int
    reason: str
    pointers: tuple[str, ...]


def _outermost(pointers: Iterable[str]) -> tuple[str, ...]:
    found = sorted(set(pointers), key=lambda p: (p.count("/"), p))
    kept: list[str] = []
    for p in found:
        if not any(p == k or p.startswith(k + "/") for k in kept):
            kept.append(p)
    return tuple(kept)


def find(doc: Document) -> list[Assumed]:
    """Every assumed-value comment of ``doc`` that sits on the line of a key or value."""
    hits = [(number, m.start() + 1, (m.group(1) or "").strip())
            for number, m in doc.comments(_COMMENT)]
    if not hits:
        return []
    lines = {line for line, _, _ in hits}
    on_line: dict[int, list[str]] = {}
    # A mapping's value starts on its first key's line, so where a pointer has a key, the
    # key's line counts: "lead:  # ..." marks /sponsors/lead, not /sponsors.
    for pointer, (line, _) in {**doc.positions, **doc.key_positions}.items():
        if line in lines and pointer:
            on_line.setdefault(line, []).append(pointer)
    return [Assumed(line, col, reason, _outermost(on_line.get(line, [])))
            for line, col, reason in hits]


def assumed(doc: Document) -> dict[str, str]:
    """Pointer → reason ("" when none is given) of every assumed value in ``doc``."""
    return {p: a.reason for a in find(doc) for p in a.pointers}


def findings(doc: Document, severity: Severity = Severity.WARNING) -> list[Diagnostic]:
    """One PG806 finding per marked pointer; a comment that marks nothing is one too."""
    out = []
    for a in find(doc):
        message = "the value is assumed" + (f": {a.reason}" if a.reason else "")
        if not a.pointers:
            out.append(Diagnostic(doc.path, a.line, a.column, CODE, severity,
                                  "an assumed-value comment on a line with no key or value",
                                  "Move the comment to the line of the value it marks.", ""))
        for pointer in a.pointers:
            out.append(Diagnostic(doc.path, a.line, a.column, CODE, severity, message,
                                  "Confirm the value with its source and remove the comment, "
                                  "or leave the value out.", pointer))
    return out


def from_findings(found: Iterable[Diagnostic]) -> dict[str, str]:
    """Pointer → reason, read back from the PG806 findings a renderer receives."""
    out: dict[str, str] = {}
    for d in found:
        match = _MESSAGE.match(d.message) if d.code == CODE and d.pointer else None
        if match:
            out[d.pointer] = match.group("reason") or ""
    return out


def reason_for(marks: Mapping[str, str], pointer: str) -> str | None:
    """The reason ``pointer`` (or a key above it) is assumed, or None when it is not."""
    while True:
        if pointer in marks:
            return marks[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]
