"""One line per finding, ``path:line:col: CODE message``, as ruff's concise format."""

from __future__ import annotations

from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.quoting import visible
from protocolgen.reporters.base import render_streamed


class ConciseReporter:
    """Grep- and editor-friendly: no hints, no colour, no summary line."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color, fail_on

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        return render_streamed(self, reports, summary)

    def header(self) -> str:
        return ""

    def file(self, report: FileReport) -> str:
        return "".join(
            f"{visible(d.path)}:{d.line}:{d.column}: {d.code} {visible(d.message)}\n"
            for d in report.diagnostics
        )

    def footer(self, summary: Summary) -> str:
        return ""
