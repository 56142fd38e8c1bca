"""Specs → USDM Wrapper files: check each spec, write one JSON file per spec.

A spec with error findings is refused (PG950) and no file is written for any spec, as for
the other exporters. Values the spec marks assumed are left out first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocolgen import api
from protocolgen.diagnostics import FileReport
from protocolgen.errors import InputError
from protocolgen.interop.usdm.writer import write_wrapper


@dataclass
class UsdmExport:
    """Each spec's report and, when every spec was clean, each spec's Wrapper JSON text."""

    reports: list[FileReport] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if any(r.unreadable for r in self.reports):
            return 2
        return 0 if self.texts else 1


def dump(wrapper: dict[str, Any]) -> str:
    """The Wrapper as JSON text: UTF-8, two-space indent, keys in the order written."""
    return json.dumps(wrapper, ensure_ascii=False, indent=2) + "\n"


def export_files(sources: list[str]) -> UsdmExport:
    """Check every spec and, when none has errors, write each as a USDM Wrapper."""
    out = UsdmExport()
    wrappers = []
    for source in sources:
        checked = api.check_source(source, profiles=())
        out.reports.append(checked.report)
        doc = checked.document
        if doc is None or checked.report.has_errors:
            continue
        # USDM carries the protocol itself, not a registry statement: every value the spec
        # holds goes out, the assumed ones too (validate lists those as PG806). Leaving them
        # out would break the design the USDM classes need (an objective without its level).
        wrappers.append(write_wrapper(doc.data))
    if len(wrappers) == len(sources):
        out.texts = [dump(w) for w in wrappers]
    return out


def targets(sources: list[str], output: Path | None) -> list[Path | None]:
    """Standard output (``None``) for one spec without ``-o``, the file ``-o x.json`` for one
    spec, otherwise ``DIR/<spec stem>.usdm.json``."""
    if output is None and len(sources) == 1:
        return [None]
    if output is not None and output.suffix == ".json" and not output.is_dir():
        if len(sources) == 1:
            return [output]
        raise InputError(f"{len(sources)} specs: give -o a directory")
    if output is None:
        raise InputError(f"{len(sources)} specs: give -o DIR")
    names = [Path(s).stem for s in sources]
    if len(set(names)) != len(names):
        raise InputError("two specs have the same file name: export them to different folders")
    return [output / f"{name}.usdm.json" for name in names]
