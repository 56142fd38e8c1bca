"""The state of one USDM import: the file's index, findings, inferred values, tags."""

from __future__ import annotations

from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.interop.findings import RecordFinding
from protocolgen.interop.specschema import enum_at
from protocolgen.interop.usdm.reading import UsdmRead
from protocolgen.interop.usdm.text import plain


class State:
    """The index of the file and what the mapping noted on the way."""

    def __init__(self, read: UsdmRead) -> None:
        self.index = read.index
        self.findings: list[RecordFinding] = []
        self.assumed: dict[str, str] = {}
        self.tags: list[str] = []

    def text(self, item: dict[str, Any]) -> str:
        return plain(item.get("text"), item.get("dictionaryId"), self.index, self.tags)

    def keep(self, value: str | None, *keys: str) -> str | None:
        """``value`` when the spec allows it at ``keys``, else ``None`` and a PG925 note."""
        if value is None or value in enum_at(*keys):
            return value
        where = ".".join(k for k in keys if k != "[]")
        message = f"{where}: {value!r} is not one of the spec's codes here; left out"
        self.findings.append(RecordFinding("$.study.versions[0]", "PG925", Severity.INFO, message))
        return None
