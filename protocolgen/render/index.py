"""The index page: one row per trial of a build, with its status and findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from protocolgen import labels as L
from protocolgen.diagnostics import FileReport, Severity
from protocolgen.quoting import clean_data, document_text, visible
from protocolgen.render import OUTPUT_NAMES
from protocolgen.render.display import text
from protocolgen.render.env import render
from protocolgen.render.output import build_date, write_atomic


@dataclass(frozen=True)
class IndexRow:
    """One trial in ``out/index.html``: the view model of the index template."""

    slug: str
    title: str
    href: str  # "<slug>/summary.html" when the HTML summary was written, else ""
    status: str
    phase: str
    sponsor: str
    errors: int
    warnings: int
    state: str  # "ready", "draft" or "not rendered"
    reason: str  # why it was not rendered (the first error), else ""
    #: (label, href) of every other document written for the trial, in a fixed order.
    documents: tuple[tuple[str, str], ...] = ()


#: What each output is, as the index names it; the HTML summary is the trial's own link.
DOCUMENT_LABELS = {
    "pdf": "Synopsis (PDF)",
    "docx": "Synopsis (Word)",
    "soa-docx": "Schedule of activities (Word)",
    "soa-xlsx": "Schedule of activities (Excel)",
    "md": "Summary (Markdown)",
    "txt": "Summary (text)",
}


def index_row(slug: str, data: Any, report: FileReport, *, written: Sequence[str] = ()) -> IndexRow:
    """The index entry of one spec; ``data`` may be anything when the spec has errors."""
    data = clean_data(data)

    def get(*keys: str) -> Any:
        value = data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    phases = get("design", "phases")
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    warnings = report.count(Severity.WARNING)
    state = "not rendered" if errors or not written else "draft" if warnings else "ready"
    return IndexRow(
        slug=slug,
        title=text(get("identification", "brief_title")) or visible(report.path),
        href=f"{slug}/{OUTPUT_NAMES['html']}" if OUTPUT_NAMES["html"] in written else "",
        status=L.label(L.STATUS, text(get("status", "overall")) or None),
        phase=L.phases(str(p) for p in phases) if isinstance(phases, list) else "",
        sponsor=text(get("sponsors", "lead", "name")),
        errors=len(errors),
        warnings=warnings,
        state=state,
        reason=document_text(f"line {errors[0].line}: {errors[0].message}") if errors else "",
        documents=tuple(
            (label, f"{slug}/{OUTPUT_NAMES[kind]}")
            for kind, label in DOCUMENT_LABELS.items()
            if OUTPUT_NAMES[kind] in written
        ),
    )


def write_index(env: jinja2.Environment, out_dir: Path, rows: Sequence[IndexRow]) -> Path:
    """Write ``out_dir/index.html`` listing every trial of the run."""
    path = out_dir / "index.html"
    html = render(env, "index.html.j2", trials=list(rows), build_date=build_date())
    write_atomic(path, html)
    return path
