"""libyaml events → data and positions, with an explicit stack instead of recursion.

libyaml's composer recurses in C and crashes the interpreter on very deep nesting, and its
parser slows down quadratically with depth, so depth is checked while events arrive and
building stops at :data:`MAX_DEPTH`. Duplicate keys, tags outside the YAML core, merge keys
and alias expansion beyond :data:`MAX_VALUES` become findings; timestamps stay strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.document import Document, LoadResult, pointer_join
from protocolgen.yaml_core import CORE, MAX_DIGITS, convert, resolve

#: Deepest nesting of mappings and sequences accepted (a spec needs about 8).
MAX_DEPTH = 64
#: Most values a document may expand to, aliases included.
MAX_VALUES = 500_000
_CORE = CORE
_ACCEPTED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


def diagnostic(path: str, line: int, column: int, code: str, message: str, hint: str) -> Diagnostic:
    """An error finding about the file being loaded."""
    return Diagnostic(path, line, column, code, Severity.ERROR, message, hint)


def too_deep(path: str, line: int, column: int) -> Diagnostic:
    """The finding for a mapping or list that opens deeper than :data:`MAX_DEPTH`."""
    return diagnostic(
        path,
        line,
        column,
        "PG016",
        f"the spec is nested more than {MAX_DEPTH} levels deep",
        "A spec needs only a few levels; check the indentation.",
    )


class Stop(Exception):
    """Loading cannot continue; the reason is already a diagnostic."""


@dataclass
class _Frame:
    """An open mapping or sequence while its events arrive."""

    value: dict[str, Any] | list[Any]
    pointer: str
    anchor: str | None
    pending_key: str | None = None
    seen_keys: dict[str, tuple[int, int]] = field(default_factory=dict)


class Builder:
    """Turns a libyaml event stream into data and positions without recursion."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.diagnostics: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.root: Any = None
        self.documents = 0
        self.values = 0
        self.doc = Document(path, text, None, strings=[])

    def run(self, events: Iterator[yaml.Event]) -> None:
        # Scalars are most of the events, then the starts and ends of collections.
        for event in events:
            if isinstance(event, yaml.ScalarEvent):
                frame = self.stack[-1] if self.stack else None
                if (
                    frame is not None
                    and isinstance(frame.value, dict)
                    and frame.pending_key is None
                ):
                    self._key(frame, event)
                else:
                    self._value(event, self._scalar(event), 1)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self._open(event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self._close()
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self._fatal(
                        event,
                        "PG010",
                        "the file holds more than one YAML document",
                        "A spec is one document: remove the '---' separators.",
                    )

    def result(self) -> LoadResult:
        if self.root is None:
            self.diagnostics.append(
                diagnostic(
                    self.path,
                    1,
                    1,
                    "PG013",
                    "the file is empty",
                    "Start from 'protocolgen new' or copy a spec from specs/.",
                )
            )
            return LoadResult(None, self.diagnostics)
        if not isinstance(self.root, dict):
            kind = "a list" if isinstance(self.root, list) else "a single value"
            self.diagnostics.append(
                diagnostic(
                    self.path,
                    1,
                    1,
                    "PG012",
                    f"the top level of a spec must be a mapping, not {kind}",
                    "Write 'key: value' pairs at the top level, starting with 'spec_version: 1'.",
                )
            )
            return LoadResult(None, self.diagnostics)
        self.doc.data = self.root
        return LoadResult(self.doc, self.diagnostics)

    # -- events -------------------------------------------------------------------------

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        if event.tag not in (None, "!", _CORE + "map", _CORE + "seq"):
            self._report(
                event,
                "PG014",
                f"unsupported YAML tag {_shown(event.tag)}",
                "Specs may only use plain YAML values: remove the tag.",
            )
        if len(self.stack) >= MAX_DEPTH:
            self.diagnostics.append(too_deep(self.path, *_pos(event)))
            raise Stop
        pointer = self._child_pointer(event)
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        self._count(event, 1)
        self.doc.positions[pointer] = _pos(event)
        self.stack.append(_Frame(container, pointer, event.anchor))

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.value, self._size(frame.value))
        self._attach(frame.value)

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        value = event.value
        if tag in (None, "!"):
            if not event.implicit[0]:  # quoted: always a string
                return value
            tag = resolve(value)  # YAML 1.2 core schema, as editors read it
        if tag not in _ACCEPTED_TAGS:
            if tag == _CORE + "merge":
                message = "merge keys (<<) are not supported in specs"
                hint = "Write the keys out in full."
            else:
                message = f"unsupported YAML tag {_shown(tag)}"
                hint = "Specs may only use plain YAML values: remove the tag."
            self._report(event, "PG014", message, hint)
            return value
        try:
            return convert(tag, value)
        except (ValueError, IndexError):
            if event.tag not in (None, "!"):  # an explicit !!int / !!float on other text
                self._report(
                    event,
                    "PG014",
                    f"{value[:40]!r} cannot be read as {_shown(tag)}",
                    "Remove the tag, or write a value of that type.",
                )
            else:
                self._report(
                    event,
                    "PG019",
                    "this number is too long to be read",
                    f"Numbers may have at most {MAX_DIGITS} digits; quote it to keep it as text.",
                )
            return value

    def _value(self, event: yaml.NodeEvent, value: Any, size: int) -> None:
        pointer = self._child_pointer(event)
        self._count(event, size)
        if isinstance(value, str):
            if self.doc.strings is not None:
                self.doc.strings.append((pointer, value))
        elif isinstance(value, (dict, list)):
            self.doc.strings = None  # an alias: its strings are not listed at this place
        elif isinstance(event, yaml.ScalarEvent) and event.implicit[0]:
            self.doc.raw_scalars[pointer] = event.value
        self.doc.positions[pointer] = _pos(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size)
        self._attach(value)

    def _key(self, frame: _Frame, event: yaml.ScalarEvent) -> None:
        position = _pos(event)
        if event.tag not in (None, "!", _CORE + "str", _CORE + "merge"):
            self._report(
                event,
                "PG014",
                f"unsupported YAML tag {_shown(event.tag)} on a key",
                "Keys are plain words: remove the tag.",
            )
        if event.tag == _CORE + "merge" or (
            event.implicit[0] and event.value == "<<" and event.tag is None
        ):
            self._report(
                event,
                "PG014",
                "merge keys (<<) are not supported in specs",
                "Write the keys out in full.",
            )
        key = event.value
        if key in frame.seen_keys:
            first = frame.seen_keys[key]
            self._report(
                event,
                "PG011",
                f"duplicate key '{key}' (first defined on line {first[0]})",
                "YAML would silently keep only the last value: remove or merge one of them.",
            )
            self.doc.strings = None  # the duplicate's strings are not in the data
        else:
            frame.seen_keys[key] = position
        frame.pending_key = key
        self.doc.key_positions[pointer_join(frame.pointer, key)] = position

    def _alias(self, event: yaml.AliasEvent) -> None:
        anchor = event.anchor or ""
        if anchor not in self.anchors:
            self._fatal(
                event,
                "PG010",
                f"alias *{anchor} refers to an anchor that is not complete",
                "An alias cannot refer to the mapping or list that contains it.",
            )
        value, size = self.anchors[anchor]
        self._child_pointer(event)  # an alias used as a key is reported there
        self._value(event, value, size)

    # -- helpers ------------------------------------------------------------------------

    def _child_pointer(self, event: yaml.NodeEvent) -> str:
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if isinstance(frame.value, dict):
            if frame.pending_key is None:  # a collection used as a key
                self._fatal(
                    event,
                    "PG015",
                    "mapping keys must be plain text",
                    "Use a simple word as the key.",
                )
            return pointer_join(frame.pointer, frame.pending_key or "")
        return pointer_join(frame.pointer, len(frame.value))

    def _attach(self, value: Any) -> None:
        if not self.stack:
            if self.documents <= 1:
                self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.value, dict):
            key = frame.pending_key or ""
            frame.pending_key = None
            if key not in frame.value:  # first one wins; the duplicate is already reported
                frame.value[key] = value
        else:
            frame.value.append(value)

    def _count(self, event: yaml.Event, size: int) -> None:
        self.values += size
        if self.values > MAX_VALUES:
            self._fatal(
                event,
                "PG017",
                f"the document expands to more than {MAX_VALUES:,} values",
                "Aliases (*name) multiply content; write the values out or simplify.",
            )

    def _size(self, value: Any) -> int:
        # Sizes of anchored collections, counted once when the anchor closes.
        total, todo = 0, [value]
        while todo:
            item = todo.pop()
            total += 1
            if total > MAX_VALUES:
                return total
            if isinstance(item, dict):
                todo.extend(item.values())
            elif isinstance(item, list):
                todo.extend(item)
        return total

    def _report(self, event: yaml.Event, code: str, message: str, hint: str) -> None:
        line, column = _pos(event)
        self.diagnostics.append(diagnostic(self.path, line, column, code, message, hint))

    def _fatal(self, event: yaml.Event, code: str, message: str, hint: str) -> None:
        self._report(event, code, message, hint)
        raise Stop


def _pos(event: yaml.Event) -> tuple[int, int]:
    """1-based (line, column) where ``event`` starts."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _shown(tag: str | None) -> str:
    """``tag:yaml.org,2002:set`` → ``!!set``, as the author wrote it."""
    text = tag or ""
    return "!!" + text[len(_CORE) :] if text.startswith(_CORE) else text
