"""A USDM file → its Wrapper and the findings that say whether it can be imported.

Checked before any mapping: size, JSON, the Wrapper shape and a 4.x ``usdmVersion`` (a USDM
3.x file or another JSON is a clear error naming what was found), ids unique across the
file, and every ``…Id`` / ``…Ids`` reference resolving (a finding with its JSON path).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.interop.findings import RecordFinding, json_path

#: Largest file read: the CDISC Pilot study is 1 MB; a big USDM file with biomedical
#: concepts may reach a few tens of MB.
MAX_USDM_BYTES = 64 * 1024 * 1024
_ERROR = Severity.ERROR
#: Reference attributes that name something other than an id in the file.
_NOT_REFS = frozenset({"documentVersionIds"})


@dataclass
class UsdmRead:
    wrapper: dict[str, Any] | None = None
    findings: list[RecordFinding] = field(default_factory=list)
    #: Every object with an ``id`` and ``instanceType``, by id.
    index: dict[str, dict[str, Any]] = field(default_factory=dict)
    unreadable: bool = False


def read_usdm(path: Path) -> UsdmRead:
    """Read and check ``path``; ``wrapper`` is ``None`` when it cannot be imported."""
    out = UsdmRead()
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_USDM_BYTES + 1)
    except OSError as exc:
        out.unreadable = True
        out.findings.append(
            RecordFinding("$", "PG906", _ERROR, f"cannot read the file: {exc.strerror or exc}")
        )
        return out
    if len(raw) > MAX_USDM_BYTES:
        out.unreadable = True
        message = f"the file is over {MAX_USDM_BYTES // (1024 * 1024)} MiB; not read"
        out.findings.append(RecordFinding("$", "PG905", _ERROR, message))
        return out
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        out.findings.append(RecordFinding("$", "PG901", _ERROR, f"not JSON: {exc}"))
        return out
    if not _wrapper_shape(data, out):
        return out
    _index(data, "$", out)
    if any(f.severity is _ERROR for f in out.findings):
        return out
    _references(data, "$", out)
    out.wrapper = data
    return out


def _wrapper_shape(data: Any, out: UsdmRead) -> bool:
    if not isinstance(data, dict) or not isinstance(data.get("study"), dict):
        keys = ", ".join(sorted(data)[:5]) if isinstance(data, dict) else type(data).__name__
        out.findings.append(
            RecordFinding(
                "$", "PG920", _ERROR, f"not a USDM Wrapper ({{study, usdmVersion}}); found {keys}"
            )
        )
        return False
    version = str(data.get("usdmVersion", ""))
    if not version.startswith("4."):
        found = f"usdmVersion {version!r}" if version else "no usdmVersion"
        out.findings.append(
            RecordFinding(
                "$.usdmVersion",
                "PG921",
                _ERROR,
                f"{found}: protocolgen reads USDM 4.x; convert the file to USDM v4.0 first "
                "(the CDISC DDF reference tools upgrade 3.x files)",
            )
        )
        return False
    versions = data["study"].get("versions")
    if not isinstance(versions, list) or not versions or not isinstance(versions[0], dict):
        out.findings.append(
            RecordFinding("$.study.versions", "PG920", _ERROR, "the study has no version")
        )
        return False
    return True


def _index(value: Any, path: str, out: UsdmRead, depth: int = 0) -> None:
    if depth > 100:
        out.findings.append(
            RecordFinding(path, "PG920", _ERROR, "nested over 100 levels; not read")
        )
        return
    if isinstance(value, dict):
        ident = value.get("id")
        if isinstance(ident, str) and "instanceType" in value:
            if ident in out.index:
                out.findings.append(
                    RecordFinding(
                        path,
                        "PG922",
                        _ERROR,
                        f"duplicate id {ident!r}: references to it are ambiguous",
                    )
                )
            else:
                out.index[ident] = value
        for key, child in value.items():
            _index(child, json_path(path, key), out, depth + 1)
    elif isinstance(value, list):
        for number, child in enumerate(value):
            _index(child, json_path(path, number), out, depth + 1)


def _references(value: Any, path: str, out: UsdmRead) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            here = json_path(path, key)
            if key in _NOT_REFS or key == "id":
                continue
            if key.endswith("Id") and isinstance(child, str) and child:
                _check(child, here, out)
            elif key.endswith("Ids") and isinstance(child, list):
                for number, ref in enumerate(child):
                    if isinstance(ref, str):
                        _check(ref, json_path(here, number), out)
            else:
                _references(child, here, out)
    elif isinstance(value, list):
        for number, child in enumerate(value):
            _references(child, json_path(path, number), out)


def _check(ref: str, path: str, out: UsdmRead) -> None:
    if ref not in out.index:
        out.findings.append(
            RecordFinding(
                path, "PG923", Severity.WARNING, f"{ref!r} names no object of the file; ignored"
            )
        )
