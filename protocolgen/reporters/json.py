"""Machine output: the versioned JSON document described in docs/findings-json.md."""

from __future__ import annotations

import json

from protocolgen import __version__
from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.quoting import scrub
from protocolgen.reporters.base import render_streamed

#: Version of the JSON shape; raised whenever a key is removed or changes meaning.
FORMAT_VERSION = 1


class JsonReporter:
    """All files and findings as one JSON object, written file by file."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color, fail_on  # JSON is never coloured and has no pass/fail notion
        self.files = 0

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        return render_streamed(self, reports, summary)

    # The pieces are exactly what ``json.dumps(document, indent=2)`` writes for the whole.
    def header(self) -> str:
        self.files = 0
        head = {
            "format": "protocolgen-findings",
            "version": FORMAT_VERSION,
            "tool": {"name": "protocolgen", "version": __version__},
        }
        return _dumps(head)[:-2] + ',\n  "files": ['

    def file(self, report: FileReport) -> str:
        entry = {
            "path": scrub(report.path),
            "unreadable": report.unreadable,
            "diagnostics": [
                {k: scrub(v) if isinstance(v, str) else v for k, v in d.to_dict().items()}
                for d in report.diagnostics
            ],
        }
        self.files += 1
        return ("\n" if self.files == 1 else ",\n") + _indented(_dumps(entry), "    ")

    def footer(self, summary: Summary) -> str:
        counts = {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "unreadable": summary.unreadable,
        }
        close = "\n  ]" if self.files else "]"
        return close + ',\n  "summary": ' + _indented(_dumps(counts), "  ").lstrip() + "\n}\n"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _indented(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))
