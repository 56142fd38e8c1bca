"""One line per finding, ``path:line:col: CODE message``, as ruff's concise format."""

from __future__ import annotations

from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.quoting import visible


class ConciseReporter:
    """Grep- and editor-friendly: no hints, no colour, no summary line."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color, fail_on

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        lines = [
            f"{visible(d.path)}:{d.line}:{d.column}: {d.code} {visible(d.message)}"
            for report in reports
            for d in report.diagnostics
        ]
        return "".join(line + "\n" for line in lines)
