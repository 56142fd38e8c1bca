"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, SonarQube)."""

from __future__ import annotations

import json
from typing import Any

from protocolgen import __version__
from protocolgen.codes import catalogue
from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.reporters.base import relative_uri, render_streamed

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter:
    """One run, every known code as a rule (stable ids), one result per finding; written
    file by file (the results are the last member of the run)."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color, fail_on
        self.index: dict[str, int] = {}
        self.results = 0

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        return render_streamed(self, reports, summary)

    # The pieces are exactly what ``json.dumps(log, indent=2)`` writes for the whole log.
    def header(self) -> str:
        codes = catalogue()
        self.index = {code: n for n, code in enumerate(codes)}
        self.results = 0
        rules = [
            {
                "id": info.code,
                "name": info.name,
                "shortDescription": {"text": info.title},
                "fullDescription": {"text": info.explanation},
                "help": {"text": info.explanation},
                "defaultConfiguration": {"level": _LEVELS[info.severity]},
                "properties": {"family": info.family},
            }
            for info in codes.values()
        ]
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "protocolgen",
                    "version": __version__,
                    "informationUri": "https://protocolgen.invalid/docs/spec-format.md",
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": [],
            }],
        }
        return json.dumps(log, ensure_ascii=False, indent=2).rsplit(_EMPTY, 1)[0] + _OPEN

    def file(self, report: FileReport) -> str:
        pieces = []
        for d in report.diagnostics:
            result: dict[str, Any] = {
                "ruleId": d.code,
                "level": _LEVELS[d.severity],
                "message": {"text": d.message + (f" Hint: {d.hint}" if d.hint else "")},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": relative_uri(d.path),
                                             "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    },
                }],
            }
            if d.code in self.index:
                result["ruleIndex"] = self.index[d.code]
            if d.pointer:
                result["properties"] = {"jsonPointer": d.pointer}
            self.results += 1
            text = json.dumps(result, ensure_ascii=False, indent=2)
            pieces.append(("\n" if self.results == 1 else ",\n") + _indent(text, " " * 8))
        return "".join(pieces)

    def footer(self, summary: Summary) -> str:
        return ("\n      ]" if self.results else "]") + "\n    }\n  ]\n}\n"


_EMPTY = '"results": []'
_OPEN = '"results": ['


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))
