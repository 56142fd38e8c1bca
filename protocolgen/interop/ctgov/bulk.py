"""ClinicalTrials.gov's bulk download (a zip of API v2 JSON files) or a folder of records,
imported one record at a time.

Each ``*.json`` entry is read, mapped by the single-record importer
(:func:`~protocolgen.interop.ctgov.reader.read_study`), checked and written as
``<NCT id>.yaml`` before the next is read, so memory stays flat however large the archive:
only the counts and the NCT ids already written are kept. Unlike a single file, a bulk
import is not all-or-nothing: a study with error findings is reported and skipped, the
others are written. With ``validate_only`` nothing is written; each study's import findings
and the findings of the spec it would become are reported instead.
"""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from protocolgen import api, config
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.errors import InputError, OutputError
from protocolgen.interop.ctgov.files import ImportedStudy, check_written
from protocolgen.interop.ctgov.reader import read_study
from protocolgen.interop.ctgov.reading import MAX_RECORD_BYTES, Read, nct_id, read_bytes
from protocolgen.interop.findings import RecordFinding, has_errors
from protocolgen.interop.yaml_writer import dump_spec, write_atomic
from protocolgen.loading import load_text

_NCT = re.compile(r"NCT[0-9]{8}")
#: What reading one member of a damaged zip raises: a bad CRC or header, corrupt deflate
#: data, a truncated member, an encrypted one, an unsupported compression method.
_UNREADABLE = (OSError, zipfile.BadZipFile, zlib.error, EOFError, RuntimeError,
               NotImplementedError)


def is_bulk(source: str) -> bool:
    """Whether ``source`` is a folder or a zip file (not a single record)."""
    path = Path(source)
    return path.is_dir() or (path.is_file() and zipfile.is_zipfile(path))


def entries(source: Path) -> tuple[int, Iterator[tuple[str, Read]]]:
    """How many ``*.json`` records ``source`` holds, and each one's name and contents, read
    one at a time in name order. A record over the size limit is a finding, never read."""
    if source.is_dir():
        files = sorted(p for p in source.rglob("*.json") if p.is_file())
        return len(files), (
            (str(p.relative_to(source)), _read_limited(p.stat().st_size, p.read_bytes))
            for p in files
        )
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"cannot read the zip file {source}: {exc}") from exc
    members = sorted(
        (m for m in archive.infolist() if not m.is_dir() and m.filename.endswith(".json")),
        key=lambda m: m.filename,
    )

    def read_all() -> Iterator[tuple[str, Read]]:
        with archive:
            for member in members:
                read = functools.partial(_read_member, archive, member)
                yield member.filename, _read_limited(member.file_size, read)

    return len(members), read_all()


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    # Read at most one byte past the limit: a member whose header lies about its size
    # (a zip bomb) still cannot make us hold more than that.
    with archive.open(member) as handle:
        return handle.read(MAX_RECORD_BYTES + 1)


def _read_limited(size: int, read: Callable[[], bytes]) -> Read:
    if size > MAX_RECORD_BYTES:
        limit = MAX_RECORD_BYTES // (1024 * 1024)
        message = f"the record is larger than the {limit} MiB limit; it is skipped"
        return Read(findings=[RecordFinding("$", "PG905", Severity.ERROR, message)])
    try:
        return read_bytes(read())
    except _UNREADABLE as exc:
        unreadable = RecordFinding("$", "PG906", Severity.ERROR, f"cannot read the record: {exc}")
        return Read(findings=[unreadable], unreadable=True)


@dataclass
class StudyResult:
    """One study of one record: what was found, and where its spec went (if anywhere)."""

    entry: str
    nct: str
    findings: list[RecordFinding] = field(default_factory=list)
    spec_findings: list[Diagnostic] = field(default_factory=list)
    written: Path | None = None

    @property
    def failed(self) -> bool:
        return has_errors(self.findings) or any(
            d.severity is Severity.ERROR for d in self.spec_findings
        )


@dataclass
class BulkSummary:
    """Counts over a whole bulk import."""

    records: int = 0
    studies: int = 0
    written: int = 0
    failed: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def import_bulk(
    source: Path,
    output: Path | None,
    *,
    validate_only: bool = False,
    on_study: Callable[[StudyResult], None] | None = None,
    on_record: Callable[[], None] | None = None,
) -> BulkSummary:
    """Import every record of the zip or folder ``source`` into ``output`` (a folder).

    ``on_study`` receives each study's result as soon as it is done, ``on_record`` is called
    after each record (progress). Returns the counts; nothing per study is kept.
    """
    if output is None and not validate_only:
        raise InputError("a bulk import writes one spec per study: give -o DIR")
    if output is not None and not validate_only:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder {output}: {exc.strerror or exc}") from exc
    _, records = entries(source)
    settings = config.Settings()  # specs are checked with the default rules
    summary, seen = BulkSummary(), set[str]()
    for name, read in records:
        summary.records += 1
        if read.unreadable or has_errors(read.findings) or not read.studies:
            result = StudyResult(name, "", list(read.findings))
            summary.failed += 1
            if on_study:
                on_study(result)
        for where, record in read.studies:
            result = _import_one(name, where, record, output, validate_only, settings, seen)
            summary.studies += 1
            summary.written += result.written is not None
            summary.failed += result.failed
            if on_study:
                on_study(result)
        if on_record:
            on_record()
    return summary


def _import_one(
    name: str,
    where: str,
    record: dict[str, object],
    output: Path | None,
    validate_only: bool,
    settings: config.Settings,
    seen: set[str],
) -> StudyResult:
    done = read_study(record, where)
    spec = done.spec
    nct = nct_id(record)
    result = StudyResult(name, nct, done.findings)
    stem = nct if _NCT.fullmatch(nct) else Path(name).stem
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", stem):
        stem = f"record-{len(seen) + 1}"
    if stem in seen:
        message = f"{stem} was already imported from an earlier record; this one is skipped"
        result.findings.append(RecordFinding(where, "PG904", Severity.ERROR, message))
        return result
    seen.add(stem)
    target = None if output is None else output / f"{stem}.yaml"
    study = ImportedStudy(
        where, nct, spec, result.findings, done.assumed, done.notes, target=target
    )
    study.text = dump_spec(
        spec, target, f"Imported from {name} ({where}).", study.assumed, study.notes
    )
    if validate_only:
        shown = f"{name}:{stem}.yaml"
        result.spec_findings = api.check_loaded(
            load_text(study.text, shown), shown, None, settings
        ).report.diagnostics
        return result
    check_written(study)
    if not result.failed and target is not None:
        write_atomic(target, study.text)
        result.written = target
    return result
