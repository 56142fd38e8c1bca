"""Machine output: the versioned JSON document described in docs/findings-json.md."""

from __future__ import annotations

import json

from protocolgen import __version__
from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.quoting import scrub

#: Version of the JSON shape; raised whenever a key is removed or changes meaning.
FORMAT_VERSION = 1


class JsonReporter:
    """All files and findings as one JSON object."""

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color, fail_on  # JSON is never coloured and has no pass/fail notion

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        payload = {
            "format": "protocolgen-findings",
            "version": FORMAT_VERSION,
            "tool": {"name": "protocolgen", "version": __version__},
            "files": [
                {
                    "path": scrub(r.path),
                    "unreadable": r.unreadable,
                    "diagnostics": [
                        {k: scrub(v) if isinstance(v, str) else v for k, v in d.to_dict().items()}
                        for d in r.diagnostics
                    ],
                }
                for r in reports
            ],
            "summary": {
                "files": summary.files,
                "errors": summary.errors,
                "warnings": summary.warnings,
                "infos": summary.infos,
                "unreadable": summary.unreadable,
            },
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
