"""Assumed values in the documents: "[assumed]" beside the value, the reasons in a note.

The marks come from the PG806 findings a renderer receives (:mod:`protocolgen.assumptions`).
While a view model is built (:func:`marking`), :func:`mark` appends :data:`FLAG` to a
value whose pointer is assumed, lies under an assumed key, or holds an assumed value (a date
whose type is assumed is marked as a whole). :func:`notes` lists every mark with a readable
name of the field, its value and the reason, for the "Assumed values" note.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from protocolgen import assumptions
from protocolgen.diagnostics import Diagnostic
from protocolgen.diff.labels import ATOMIC, display, humanise, section_name

FLAG = "[assumed]"
_MARKS: ContextVar[Mapping[str, str]] = ContextVar("_MARKS", default=MappingProxyType({}))


@dataclass(frozen=True)
class AssumedNote:
    """One assumed value: which field, what it says, and why it was assumed."""

    field: str
    value: str
    reason: str


@contextmanager
def marking(findings: Sequence[Diagnostic]) -> Iterator[dict[str, str]]:
    """Make :func:`mark` see the assumed values of ``findings`` while a view is built."""
    marks = assumptions.from_findings(findings)
    token = _MARKS.set(marks)
    try:
        yield marks
    finally:
        _MARKS.reset(token)


def assumed(*pointers: str) -> bool:
    """Whether any of ``pointers``, a key above one, or a value below one is assumed."""
    marks = _MARKS.get()
    if not marks:
        return False
    for p in pointers:
        if assumptions.reason_for(marks, p) is not None:
            return True
        if any(m.startswith(p + "/") for m in marks):
            return True
    return False


def mark(text: str, *pointers: str) -> str:
    """``text`` with " [assumed]" appended when it shows an assumed value (empty stays empty)."""
    return f"{text} {FLAG}" if text and assumed(*pointers) else text


def _field(pointer: str) -> str:
    parts = pointer.strip("/").split("/")
    names = [section_name(parts[0])]
    names += [f"item {int(p) + 1}" if p.isdigit() else humanise(p) for p in parts[1:]]
    return " › ".join(names)


def _value_at(data: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def notes(data: dict[str, Any]) -> list[AssumedNote]:
    """Every assumed value of ``data``, in pointer order, for the note."""
    marks = _MARKS.get()
    out = []
    for p in sorted(marks):
        pattern = "/".join("*" if part.isdigit() else part for part in p.split("/"))
        value = _value_at(data, p)
        whole = isinstance(value, dict | list) and pattern not in ATOMIC
        shown = "(all values under it)" if whole else display(pattern, value)
        out.append(AssumedNote(_field(p), shown, marks[p] or "no reason given"))
    return out
