"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, SonarQube).

What code scanning needs beyond the schema, on any path a spec may have:

* artifact URIs are percent-encoded (RFC 3986): relative to ``%SRCROOT%`` (the working
  directory) when the spec is below it, an absolute ``file:`` URI otherwise; standard input
  is ``file:///dev/stdin``. A file name that is not valid UTF-8 (Python's surrogate escapes)
  is encoded byte for byte, never a crash;
* every rule carries its help (``help.text`` as ``protocolgen rules CODE`` prints it,
  ``help.markdown`` with the examples) and a ``helpUri`` to its section of
  docs/rule-reference.md;
* every result has a ``partialFingerprints`` entry computed from the file, the code and the
  JSON pointer (not the line), so a finding keeps its identity across runs and edits above it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from protocolgen import __version__
from protocolgen.codes import catalogue
from protocolgen.diagnostics import Diagnostic, FileReport, Severity, Summary
from protocolgen.quoting import scrub
from protocolgen.reporters.base import render_streamed
from protocolgen.rule_help import docs_url, help_markdown, help_text, help_uri

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
STDIN_URI = "file:///dev/stdin"
#: The fingerprint's name; bump the version if what goes into it changes.
FINGERPRINT = "protocolgenFinding/v1"
_SURROGATE = re.compile("[\ud800-\udfff]")


def artifact_location(path: str, root: Path | None = None) -> dict[str, str]:
    """The SARIF ``artifactLocation`` of a spec path as the findings name it."""
    if path == "<stdin>":
        return {"uri": STDIN_URI}
    base = (root or Path.cwd()).resolve()
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(base)
    except ValueError:
        return {"uri": absolute.as_uri()}  # percent-encodes the file system's bytes
    return {"uri": quote(os.fsencode(relative.as_posix()), safe="/"), "uriBaseId": "%SRCROOT%"}


def fingerprint(uri: str, d: Diagnostic, occurrence: int) -> str:
    """Stable id of a finding: file, code and where in the data (the line only if no pointer)."""
    where = d.pointer or f"{d.line}:{d.column}"
    key = "\0".join((uri, d.code, where, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class SarifReporter:
    """One run, every known code as a rule (stable ids), one result per finding; written
    file by file (the results are the last member of the run), so a run over many specs
    never holds the whole log."""

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
                "help": {"text": help_text(info), "markdown": help_markdown(info)},
                "helpUri": help_uri(info.code),
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
                    "informationUri": docs_url() + "rules.md",
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": [],
            }],
        }
        return _text(json.dumps(log, ensure_ascii=False, indent=2)).rsplit(_EMPTY, 1)[0] + _OPEN

    def file(self, report: FileReport) -> str:
        # A fingerprint counts repeats of (file, code, place); the file is one per report.
        location = artifact_location(report.path)
        seen: dict[tuple[str, str], int] = {}
        pieces = []
        for d in report.diagnostics:
            key = (d.code, d.pointer or f"{d.line}:{d.column}")
            seen[key] = seen.get(key, 0) + 1
            result = _result(d, location, seen[key], self.index.get(d.code))
            self.results += 1
            text = _text(json.dumps(result, ensure_ascii=False, indent=2))
            pieces.append(("\n" if self.results == 1 else ",\n") + _indent(text, " " * 8))
        return "".join(pieces)

    def footer(self, summary: Summary) -> str:
        return ("\n      ]" if self.results else "]") + "\n    }\n  ]\n}\n"


_EMPTY = '"results": []'
_OPEN = '"results": ['


def _text(text: str) -> str:
    # Message text may quote a file name that is not UTF-8: show such bytes as U+FFFD.
    return _SURROGATE.sub("\ufffd", text)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def _result(d: Diagnostic, location: dict[str, str], occurrence: int,
            rule_index: int | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": _LEVELS[d.severity],
        "message": {"text": scrub(d.message + (f" Hint: {d.hint}" if d.hint else ""))},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": {"startLine": d.line, "startColumn": d.column},
            },
        }],
        "partialFingerprints": {FINGERPRINT: fingerprint(location["uri"], d, occurrence)},
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    if d.pointer:
        result["properties"] = {"jsonPointer": scrub(d.pointer)}
    return result
