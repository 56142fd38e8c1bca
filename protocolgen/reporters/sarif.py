"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, SonarQube)."""

from __future__ import annotations

import json
from typing import Any

from protocolgen import __version__
from protocolgen.codes import catalogue
from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.quoting import scrub
from protocolgen.reporters.base import relative_uri

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter:
    """One run, every known code as a rule (stable ids), one result per finding."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color, fail_on

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        codes = catalogue()
        index = {code: n for n, code in enumerate(codes)}
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
        results: list[dict[str, Any]] = []
        for report in reports:
            for d in report.diagnostics:
                result: dict[str, Any] = {
                    "ruleId": d.code,
                    "level": _LEVELS[d.severity],
                    "message": {"text": scrub(d.message + (f" Hint: {d.hint}" if d.hint else ""))},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": scrub(relative_uri(d.path)),
                                                 "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": d.line, "startColumn": d.column},
                        },
                    }],
                }
                if d.code in index:
                    result["ruleIndex"] = index[d.code]
                if d.pointer:
                    result["properties"] = {"jsonPointer": scrub(d.pointer)}
                results.append(result)
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
                "results": results,
            }],
        }
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
