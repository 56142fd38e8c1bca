"""What every reporter receives and returns."""

from __future__ import annotations

from typing import Protocol

from protocolgen.diagnostics import FileReport, Summary


class Reporter(Protocol):
    """Formats the reports of one run as text."""

    def __init__(self, *, color: bool = False) -> None: ...

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        """The whole output, ending with a newline."""
        ...
