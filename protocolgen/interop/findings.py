"""Findings about a registry record (PG9xx): small values that name the record's JSON path.

A record has no line and column that a user would edit, so unlike a spec
:class:`~protocolgen.diagnostics.Diagnostic` an import finding points at the JSON path of the
record field (``$.protocolSection.statusModule.startDateStruct``).
"""

from __future__ import annotations

from dataclasses import dataclass

from protocolgen.diagnostics import Severity

#: Every PG9xx code with a short name; docs/ctgov.md explains each one.
CODES: dict[str, str] = {
    # reading a file (errors stop the import of that file or study)
    "PG901": "not-json",
    "PG902": "not-a-study",
    "PG903": "legacy-v1-record",
    "PG904": "duplicate-nct-id",
    "PG905": "file-too-large",
    "PG906": "unreadable-file",
    # mapping a study (warnings: the spec is written, the gap is reported)
    "PG910": "date-type-missing",
    "PG911": "link-unresolved",
    "PG912": "link-one-sided",
    "PG913": "criteria-off-convention",
    "PG914": "required-value-missing",
    "PG915": "value-not-recognised",
    "PG916": "not-modelled",
    "PG917": "over-prs-limit",
    # reading a USDM file
    "PG920": "not-usdm-wrapper",
    "PG921": "usdm-version",
    "PG922": "duplicate-usdm-id",
    "PG923": "usdm-reference-unresolved",
    "PG924": "usdm-design-choice",
    "PG925": "usdm-not-imported",
    "PG926": "usdm-tag-unresolved",
    # export
    "PG950": "spec-has-errors",
    "PG951": "not-exportable",
    "PG952": "prs-required-missing",
    "PG953": "over-prs-limit-export",
    "PG954": "no-prs-value",
}


@dataclass(frozen=True, order=True)
class RecordFinding:
    """One problem in a record: its code, severity, message and the record's JSON path."""

    path: str
    code: str
    severity: Severity
    message: str

    def format(self, source: str) -> str:
        """``FILE.json: CODE severity: message (at $.json.path)``, like validate's findings."""
        return f"{source}: {self.code} {self.severity.label}: {self.message} (at {self.path})"

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "path": self.path,
        }


def json_path(base: str, *parts: str | int) -> str:
    """Extend a JSON path: ``json_path("$", "studies", 0)`` → ``$.studies[0]``."""
    out = base
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def has_errors(findings: list[RecordFinding]) -> bool:
    """Whether any finding is an error (the study or file is not imported)."""
    return any(f.severity is Severity.ERROR for f in findings)
