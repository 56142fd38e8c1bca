"""Spreadsheet rows: spec, line, column, code, severity, message, hint."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.quoting import csv_cell, visible
from protocolgen.reporters.base import render_streamed

HEADER = ("spec", "line", "column", "code", "severity", "message", "hint")


class CsvReporter:
    """RFC 4180 CSV with a header row, for reviewers who work in spreadsheets."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color, fail_on

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        return render_streamed(self, reports, summary)

    def header(self) -> str:
        return _rows([HEADER])

    def file(self, report: FileReport) -> str:
        return _rows(
            (
                csv_cell(visible(d.path)), d.line, d.column, d.code, d.severity.label,
                csv_cell(visible(d.message)), csv_cell(visible(d.hint)),
            )
            for d in report.diagnostics
        )

    def footer(self, summary: Summary) -> str:
        return ""


def _rows(rows: Iterable[Iterable[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()

