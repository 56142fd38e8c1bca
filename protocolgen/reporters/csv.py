"""Spreadsheet rows: spec, line, column, code, severity, message, hint."""

from __future__ import annotations

import csv
import io

from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.quoting import csv_cell, visible

HEADER = ("spec", "line", "column", "code", "severity", "message", "hint")


class CsvReporter:
    """RFC 4180 CSV with a header row, for reviewers who work in spreadsheets."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color, fail_on

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEADER)
        for report in reports:
            for d in report.diagnostics:
                cells = (visible(d.path), d.line, d.column, d.code, d.severity.label,
                         visible(d.message), visible(d.hint))
                writer.writerow(csv_cell(c) if isinstance(c, str) else c for c in cells)
        return buffer.getvalue()

