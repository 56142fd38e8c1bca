"""The coverage matrix: trials × profiles, as text, Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from protocolgen import api, config
from protocolgen import profiles as profile_data
from protocolgen.diagnostics import Severity
from protocolgen.loading import Document
from protocolgen.profiles import plan
from protocolgen.quoting import markdown, scrub, visible
from protocolgen.rules.engine import check_document


@dataclass
class Row:
    """One spec's coverage of each profile (None: the spec is not schema-valid)."""

    path: str
    cells: dict[str, profile_data.Coverage | None]


def matrix(sources: Sequence[str], names: Sequence[str]) -> list[Row]:
    """Coverage of every profile in ``names`` for every spec in ``sources``."""
    return rows_of((api.check_source(source, profiles=()) for source in sources), names)


def rows_of(checked: Iterable[api.Checked], names: Sequence[str]) -> list[Row]:
    """Coverage of every profile in ``names`` for specs already checked."""
    rows = []
    for one in checked:
        doc = one.document
        valid = doc is not None and not any(
            d.severity is Severity.ERROR and d.code < "PG2" for d in one.report.diagnostics
        )
        cells = _cover(doc, names) if valid else dict.fromkeys(names)
        rows.append(Row(one.report.path, cells))
    return rows


def _cover(
    doc: Document | None, names: Sequence[str]
) -> dict[str, profile_data.Coverage | None]:
    """Each profile's coverage of ``doc``, from one run of the rules shared by all of them."""
    assert doc is not None
    settings = config.resolve(doc.path if doc.path != "<stdin>" else None)
    found = check_document(doc, settings)
    covered = plan.for_names(tuple(names)).evaluate(doc.data, found)
    return dict(zip(names, covered, strict=True))


def _cell(cover: profile_data.Coverage | None) -> str:
    if cover is None:
        return "invalid"
    return f"{cover.met}/{cover.applicable} ({cover.percent}%)"


def as_text(rows: list[Row], names: Sequence[str]) -> str:
    header = ["spec", *names]
    table = [header] + [[visible(r.path), *(_cell(r.cells[n]) for n in names)] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() + "\n"
        for line in table
    )


def as_markdown(rows: list[Row], names: Sequence[str]) -> str:
    lines = ["| spec | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for r in rows:
        cells = [markdown(r.path), *(_cell(r.cells[n]) for n in names)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def as_json(rows: list[Row], names: Sequence[str]) -> str:
    data = {
        "version": 1,
        "profiles": list(names),
        "specs": [
            {
                "path": scrub(r.path),
                "profiles": {
                    n: None
                    if (c := r.cells[n]) is None
                    else {
                        "met": c.met,
                        "applicable": c.applicable,
                        "percent": c.percent,
                        "items": c.status,
                    }
                    for n in names
                },
            }
            for r in rows
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[list[Row], Sequence[str]], str]] = {
    "text": as_text,
    "markdown": as_markdown,
    "json": as_json,
}
