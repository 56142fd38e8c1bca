"""``protocolgen import ctgov ARCHIVE.zip|FOLDER``: the bulk import's output and exit code.

Findings go to standard output as they come (one line each, naming the record); the
progress bar and the closing counts go to standard error, the bar only on a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from protocolgen.cli import exit_on_interrupt
from protocolgen.interop.ctgov import bulk
from protocolgen.quoting import visible


def run(source: str, output: Path | None, validate_only: bool) -> NoReturn:
    """Import (or with ``validate_only`` check) every record of ``source``, then exit."""
    count, _ = bulk.entries(Path(source))

    def show(result: bulk.StudyResult) -> None:
        for finding in result.findings:
            click.echo(finding.format(result.entry))
        for d in result.spec_findings:
            click.echo(f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity.label}: {d.message}")

    written = f"imported; the specs written to {visible(output)} are whole"
    note = "not every record was " + ("checked" if validate_only else written)
    with exit_on_interrupt(note), _progress(count) as on_record:
        summary = bulk.import_bulk(
            Path(source), output, validate_only=validate_only, on_study=show,
            on_record=on_record,
        )
    done = "checked" if validate_only else f"{summary.written} spec(s) written to {output}"
    click.echo(
        f"{summary.records} record(s), {summary.studies} stud(ies): {done}; "
        f"{summary.failed} with errors" + ("" if validate_only else " (not written)"),
        err=True,
    )
    sys.exit(summary.exit_code)


@contextmanager
def _progress(count: int) -> Iterator[Callable[[], None] | None]:
    """A progress bar on standard error when it is a terminal: a call per record."""
    if not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=count, label="records", file=sys.stderr) as bar:
        yield lambda: bar.update(1)
