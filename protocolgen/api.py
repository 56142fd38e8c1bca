"""The library surface the CLI calls: find specs, check them, return plain results."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from protocolgen import schema
from protocolgen.diagnostics import FileReport
from protocolgen.errors import InputError
from protocolgen.loading import MAX_SPEC_BYTES, Document, LoadResult, load_bytes, load_path
from protocolgen.rules import run_rules

STDIN = "-"
SPEC_SUFFIXES = (".yaml", ".yml")


@dataclass
class Checked:
    """One spec after checking: its report, and the document when it parsed."""

    report: FileReport
    document: Document | None


def discover(paths: Iterable[str]) -> list[str]:
    """Expand directories into the ``*.yaml``/``*.yml`` files below them, sorted.

    ``-`` stands for standard input. A path that does not exist raises :class:`InputError`.
    """
    found: list[str] = []
    for given in paths:
        if given == STDIN:
            found.append(STDIN)
            continue
        path = Path(given)
        if path.is_dir():
            below = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in SPEC_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            found.extend(str(p) for p in below)
        elif path.exists():
            found.append(str(path))
        else:
            raise InputError(f"no such file or directory: {given}")
    return found


def load(source: str) -> LoadResult:
    """Load one spec from a path or, for ``-``, from standard input."""
    if source == STDIN:
        raw = sys.stdin.buffer.read(MAX_SPEC_BYTES + 1)
        return load_bytes(raw, "<stdin>")
    return load_path(Path(source), source)


def check_source(source: str) -> Checked:
    """Load and check one spec: syntax, schema, then (on schema-valid data) the rules."""
    loaded = load(source)
    shown = "<stdin>" if source == STDIN else source
    report = FileReport(shown, list(loaded.diagnostics), unreadable=loaded.unreadable)
    doc = loaded.document
    if doc is not None and not report.has_errors:
        found = schema.check(doc)
        if not found:
            found = run_rules(doc)
        report.diagnostics.extend(found)
    report.diagnostics.sort()
    return Checked(report, doc)


def check(sources: Sequence[str]) -> list[Checked]:
    """Check every spec in ``sources`` (already expanded by :func:`discover`)."""
    return [check_source(source) for source in sources]
