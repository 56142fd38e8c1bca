"""An Excel workbook of the findings, for regulatory and data-management reviewers.

Sheet "Findings": one row per finding (spec, line, column, code, severity, rule, message,
hint) with a frozen header row, filters on every column and readable column widths. Sheet
"Coverage" (when profiles are checked): each spec's items met / applicable per profile.

Spec text is data: a cell that would start a formula (``=``, ``+``, ``-``, ``@``, tab, CR) is
stored as text with Excel's quote prefix, so it neither runs on opening nor on editing, and
characters XML cannot hold are shown as ``\\xNN``. The bytes depend only on the findings:
fixed timestamps in the document properties and in the zip entries.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from protocolgen.codes import catalogue
from protocolgen.diagnostics import FileReport, Severity, Summary

HEADER = ("spec", "line", "column", "code", "severity", "rule", "message", "hint")
#: Column widths in characters (message and hint wrap past these).
WIDTHS = (36, 7, 8, 8, 9, 28, 70, 60)
#: What Excel stores as a cell's text at most.
MAX_CELL = 32_767
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Zip entry time (the earliest a zip can hold) and document time: no "now" in the bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DOC_TIME = "1980-01-01T00:00:00Z"


@dataclass(frozen=True)
class CoverageTable:
    """The coverage matrix to add as a second sheet: profile names and one row per spec."""

    names: Sequence[str]
    #: (spec path, {profile: (met, applicable) or None when the spec is not schema-valid})
    rows: Sequence[tuple[str, dict[str, tuple[int, int] | None]]]


def guard(cell: Any, value: object) -> None:
    """Put ``value`` in ``cell`` so that it is shown as written and never run as a formula."""
    if not isinstance(value, str):
        cell.value = value
        return
    text = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    cell.value = text
    if text.startswith(_FORMULA_START):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


class XlsxReporter:
    """The findings (and the coverage matrix, when given) as an .xlsx workbook."""

    #: The output is bytes for a file (``-o``), never text for a terminal.
    binary = True

    def __init__(
        self,
        *,
        color: bool = False,
        fail_on: Severity = Severity.ERROR,
        coverage: CoverageTable | None = None,
    ) -> None:
        del color, fail_on
        self.coverage = coverage

    def render(self, reports: list[FileReport], summary: Summary) -> bytes:
        from openpyxl import Workbook  # only when a workbook is asked for

        book = Workbook()
        sheet = book.worksheets[0]
        sheet.title = "Findings"
        codes = catalogue()
        rows = [
            (d.path, d.line, d.column, d.code, d.severity.label,
             codes[d.code].name if d.code in codes else "", d.message, d.hint)
            for report in reports
            for d in report.diagnostics
        ]
        _table(sheet, HEADER, rows, WIDTHS)
        if self.coverage is not None:
            _coverage_sheet(book.create_sheet("Coverage"), self.coverage)
        book.properties.creator = "protocolgen"
        buffer = io.BytesIO()
        book.save(buffer)
        return _reproducible(buffer.getvalue())


def _table(sheet: Any, header: Sequence[str], rows: Sequence[Sequence[object]],
           widths: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for column, title in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        guard(cell, title)
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            guard(cell, value)
            if isinstance(value, str) and len(value) > widths[column - 1]:
                cell.alignment = wrap
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(rows) + 1, 2)}"


def _coverage_sheet(sheet: Any, table: CoverageTable) -> None:
    header = ["spec"]
    for name in table.names:
        header += [f"{name} met", f"{name} applicable", f"{name} %"]
    rows: list[list[object]] = []
    for path, cells in table.rows:
        row: list[object] = [path]
        for name in table.names:
            counts = cells.get(name)
            if counts is None:
                row += ["invalid", None, None]
            else:
                met, applicable = counts
                row += [met, applicable, round(met / applicable, 4) if applicable else None]
        rows.append(row)
    _table(sheet, header, rows, [36] + [12] * (len(header) - 1))
    for column in range(4, len(header) + 1, 3):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "0%"


def _reproducible(data: bytes, doc_time: str | None = _DOC_TIME) -> bytes:
    """The same workbook with fixed times in its zip entries and document properties.

    ``doc_time=None`` keeps the document properties' dates as the writer set them (the Word
    synopsis takes them from the spec, :mod:`protocolgen.render.docx_package`).
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml" and doc_time is not None:
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + doc_time.encode() + rb"\g<3>",
                    content,
                )
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return out.getvalue()
