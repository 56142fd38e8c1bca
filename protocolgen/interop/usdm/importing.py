"""A USDM file → one spec file: read and check, map, write the YAML, load it back.

Nothing is written when the file cannot be imported (an error finding) or when the written
YAML would not load back to the same data and pass the spec schema (PG902, a protocolgen
bug reported instead of a spec ``validate`` would reject).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from protocolgen.diagnostics import Severity
from protocolgen.interop.findings import RecordFinding, has_errors
from protocolgen.interop.usdm.reader import import_wrapper
from protocolgen.interop.usdm.reading import read_usdm
from protocolgen.interop.yaml_writer import dump_spec, self_check, write_atomic


@dataclass
class UsdmImport:
    findings: list[RecordFinding] = field(default_factory=list)
    text: str = ""
    written: Path | None = None
    unreadable: bool = False

    @property
    def exit_code(self) -> int:
        if self.unreadable:
            return 2
        return 1 if has_errors(self.findings) else 0


def import_file(source: Path, output: Path | None, design: str | None = None) -> UsdmImport:
    """Import ``source``; write the spec to ``output`` (or keep it in ``text`` for stdout)."""
    read = read_usdm(source)
    out = UsdmImport(list(read.findings), unreadable=read.unreadable)
    if read.wrapper is None or has_errors(out.findings):
        return out
    try:
        done = import_wrapper(read, design)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        # The mapper reads the shapes USDM v4 defines; a file that breaks one (a list where
        # an object belongs, a missing id) is reported, never a traceback.
        what = f"{type(exc).__name__}: {exc}"
        message = f"an object of the file does not have USDM v4's shape ({what}); not imported"
        out.findings.append(RecordFinding("$", "PG920", Severity.ERROR, message))
        return out
    out.findings += done.findings
    if has_errors(out.findings):
        return out
    note = f"Imported from {source.name} (USDM {read.wrapper.get('usdmVersion')})."
    out.text = dump_spec(done.spec, output, note, done.assumed)
    for message in self_check(out.text, done.spec, str(output or "<stdout>")):
        out.findings.append(
            RecordFinding("$", "PG902", Severity.ERROR, f"internal import error: {message}")
        )
    if output is not None and not has_errors(out.findings):
        write_atomic(output, out.text)
        out.written = output
    out.findings.sort()
    return out
