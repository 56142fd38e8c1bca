"""Output formats for findings. Adding one is a module and an entry in :data:`REPORTERS`."""

from __future__ import annotations

from protocolgen.reporters.base import Reporter
from protocolgen.reporters.concise import ConciseReporter
from protocolgen.reporters.csv import CsvReporter
from protocolgen.reporters.github import GithubReporter
from protocolgen.reporters.json import JsonReporter
from protocolgen.reporters.junit import JunitReporter
from protocolgen.reporters.sarif import SarifReporter
from protocolgen.reporters.text import TextReporter
from protocolgen.reporters.xlsx import XlsxReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
    "github": GithubReporter,
    "csv": CsvReporter,
    "xlsx": XlsxReporter,
}

#: Formats whose output is a file's bytes (``-o`` required), not text for a terminal.
BINARY_FORMATS = frozenset(name for name, cls in REPORTERS.items() if getattr(cls, "binary", 0))

__all__ = ["BINARY_FORMATS", "REPORTERS", "Reporter"]
