"""The schedule of activities as an Excel workbook (``render --to soa-xlsx``).

One sheet "Schedule": the epoch row merged over its visits, then visit, contact, timing and
window rows, then the activities grouped as in the PDF (a group row, then one row per
activity with an X under each visit). The header rows and the activity column are frozen;
the page is set up landscape, fit to one page wide, with the header rows repeated on every
printed page. Footnotes follow the grid. Laid out from :func:`.soa_grid.whole` over the
PDF's :class:`~.soa_view.Soa`; cells go through the findings workbook's formula guard and
the bytes through its reproducible zip (:mod:`protocolgen.reporters.xlsx`).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from protocolgen.quoting import xml_text
from protocolgen.render.soa_grid import whole
from protocolgen.render.synopsis_view import Synopsis
from protocolgen.reporters.xlsx import _reproducible, guard

_BOLD = Font(bold=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_GROUP = PatternFill("solid", fgColor="E7EAF0")


def write_soa_xlsx(view: Synopsis) -> bytes:
    """The workbook of ``view``'s schedule of activities."""
    grid = whole(view.soa)
    book = Workbook()
    sheet = book.active
    assert sheet is not None, "a new workbook has a sheet"
    sheet.title = "Schedule"
    guard(sheet.cell(1, 1), f"Schedule of activities: {view.title}")
    sheet.cell(1, 1).font = Font(bold=True, size=12)
    top = 3
    epoch_row = any(name for name, _ in grid.epochs)
    if epoch_row:
        sheet.cell(top, 1, "Epoch").font = _BOLD
        column = 2
        for name, span in grid.epochs:
            guard(sheet.cell(top, column), name)
            sheet.cell(top, column).font = _BOLD
            sheet.cell(top, column).alignment = _CENTRE
            if span > 1:
                sheet.merge_cells(start_row=top, start_column=column, end_row=top,
                                  end_column=column + span - 1)
            column += span
        top += 1
    for title, values in (("Visit", [c.name for c in grid.columns]),
                          ("Contact", [c.contact or "In person" for c in grid.columns]),
                          ("Timing", [c.timing or "—" for c in grid.columns]),
                          ("Window", [c.window or "—" for c in grid.columns])):
        sheet.cell(top, 1, title).font = _BOLD
        for n, value in enumerate(values, start=2):
            guard(sheet.cell(top, n), value)
            sheet.cell(top, n).alignment = _CENTRE
            sheet.cell(top, n).font = _BOLD if title == "Visit" else Font()
        top += 1
    header_end = top - 1
    for group, rows in grid.groups:
        guard(sheet.cell(top, 1), group)
        for n in range(1, len(grid.columns) + 2):
            sheet.cell(top, n).fill = _GROUP
        sheet.cell(top, 1).font = _BOLD
        top += 1
        for name, marks, cells in rows:
            guard(sheet.cell(top, 1), name + (f" [{marks}]" if marks else ""))
            sheet.cell(top, 1).alignment = _WRAP
            for n, x in enumerate(cells, start=2):
                if x:
                    sheet.cell(top, n, x).alignment = _CENTRE
            top += 1
    if view.soa.anchor:
        guard(sheet.cell(top + 1, 1), f"Timings count from: {view.soa.anchor}.")
        top += 1
    for n, (marker, text) in enumerate(view.soa.footnotes, start=top + 1):
        guard(sheet.cell(n, 1), f"[{marker}] {text}")
    sheet.column_dimensions["A"].width = 44
    for n in range(2, len(grid.columns) + 2):
        sheet.column_dimensions[get_column_letter(n)].width = 12
    sheet.freeze_panes = f"B{header_end + 1}"
    sheet.print_title_rows = f"{3}:{header_end}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    book.properties.creator = "protocolgen"
    book.properties.title = xml_text(f"Schedule of activities: {view.title}")
    buffer = io.BytesIO()
    book.save(buffer)
    return _reproducible(buffer.getvalue())

