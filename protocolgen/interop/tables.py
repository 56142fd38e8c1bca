"""The mapping tables: one CSV per exchange format under ``interop/tables/``, one row a field.

A table is the documentation of its mapping and the thing a reviewer checks against the
standard's own sheet; the code reads its field lists from it rather than keeping a copy.
Columns are the format's own path, a ``status`` (``modelled``, ``markup`` — modelled, Markdown
in the record —, ``system``, ``not_modelled``), the ``spec`` field and a ``note``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DIR = Path(__file__).resolve().parent / "tables"
STATUSES = ("modelled", "markup", "system", "not_modelled")


@dataclass(frozen=True)
class Row:
    """One field of a format: its path there, how protocolgen treats it, the spec field."""

    path: str
    status: str
    spec: str
    note: str


@cache
def table(name: str) -> tuple[Row, ...]:
    """The rows of ``tables/<name>.csv``; the first column is the format's path."""
    with (_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header[1:] != ["status", "spec", "note"]:
            raise ValueError(f"tables/{name}.csv: unexpected columns {header}")
        rows = tuple(Row(*line) for line in reader if line)
    for row in rows:
        if row.status not in STATUSES:
            raise ValueError(f"tables/{name}.csv: {row.path}: unknown status {row.status!r}")
    return rows


def paths(name: str, *statuses: str) -> frozenset[str]:
    """The paths of ``name``'s table with one of ``statuses``."""
    return frozenset(row.path for row in table(name) if row.status in statuses)


def notes(name: str, *statuses: str) -> dict[str, str]:
    """Path → note for the rows of ``name``'s table with one of ``statuses``."""
    return {row.path: row.note for row in table(name) if row.status in statuses}
