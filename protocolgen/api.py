"""The library surface the CLI calls: find specs, check them, return plain results."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from protocolgen import capping, config, modeline, schema
from protocolgen.diagnostics import Diagnostic, FileReport, Severity
from protocolgen.errors import InputError
from protocolgen.loading import MAX_SPEC_BYTES, Document, LoadResult, load_bytes, load_path
from protocolgen.rules.engine import check_document

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


def check_source(
    source: str,
    *,
    profiles: Sequence[str] | None = None,
    config_path: str | None = None,
    today: date | None = None,
    settings: config.Settings | None = None,
) -> Checked:
    """Load and check one spec: syntax, schema, then (on schema-valid data) the rules.

    ``profiles`` and ``config_path`` are the command-line flags (None: the nearest
    configuration file decides); ``today`` is the reference date for stale-date rules;
    ``settings`` are configuration already resolved for the spec's folder.
    Findings about the configuration file come first in the report, with that file's path.
    """
    if settings is None:
        settings = config.resolve(None if source == STDIN else source, config_path)
    loaded = load(source)
    shown = "<stdin>" if source == STDIN else source
    report = FileReport(shown, list(loaded.diagnostics), unreadable=loaded.unreadable)
    doc = loaded.document
    if doc is not None and not report.has_errors:
        found = schema.check(doc)
        found += modeline.check(doc, None if source == STDIN else Path(source))
        if not any(d.severity is Severity.ERROR for d in found):
            chosen = config.merge_profiles(profiles, settings)
            found += check_document(doc, settings, profiles=chosen, today=today)
        report.diagnostics.extend(found)
    report.diagnostics.extend(settings.diagnostics)
    report.diagnostics.sort()
    report.diagnostics[:] = capping.cap(report.diagnostics)
    return Checked(report, doc)


def check(
    sources: Sequence[str],
    *,
    profiles: Sequence[str] | None = None,
    config_path: str | None = None,
    today: date | None = None,
) -> list[Checked]:
    """Check every spec in ``sources`` (already expanded by :func:`discover`).

    A finding about a configuration file shared by several specs is reported once, and the
    configuration is looked up once per folder, not once per spec.
    """
    by_folder: dict[str, config.Settings] = {}

    def settings_for(source: str) -> config.Settings:
        folder = source if source == STDIN else str(Path(source).resolve().parent)
        if folder not in by_folder:
            by_folder[folder] = config.resolve(None if source == STDIN else source, config_path)
        return by_folder[folder]

    results = [
        check_source(
            source,
            profiles=profiles,
            config_path=config_path,
            today=today,
            settings=settings_for(source),
        )
        for source in sources
    ]
    seen: set[Diagnostic] = set()
    for checked in results:
        report = checked.report
        report.diagnostics[:] = [
            d for d in report.diagnostics if d.path == report.path or d not in seen
        ]
        seen.update(d for d in report.diagnostics if d.path != report.path)
    return results
