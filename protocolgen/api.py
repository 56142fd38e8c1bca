"""The library surface the CLI calls: find specs, check them, return plain results."""

from __future__ import annotations

import os
import sys
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from protocolgen import capping, config, modeline, schema
from protocolgen.diagnostics import ORDER, Diagnostic, FileReport, Severity
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
    shown = "<stdin>" if source == STDIN else source
    path = None if source == STDIN else Path(source)
    return check_loaded(load(source), shown, path, settings, profiles=profiles, today=today)


def check_loaded(
    loaded: LoadResult,
    shown: str,
    path: Path | None,
    settings: config.Settings,
    *,
    profiles: Sequence[str] | None = None,
    today: date | None = None,
) -> Checked:
    """Check an already loaded spec shown as ``shown`` (``path``: its file, if it has one)."""
    report = FileReport(shown, list(loaded.diagnostics), unreadable=loaded.unreadable)
    doc = loaded.document
    if doc is not None and not report.has_errors:
        found = schema.check(doc)
        found += modeline.check(doc, path)
        if not any(d.severity is Severity.ERROR for d in found):
            chosen = config.merge_profiles(profiles, settings)
            found += check_document(doc, settings, profiles=chosen, today=today)
        report.diagnostics.extend(found)
    report.diagnostics.extend(settings.diagnostics)
    report.diagnostics.sort(key=ORDER)
    report.diagnostics[:] = capping.cap(report.diagnostics)
    return Checked(report, doc)


#: Specs from which ``validate`` uses every core by default. Starting two workers costs about
#: 50 ms of CPU and a spec about 3.6 ms (docs/benchmarks.md), so on two idle cores the pool
#: pays from about 30 specs; below 40 the saving is too small to be worth a second process.
PARALLEL_THRESHOLD = 40


def default_jobs(count: int) -> int:
    """Worker processes for checking ``count`` specs when ``-j`` is not given."""
    from protocolgen.parallel import cpu_count

    return cpu_count() if count >= PARALLEL_THRESHOLD else 1


class _Checker:
    """Checks specs with fixed options, looking the configuration up once per folder."""

    def __init__(
        self, profiles: Sequence[str] | None, config_path: str | None, today: date | None
    ) -> None:
        self.profiles, self.config_path, self.today = profiles, config_path, today
        self.by_folder: dict[str, config.Settings] = {}
        self.real_folders: dict[str, str] = {}

    def settings_for(self, source: str) -> config.Settings:
        folder = source if source == STDIN else self._real_folder(source)
        if folder not in self.by_folder:
            path = None if source == STDIN else source
            self.by_folder[folder] = config.resolve(path, self.config_path)
        return self.by_folder[folder]

    def _real_folder(self, source: str) -> str:
        """The folder ``source`` really is in, links followed (as configuration discovery
        sees it); each named folder is resolved once, not once per spec."""
        named = os.path.abspath(source)
        if os.path.islink(named):
            return str(Path(named).resolve().parent)
        parent = os.path.dirname(named)
        if parent not in self.real_folders:
            self.real_folders[parent] = str(Path(parent).resolve())
        return self.real_folders[parent]

    def __call__(self, source: str) -> Checked:
        return check_source(
            source,
            profiles=self.profiles,
            config_path=self.config_path,
            today=self.today,
            settings=self.settings_for(source),
        )


_WORKER_CHECKER: _Checker | None = None


def _start_worker(
    profiles: Sequence[str] | None, config_path: str | None, today: date | None
) -> None:
    global _WORKER_CHECKER
    _WORKER_CHECKER = _Checker(profiles, config_path, today)


def _report_in_worker(source: str) -> FileReport:
    assert _WORKER_CHECKER is not None, "the pool initializer creates the checker"
    return _WORKER_CHECKER(source).report


def _shared_findings_once(reports: Iterable[FileReport]) -> Iterator[FileReport]:
    """Drop a finding about a file other than the spec (a shared configuration file) from
    every report after the first that has it."""
    seen: set[Diagnostic] = set()
    for report in reports:
        report.diagnostics[:] = [
            d for d in report.diagnostics if d.path == report.path or d not in seen
        ]
        seen.update(d for d in report.diagnostics if d.path != report.path)
        yield report


def iter_check(
    sources: Sequence[str],
    *,
    profiles: Sequence[str] | None = None,
    config_path: str | None = None,
    today: date | None = None,
    jobs: int = 1,
) -> Generator[FileReport, None, None]:
    """The report of every spec in ``sources``, in order, each as soon as it is ready.

    Only reports are kept, never the parsed specs, so memory stays flat however many specs
    there are. ``jobs`` > 1 checks in that many processes, with the same reports in the
    same order (standard input is always read in this process). Closing the generator
    early ends the worker processes at once.
    """
    if jobs > 1 and len(sources) > 1 and STDIN not in sources:
        from protocolgen.parallel import ordered_map

        reports: Iterable[FileReport] = ordered_map(
            _report_in_worker,
            sources,
            jobs,
            setup=_start_worker,
            setup_args=(profiles, config_path, today),
        )
    else:
        checker = _Checker(profiles, config_path, today)
        reports = (checker(source).report for source in sources)
    yield from _shared_findings_once(reports)


def check(
    sources: Sequence[str],
    *,
    profiles: Sequence[str] | None = None,
    config_path: str | None = None,
    today: date | None = None,
) -> list[Checked]:
    """Check every spec in ``sources`` (already expanded by :func:`discover`), keeping the
    parsed documents too (see :func:`iter_check` for many specs).

    A finding about a configuration file shared by several specs is reported once, and the
    configuration is looked up once per folder, not once per spec.
    """
    checker = _Checker(profiles, config_path, today)
    results = [checker(source) for source in sources]
    list(_shared_findings_once(c.report for c in results))
    return results
