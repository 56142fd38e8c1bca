"""What every reporter receives and returns."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Protocol

from protocolgen.diagnostics import FileReport, Severity, Summary


class Reporter(Protocol):
    """Formats the reports of one run as text.

    ``fail_on`` is the severity from which a finding fails the run (for formats with a
    pass/fail notion, such as JUnit).
    """

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None: ...

    def render(self, reports: list[FileReport], summary: Summary) -> str | bytes:
        """The whole output: text ending with a newline, or a binary file's bytes."""
        ...


def relative_uri(path: str, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) with ``/`` separators.

    Paths outside ``root`` stay as given; code-scanning tools match files by these URIs.
    """
    base = (root or Path.cwd()).resolve()
    candidate = Path(path)
    try:
        rel = candidate.resolve().relative_to(base)
    except (ValueError, OSError):
        return PurePosixPath(*candidate.parts).as_posix() if candidate.parts else path
    return rel.as_posix()
