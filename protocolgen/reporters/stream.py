"""Write a run's findings to every requested output while the specs are still being checked.

Streaming formats (text, concise, json, csv, github, sarif) write each spec's findings as
soon as its report arrives; JUnit needs them all first (its root element carries the
totals), so its reports are kept (the findings only: the parsed specs are never kept).
Files are written atomically: they appear complete when the run ends, or not at all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.render.output import atomic_writer
from protocolgen.reporters import REPORTERS
from protocolgen.reporters.base import Reporter, StreamingReporter

Write = Callable[[str | bytes], object]


def write_reports(
    reports: Iterable[FileReport],
    targets: list[tuple[str, str | None]],
    *,
    fail_on: Severity,
    color: bool,
    keep: bool = False,
    options: dict[str, dict[str, Any]] | None = None,
) -> tuple[Summary, list[FileReport]]:
    """Write ``reports`` in each (format, file or None for standard output) of ``targets``.

    ``color`` applies to standard output only. Returns the summary and, when a format needs
    them or ``keep`` is set, the reports (otherwise an empty list). ``options`` gives a
    format's reporter its own keyword arguments (the workbook's coverage table).
    """
    with contextlib.ExitStack() as stack:
        streaming: list[tuple[StreamingReporter, Write]] = []
        buffered: list[tuple[Reporter, Write]] = []
        for fmt, target in targets:
            extra = (options or {}).get(fmt, {})
            reporter = REPORTERS[fmt](color=color and target is None, fail_on=fail_on, **extra)
            write = _stdout(color) if target is None else _file(stack, Path(target))
            if isinstance(reporter, StreamingReporter):
                streaming.append((reporter, write))
            else:
                buffered.append((reporter, write))
        summary, kept = Summary(), []
        for reporter, write in streaming:
            write(reporter.header())
        for report in reports:
            summary.add(report)
            for reporter, write in streaming:
                write(reporter.file(report))
            if buffered or keep:
                kept.append(report)
        for reporter, write in streaming:
            write(reporter.footer(summary))
        for whole, write in buffered:
            write(whole.render(kept, summary))
    return summary, kept


def _stdout(color: bool) -> Write:
    def write(text: str | bytes) -> None:
        if text:
            click.echo(text, nl=False, color=color)

    return write


def _file(stack: contextlib.ExitStack, path: Path) -> Write:
    handle = stack.enter_context(atomic_writer(path))
    return lambda text: handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
