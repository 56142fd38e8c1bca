"""The schedule of activities as Word tables (M11 §1.3), alone or inside the Word synopsis.

Laid out from :class:`~.soa_view.Soa`, the model the PDF uses, in the same blocks of visits:
the epoch row (merged over its visits), visit, timing and window rows repeat at the top of
every page, activity rows never split, the X marks are centred, and footnote markers are
superscript. ``render --to soa-docx`` writes it alone on landscape pages
(:func:`write_soa`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from protocolgen.render import docx_parts
from protocolgen.render.docx_package import base_document, properties, save
from protocolgen.render.docx_parts import add_run, body_row, fill, header_row, para
from protocolgen.render.soa_view import Soa, SoaBlock
from protocolgen.render.synopsis_view import Synopsis

SUBJECT = "Schedule of activities"
#: Width of the activity column.
ACTIVITY = Cm(5)


def _block(doc: Any, block: SoaBlock) -> None:
    width = len(block.columns) + 1
    grid = doc.add_table(rows=0, cols=width)
    docx_parts.table_style(doc, grid)
    if any(name for name, _ in block.epochs):
        row = grid.add_row()
        header_row(row)
        fill(row.cells[0], "Epoch", bold=True)
        start = 1
        for name, span in block.epochs:
            cell = row.cells[start]
            if span > 1:
                cell = cell.merge(row.cells[start + span - 1])
            add_run(cell.paragraphs[0], name, bold=True)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            start += span
    row = grid.add_row()
    header_row(row)
    fill(row.cells[0], "Visit", bold=True)
    for cell, column in zip(row.cells[1:], block.columns, strict=True):
        fill(cell, column.name, bold=True, sub=column.contact)
    for title, values in (("Timing", [c.timing for c in block.columns]),
                          ("Window", [c.window for c in block.columns])):
        row = grid.add_row()
        header_row(row)
        add_run(row.cells[0].paragraphs[0], title, bold=True)
        for cell, value in zip(row.cells[1:], values, strict=True):
            add_run(cell.paragraphs[0], value or "—", size=8)
    for group, rows in block.groups:
        row = grid.add_row()
        body_row(row)
        add_run(row.cells[0].merge(row.cells[width - 1]).paragraphs[0], group, bold=True)
        for name, marks, cells in rows:
            row = grid.add_row()
            body_row(row)
            head = row.cells[0].paragraphs[0]
            add_run(head, name)
            if marks:
                add_run(head, marks, superscript=True)
            for cell, x in zip(row.cells[1:], cells, strict=True):
                if x:
                    add_run(cell.paragraphs[0], x, bold=True)
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    grid.columns[0].width = ACTIVITY
    for cell in grid.columns[0].cells:  # activity names need room; visits share the rest
        if cell._tc.grid_span == 1:  # not a group row merged over the whole width
            cell.width = ACTIVITY


def soa_tables(doc: Any, soa: Soa) -> None:
    """Description, anchor, one table per block of visits, and the footnotes."""
    if soa.description:
        para(doc, soa.description)
    if soa.anchor:
        para(doc, f"Timings count from: {soa.anchor}.", note=True)
    if not soa.blocks:
        para(doc, "Not provided (no visits are defined)", note=True)
    for block in soa.blocks:
        if len(soa.blocks) > 1:
            label = para(doc, f"Visits {block.first}–{block.last} of {soa.visit_count}",
                         note=True)
            label.paragraph_format.keep_with_next = True
        _block(doc, block)
    for marker, text in soa.footnotes:
        paragraph = doc.add_paragraph()
        add_run(paragraph, marker, superscript=True)
        add_run(paragraph, f" {text}", size=9)


def write_soa(view: Synopsis, reference: Path | None = None) -> bytes:
    """The schedule of activities alone, on landscape pages, as a .docx."""
    doc = base_document(reference)
    properties(doc, title=f"{SUBJECT}: {view.title}", subject=SUBJECT, author=view.author,
               language=view.lang, keywords=view.keywords, date=view.meta_date)
    section = doc.sections[0]
    docx_parts.orient(section, landscape=True)
    docx_parts.running_header(section, view.running_header, draft=view.draft)
    docx_parts.heading(doc, "Schedule of Activities", 1)
    para(doc, view.title)
    soa_tables(doc, view.soa)
    return save(doc)
