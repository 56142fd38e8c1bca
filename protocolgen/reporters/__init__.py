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

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
    "github": GithubReporter,
    "csv": CsvReporter,
}

__all__ = ["REPORTERS", "Reporter"]
