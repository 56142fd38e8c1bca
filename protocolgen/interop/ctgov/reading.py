"""A file → the API v2 studies in it, or findings saying why it holds none.

Accepted shapes: a single study (``GET /api/v2/studies/{nctId}``) and a search page
(``GET /api/v2/studies``: ``{"studies": [...], "nextPageToken": ...}``). Everything else,
including the retired classic API v1 (``FullStudiesResponse`` with PascalCase keys), is a
finding with a message that names the format, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.interop.findings import RecordFinding, json_path

#: Largest record file read. A single study with hundreds of sites is about 1.5 MB; a full
#: 1000-study search page can pass this, and should be fetched with a smaller pageSize.
MAX_RECORD_BYTES = 32 * 1024 * 1024
_V1_KEYS = ("FullStudiesResponse", "StudyFieldsResponse", "FullStudy", "ProtocolSection")
_ERROR = Severity.ERROR


@dataclass
class Read:
    """The studies of one file, each with its JSON path, plus findings about the file."""

    studies: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    findings: list[RecordFinding] = field(default_factory=list)
    #: True when the bytes could not be read or decoded at all (exit code 2).
    unreadable: bool = False


def read_path(path: Path) -> Read:
    """Read ``path`` (at most :data:`MAX_RECORD_BYTES`) and find the studies in it."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_RECORD_BYTES + 1)
    except OSError as exc:
        return _unreadable("PG906", f"cannot read the file: {exc.strerror or exc}")
    return read_bytes(raw)


def read_bytes(raw: bytes) -> Read:
    """Decode ``raw`` as JSON and find the studies in it."""
    if len(raw) > MAX_RECORD_BYTES:
        return _unreadable(
            "PG905",
            f"the file is larger than the {MAX_RECORD_BYTES // (1024 * 1024)} MiB limit for a "
            "record; fetch search pages with a smaller pageSize",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _unreadable("PG906", f"the file is not UTF-8 (byte {exc.start}); API v2 sends UTF-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Read(
            findings=[
                _error(
                    "$",
                    "PG901",
                    f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}; expected an "
                    "API v2 study from https://clinicaltrials.gov/api/v2/studies/NCT...",
                )
            ]
        )
    except RecursionError:
        return Read(
            findings=[_error("$", "PG901", "not JSON a reader can handle: nested too deep")]
        )
    except ValueError:  # an integer of more than 4,300 digits (Python's int_max_str_digits)
        return Read(
            findings=[_error("$", "PG901", "not JSON a reader can handle: a number too long")]
        )
    try:  # "\ud83d" alone is valid JSON but no character: no spec could be written with it
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return Read(findings=[_error(
            "$", "PG901", "not JSON a reader can handle: a \\uXXXX escape that is half of a "
            "character (a lone surrogate)")])
    return find_studies(data)


def find_studies(data: Any) -> Read:
    """The studies in parsed JSON: one study, or every study of a search page."""
    if isinstance(data, dict) and isinstance(data.get("protocolSection"), dict):
        return Read(studies=[("$", data)])
    if isinstance(data, dict) and any(key in data for key in _V1_KEYS):
        return Read(findings=[_legacy()])
    if isinstance(data, dict) and isinstance(data.get("studies"), list):
        return _page(data["studies"])
    return Read(findings=[_error("$", "PG902", f"not an API v2 study: {_shape(data)}")])


def _page(studies: list[Any]) -> Read:
    read = Read()
    if not studies:
        read.findings.append(_error("$.studies", "PG902", "the search page has no studies"))
    seen: dict[str, str] = {}
    for index, study in enumerate(studies):
        where = json_path("$", "studies", index)
        if not isinstance(study, dict) or not isinstance(study.get("protocolSection"), dict):
            message = f"not an API v2 study (no protocolSection): {_shape(study)}"
            read.findings.append(_error(where, "PG902", message))
            continue
        nct = nct_id(study)
        if nct and nct in seen:
            message = f"{nct} appears twice in the page (first at {seen[nct]}); nothing is written"
            read.findings.append(_error(where, "PG904", message))
            continue
        if nct:
            seen[nct] = where
        read.studies.append((where, study))
    return read


def nct_id(study: dict[str, Any]) -> str:
    """The study's NCT number, or ``""``."""
    ident = study.get("protocolSection", {}).get("identificationModule", {})
    value = ident.get("nctId", "") if isinstance(ident, dict) else ""
    return value if isinstance(value, str) else ""


def _shape(data: Any) -> str:
    if isinstance(data, dict):
        keys = ", ".join(sorted(str(k) for k in data)[:6]) or "no keys"
        return f"an object with {keys}"
    return f"a JSON {type(data).__name__.replace('dict', 'object').replace('list', 'array')}"


def _legacy() -> RecordFinding:
    return _error(
        "$",
        "PG903",
        "this is a record of the retired classic API v1 (FullStudiesResponse, PascalCase keys "
        "such as ProtocolSection); protocolgen reads API v2 JSON: download the study again from "
        "https://clinicaltrials.gov/api/v2/studies/NCT... (or a page from /api/v2/studies)",
    )


def _error(path: str, code: str, message: str) -> RecordFinding:
    return RecordFinding(path, code, _ERROR, message)


def _unreadable(code: str, message: str) -> Read:
    return Read(findings=[_error("$", code, message)], unreadable=True)
