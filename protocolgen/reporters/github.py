"""GitHub Actions workflow commands, plus a Markdown job summary.

Annotations are capped by GitHub (10 per type per step), so :meth:`step_summary` gives the
complete list as Markdown for ``$GITHUB_STEP_SUMMARY``, which has no such cap.
"""

from __future__ import annotations

from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.quoting import github_data, github_property, markdown
from protocolgen.reporters.base import relative_uri, render_streamed

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


class GithubReporter:
    """``::error file=…,line=…,col=…,title=CODE::message`` lines."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color, fail_on

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        return render_streamed(self, reports, summary)

    def header(self) -> str:
        return ""

    def file(self, report: FileReport) -> str:
        lines = []
        for d in report.diagnostics:
            props = ",".join((
                f"file={github_property(relative_uri(d.path))}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={github_property(d.code)}",
            ))
            text = d.message + (f" (hint: {d.hint})" if d.hint else "")
            lines.append(f"::{_COMMANDS[d.severity]} {props}::{github_data(text)}")
        return "".join(line + "\n" for line in lines)

    def footer(self, summary: Summary) -> str:
        return ""

    @staticmethod
    def step_summary(reports: list[FileReport], summary: Summary) -> str:
        """All findings as a Markdown table for the job summary."""
        out = [
            "## protocolgen findings",
            "",
            f"{summary.files} spec(s) checked: **{summary.errors} error(s)**, "
            f"{summary.warnings} warning(s), {summary.infos} info.",
            "",
        ]
        rows = [(relative_uri(d.path), d) for r in reports for d in r.diagnostics]
        if rows:
            out += ["| Spec | Line | Code | Severity | Message |", "|---|---|---|---|---|"]
            out += [
                f"| {markdown(path)} | {d.line}:{d.column} | {d.code} | {d.severity.label} | "
                f"{markdown(d.message)} |"
                for path, d in rows
            ]
        return "\n".join(out) + "\n"
