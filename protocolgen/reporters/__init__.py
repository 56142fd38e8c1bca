"""Output formats for findings. Adding one is a module and an entry in :data:`REPORTERS`."""

from __future__ import annotations

from protocolgen.reporters.base import Reporter
from protocolgen.reporters.json import JsonReporter
from protocolgen.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}

__all__ = ["REPORTERS", "Reporter"]
