"""The interop surface the CLI calls: import a record file into spec files, export a spec.

Only this module touches the file system. A page is imported all-or-nothing: every study is
mapped and checked before the first spec is written, and each spec is written atomically, so
a bad page never leaves some specs behind.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocolgen import api
from protocolgen.diagnostics import FileReport, Severity
from protocolgen.errors import InputError
from protocolgen.interop.assumed import assumed_pointers
from protocolgen.interop.ctgov.reader import read_study
from protocolgen.interop.ctgov.reading import MAX_RECORD_BYTES, Read, nct_id, read_bytes, read_path
from protocolgen.interop.ctgov.writer import export_spec
from protocolgen.interop.findings import RecordFinding, has_errors
from protocolgen.interop.yaml_writer import dump_spec, self_check, write_atomic

STDIN = "-"
_SUFFIXES = (".yaml", ".yml")


@dataclass
class ImportedStudy:
    """One study of the file: its spec, findings, and where the spec went."""

    where: str
    nct: str
    spec: dict[str, Any]
    findings: list[RecordFinding]
    assumed: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    text: str = ""
    target: Path | None = None


@dataclass
class ImportReport:
    """Everything about importing one file. ``written`` lists the spec files created."""

    source: str
    findings: list[RecordFinding] = field(default_factory=list)
    studies: list[ImportedStudy] = field(default_factory=list)
    unreadable: bool = False
    written: list[Path] = field(default_factory=list)

    def all_findings(self) -> list[RecordFinding]:
        return self.findings + [f for s in self.studies for f in s.findings]

    @property
    def exit_code(self) -> int:
        if self.unreadable:
            return 2
        return 1 if has_errors(self.all_findings()) else 0


def read_source(source: str) -> Read:
    """Read a record file, or standard input for ``-``."""
    if source == STDIN:
        return read_bytes(sys.stdin.buffer.read(MAX_RECORD_BYTES + 1))
    return read_path(Path(source))


_NCT = re.compile(r"NCT[0-9]{8}")


def targets(studies: list[ImportedStudy], output: Path | None) -> list[Path | None]:
    """Where each spec goes: stdout (``None``) for one study and no ``-o``, the file named by
    ``-o x.yaml`` for one study, otherwise ``DIR/<NCT id>.yaml``."""
    if output is None and len(studies) == 1:
        return [None]
    if output is not None and output.suffix in _SUFFIXES and not output.is_dir():
        if len(studies) == 1:
            return [output]
        raise InputError(f"the file holds {len(studies)} studies: give -o a directory")
    if output is None:
        raise InputError(f"the file holds {len(studies)} studies: give -o DIR")
    # The NCT id comes from the file: it names the spec only in its registry form, so an id
    # such as "../../x" or "/tmp/x" can never place a file outside the output folder.
    names = [
        s.nct if s.nct and _NCT.fullmatch(s.nct) else f"study-{i + 1}"
        for i, s in enumerate(studies)
    ]
    return [output / f"{name}.yaml" for name in names]


def import_record(source: str, output: Path | None) -> ImportReport:
    """Import every study of ``source``; write the specs only when no study has errors."""
    read = read_source(source)
    report = ImportReport(source, read.findings, unreadable=read.unreadable)
    if read.unreadable or has_errors(read.findings):
        return report  # a bad page writes nothing at all
    for where, record in read.studies:
        done = read_study(record, where)
        report.studies.append(
            ImportedStudy(
                where, nct_id(record), done.spec, done.findings, done.assumed, done.notes
            )
        )
    for study, target in zip(report.studies, targets(report.studies, output), strict=True):
        study.target = target
        note = f"Imported from {source} ({study.where})."
        study.text = dump_spec(study.spec, target, note, study.assumed, study.notes)
        check_written(study)
    if has_errors(report.all_findings()):
        return report
    if output is not None and not (output.suffix in _SUFFIXES and len(report.studies) == 1):
        output.mkdir(parents=True, exist_ok=True)
    for study in report.studies:
        if study.target is not None:
            write_atomic(study.target, study.text)
            report.written.append(study.target)
    return report


def check_written(study: ImportedStudy) -> None:
    """The written text must load back to the same data and pass the schema; a failure here
    is a protocolgen bug, reported instead of writing a spec validate would reject."""
    for message in self_check(study.text, study.spec, str(study.target or "<stdout>")):
        study.findings.append(
            RecordFinding(study.where, "PG902", Severity.ERROR, f"internal import error: {message}")
        )


@dataclass
class ExportResult:
    """The exported study (``None`` when refused) and what was found on the way."""

    study: dict[str, Any] | None
    report: FileReport
    findings: list[RecordFinding]

    @property
    def exit_code(self) -> int:
        if self.report.unreadable:
            return 2
        return 1 if self.study is None else 0


def export_file(source: str) -> ExportResult:
    """Check the spec and, when it has no error findings, export it as an API v2 study."""
    checked = api.check_source(source)
    doc = checked.document
    if doc is None or checked.report.has_errors:
        return ExportResult(None, checked.report, [])
    section, findings = export_spec(doc.data, assumed_pointers(doc))
    return ExportResult({"protocolSection": section}, checked.report, findings)


def dump_study(study: dict[str, Any]) -> str:
    """The study as JSON text, the way the API sends it (UTF-8, not ASCII-escaped)."""
    return json.dumps(study, ensure_ascii=False, indent=2) + "\n"
