"""Bytes → :class:`Document`: the spec's data plus the 1-based line:column of every value.

This module reads and decodes the file (size limit, UTF-8 only, no NUL bytes) and turns
syntax errors into findings; :mod:`protocolgen.yaml_events` walks libyaml's event stream
into data and positions, bounding depth and alias expansion and refusing unsafe tags.
Nothing here raises for bad input: every problem becomes a :class:`Diagnostic`.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import yaml

from protocolgen.diagnostics import Diagnostic
from protocolgen.document import Document, LoadResult, pointer_join
from protocolgen.project import leaves_project
from protocolgen.yaml_core import MAX_DIGITS
from protocolgen.yaml_events import (
    MAX_DEPTH,
    MAX_VALUES,
    Builder,
    Stop,
    diagnostic,
    too_deep,
)

#: Largest spec file read, in bytes. A registry record with hundreds of sites is well under 2 MiB.
MAX_SPEC_BYTES = 8 * 1024 * 1024
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_HINTS = {
    "found duplicate anchor": "Give each anchor (&name) a different name.",
    "found undefined alias": "Define the anchor (&name) before using the alias (*name).",
}


def load_path(path: Path, display: str | None = None) -> LoadResult:
    """Read and parse the spec at ``path``; I/O problems become findings too."""
    shown = display if display is not None else str(path)
    outside = leaves_project(path)
    if outside is not None:
        return _unreadable(shown, "PG001", f"protocolgen does not read this file: {outside}",
                           "Copy the spec into the project instead of linking to it.")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SPEC_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _unreadable(shown, "PG001", f"cannot read the file: {reason}", "")
    return load_bytes(raw, shown)


def load_bytes(raw: bytes, path: str) -> LoadResult:
    """Decode and parse ``raw`` as the spec at ``path``."""
    if len(raw) > MAX_SPEC_BYTES:
        return _unreadable(
            path,
            "PG003",
            f"the file is larger than the {MAX_SPEC_BYTES // (1024 * 1024)} MiB limit for a spec",
            "Split the content or check that this is the right file.",
        )
    text_or_problem = _decode(raw, path)
    if isinstance(text_or_problem, LoadResult):
        return text_or_problem
    return load_text(text_or_problem, path)


def load_text(text: str, path: str) -> LoadResult:
    """Parse YAML ``text`` into a :class:`Document`."""
    return _parse(text, path, len(text))


#: How libyaml 0.2.5 and later (bundled with PyYAML 6.0.4 and later) word its own depth limit.
_LIBYAML_DEPTH = "maximum nesting depth"


def _parse(text: str, path: str, end: int) -> LoadResult:
    """Parse ``text[:end]``; positions and the document refer to the whole ``text``."""
    builder = Builder(path, text)
    # The events yaml.parse would give, asked of the parser directly: no Python generator
    # between libyaml and the builder.
    parser = None
    try:
        # The pure-Python reader checks the text when it is made: inside the try.
        parser = _Loader(text if end == len(text) else text[:end])
        builder.run(iter(parser.get_event, None))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and _LIBYAML_DEPTH in (exc.problem or "") and mark.index < end:
            return _nested_too_deep(text, path, mark)
        if end < len(text):  # parsing a prefix (below) ends early by design
            return LoadResult(None, [_too_deep(path, end, text)])
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        message = f"YAML syntax error: {problem}"
        if exc.context:
            message += f" ({exc.context})"
        hint = next((h for k, h in _HINTS.items() if k in problem), "Fix the YAML syntax.")
        if mark and text[mark.index : mark.index + 1] == "\t":
            message = "YAML syntax error: a tab character where YAML expects spaces"
            hint = "YAML does not allow tabs for indentation: indent with spaces."
        builder.diagnostics.append(diagnostic(path, line, column, "PG010", message, hint))
        return LoadResult(None, builder.diagnostics)
    except yaml.reader.ReaderError as exc:  # control characters and the like
        # libyaml reports a byte offset into the UTF-8 encoding, not a character index.
        line, column = _line_col_bytes(text.encode("utf-8"), exc.position)
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        builder.diagnostics.append(
            diagnostic(
                path,
                line,
                column,
                "PG010",
                f"the control character U+{ord(character):04X} is not allowed in YAML",
                "Delete the character; it often comes from copying text out of a PDF or web page.",
            )
        )
        return LoadResult(None, builder.diagnostics)
    except Stop:
        return LoadResult(None, builder.diagnostics)
    finally:
        if parser is not None:
            parser.dispose()
    if end < len(text):
        return LoadResult(None, [_too_deep(path, end, text)])
    return builder.result()


def _nested_too_deep(text: str, path: str, mark: yaml.Mark) -> LoadResult:
    """libyaml refused nesting deeper than its own limit: report ours, where it was crossed.

    libyaml's limit (1000 levels) is far above :data:`MAX_DEPTH`, but its scanner reads up to
    1024 characters ahead while a flow collection might still turn out to be a key, so
    ``[[[[…`` is refused before the events for our 65th level arrive. Everything up to
    libyaml's mark parses the same as in an unlimited libyaml, and it holds more than
    :data:`MAX_DEPTH` levels, so parsing that prefix again makes the builder stop exactly
    where older PyYAML releases (and the pure-Python parser) stop.
    """
    return _parse(text, path, mark.index)


def _too_deep(path: str, index: int, text: str) -> Diagnostic:
    breaks = list(_BREAKS.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return too_deep(path, len(breaks) + 1, index - start + 1)


def _decode(raw: bytes, path: str) -> str | LoadResult:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return _unreadable(
                path,
                "PG002",
                f"the file is encoded as {name}; specs must be UTF-8",
                "Re-save the file as UTF-8.",
            )
    if b"\x00" in raw:
        line, column = _line_col_bytes(raw, raw.index(b"\x00"))
        return _unreadable(
            path,
            "PG002",
            "the file contains NUL bytes: it is binary, not a YAML spec",
            "Check that this is the right file.",
            line,
            column,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_col_bytes(raw, exc.start)
        return _unreadable(
            path,
            "PG002",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "Re-save the file as UTF-8.",
            line,
            column,
        )
    return text.removeprefix("\ufeff")


def _unreadable(
    path: str, code: str, message: str, hint: str, line: int = 1, column: int = 1
) -> LoadResult:
    return LoadResult(None, [diagnostic(path, line, column, code, message, hint)], unreadable=True)


#: Line breaks as YAML (and libyaml's marks) count them: CRLF, LF, CR, NEL, LS, PS.
_BREAKS = re.compile("\r\n|[\n\r\u0085\u2028\u2029]")


def _line_col_bytes(raw: bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``index`` of UTF-8 ``raw``."""
    before = raw[:index].decode("utf-8", "replace")
    breaks = list(_BREAKS.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(before) - start + 1


__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_SPEC_BYTES",
    "MAX_VALUES",
    "Document",
    "LoadResult",
    "load_bytes",
    "load_path",
    "load_text",
    "pointer_join",
]
