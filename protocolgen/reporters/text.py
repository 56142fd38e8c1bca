"""Human output: ``path:line:col: CODE severity: message`` with an indented hint."""

from __future__ import annotations

import click

from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.quoting import visible
from protocolgen.reporters.base import render_streamed

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextReporter:
    """One line per finding, a hint under it, and a one-line summary at the end."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        self.color = color

    def _style(self, text: str, **styles: object) -> str:
        return click.style(text, **styles) if self.color else text  # type: ignore[arg-type]

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        return render_streamed(self, reports, summary)

    def header(self) -> str:
        return ""

    def file(self, report: FileReport) -> str:
        lines: list[str] = []
        spec = visible(report.path)  # most findings are about the spec itself
        for d in report.diagnostics:
            path = spec if d.path == report.path else visible(d.path)
            where = self._style(f"{path}:{d.line}:{d.column}:", bold=True)
            severity = self._style(f"{d.severity.label}:", fg=_COLORS[d.severity])
            lines.append(f"{where} {d.code} {severity} {visible(d.message)}")
            if d.hint:
                lines.append(f"    hint: {visible(d.hint)}")
        return "".join(line + "\n" for line in lines)

    def footer(self, summary: Summary) -> str:
        return self.summary_line(summary) + "\n"

    @staticmethod
    def summary_line(summary: Summary) -> str:
        text = (
            f"{plural(summary.files, 'file')} checked: {plural(summary.errors, 'error')}, "
            f"{plural(summary.warnings, 'warning')}"
        )
        if summary.infos:
            text += f", {summary.infos} info"
        if summary.unreadable:
            text += f" ({summary.unreadable} unreadable)"
        return text
