"""What every reporter receives and returns."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Protocol, runtime_checkable

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


@runtime_checkable
class StreamingReporter(Reporter, Protocol):
    """A reporter whose output is a header, one piece per file, then a footer, so a run
    can write each file's findings as soon as they are known instead of keeping them all.

    Formats that need every finding before they can write anything (JUnit) keep only
    :meth:`Reporter.render`; the command then keeps the reports (never the specs).
    """

    def header(self) -> str: ...

    def file(self, report: FileReport) -> str: ...

    def footer(self, summary: Summary) -> str: ...


def render_streamed(
    reporter: StreamingReporter, reports: Iterable[FileReport], summary: Summary
) -> str:
    """The whole output of a streaming reporter, as :meth:`Reporter.render` returns it."""
    return reporter.header() + "".join(map(reporter.file, reports)) + reporter.footer(summary)


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
