"""Word building blocks over python-docx: headings, tables, fields, sections, header and footer.

Shared by the Word synopsis (:mod:`.docx_synopsis`) and the schedule of activities
(:mod:`.soa_docx`). Spec text only ever becomes the text of a run (:func:`text` shows what
XML cannot hold as an escape); the only field codes are the fixed ``PAGE`` and ``NUMPAGES``
of the footer, and nothing here makes a hyperlink or any other relationship.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from protocolgen.quoting import xml_text

#: What an empty value prints as, as in the PDF.
NOT_PROVIDED = "Not provided"
#: The only field instructions a document may hold: none is ever built from spec text.
FIELDS = frozenset({"PAGE", "NUMPAGES"})
#: Column widths (cm) of a label/value table on a portrait page.
LABEL_VALUE = (6.0, 10.5)
_STYLE_IDS: WeakKeyDictionary[Any, dict[str, str]] = WeakKeyDictionary()
_GREY = RGBColor(0x59, 0x59, 0x59)
_RED = RGBColor(0xB0, 0x00, 0x20)


def text(value: object) -> str:
    """Spec text for a run: characters XML 1.0 forbids are shown as escapes, not dropped."""
    return xml_text(value)


def style(doc: Any, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> Any:
    """The style ``name`` of ``doc``; added (based on Normal) when a reference.docx lacks it.

    python-docx names a new style's id after its name without spaces (``Heading1``), which
    is the id Word gives its built-in styles, so navigation pane and TOC still find them.
    """
    try:
        return doc.styles[name]
    except KeyError:
        added = doc.styles.add_style(name, kind)
        if kind == WD_STYLE_TYPE.PARAGRAPH and name.startswith("Heading "):
            added.font.bold = True
            added.font.size = Pt(16 - 2 * int(name.split()[-1]))
        return added


def styled(doc: Any, name: str, container: Any = None) -> Any:
    """A new paragraph of ``container`` (default: the body) in the paragraph style ``name``.

    The style id is looked up once per document: python-docx would scan every style of the
    document for each paragraph given a style object (most of a synopsis' render time).
    """
    ids = _STYLE_IDS.setdefault(doc.part, {})
    if name not in ids:
        ids[name] = style(doc, name).style_id
    paragraph = (container or doc).add_paragraph()
    paragraph._p.style = ids[name]
    return paragraph


def heading(doc: Any, title: str, level: int, *, page_break: bool = False) -> Any:
    """A paragraph in the built-in ``Heading <level>`` style (M11 numbers are in ``title``)."""
    paragraph = styled(doc, f"Heading {level}")
    add_run(paragraph, title)
    paragraph.paragraph_format.keep_with_next = True
    if page_break:
        paragraph.paragraph_format.page_break_before = True
    return paragraph


def para(container: Any, value: str, *, note: bool = False, bold: bool = False) -> Any:
    """A paragraph of ``value``; an empty value prints "Not provided" in grey."""
    paragraph = container.add_paragraph()
    add_run(paragraph, value or NOT_PROVIDED, grey=note or not value, bold=bold)
    return paragraph


def add_run(paragraph: Any, value: str, *, bold: bool = False, grey: bool = False,
            italic: bool = False, superscript: bool = False, size: float | None = None) -> Any:
    """Append ``value`` as one run (python-docx turns tabs and line feeds into w:tab/w:br)."""
    run = paragraph.add_run(text(value))
    run.bold = bold or None
    run.italic = italic or None
    if grey:
        run.font.color.rgb = _GREY
    if superscript:
        run.font.superscript = True
    if size:
        run.font.size = Pt(size)
    return run


def _row_flags(row: Any, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page


def fill(cell: Any, value: str, *, bold: bool = False, sub: str = "",
         blank: bool = False) -> None:
    """Write ``value`` (and a grey second line ``sub``) into a table cell; an empty value
    prints "Not provided" unless ``blank`` (where the PDF leaves the cell empty too)."""
    paragraph = cell.paragraphs[0]
    if value or not blank:
        add_run(paragraph, value or NOT_PROVIDED, bold=bold, grey=not value)
    if sub:
        add_run(cell.add_paragraph(), sub, grey=True, size=8)


def table(container: Any, header: Sequence[str] | None, rows: Sequence[Sequence[str]], *,
          label_column: bool = False, widths: Sequence[float] = (),
          blank: Collection[int] = ()) -> Any:
    """A grid table: ``header`` repeats on every page, no row splits across a page.

    ``label_column`` makes the first cell of each row bold (label/value tables); empty
    cells print "Not provided" except in the ``blank`` columns (as the PDF does);
    ``widths`` are column widths in centimetres (Word reads the cells', LibreOffice the
    grid's), else the columns share the width.
    """
    width = len(header) if header is not None else max((len(r) for r in rows), default=2)
    grid = container.add_table(rows=0, cols=width)
    table_style(container, grid)
    sizes = [Cm(w) for w in widths]
    for column, size in zip(grid.columns, sizes, strict=False):
        column.width = size
    if header is not None:
        _fill_row(grid.add_row(), header, sizes, header=True, bold_first=True)
    for values in rows:
        _fill_row(grid.add_row(), values, sizes, header=False, bold_first=label_column,
                  blank=blank)
    return grid


def _fill_row(row: Any, values: Sequence[str], sizes: Sequence[Any], *, header: bool,
              bold_first: bool, blank: Collection[int] = ()) -> None:
    _row_flags(row, header=header)
    for n, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
        fill(cell, value, bold=header or (bold_first and n == 0), blank=n in blank)
        if n < len(sizes):
            cell.width = sizes[n]


def table_style(doc: Any, grid: Any) -> None:
    """Use "Table Grid" when the document (or the sponsor's reference.docx) defines it."""
    ids = _STYLE_IDS.setdefault(doc.part, {})
    if "Table Grid" not in ids:
        try:
            ids["Table Grid"] = doc.styles["Table Grid"].style_id
        except KeyError:  # a reference.docx without it: Word's plain table
            ids["Table Grid"] = ""
    if ids["Table Grid"]:
        grid._tbl.tblPr.style = ids["Table Grid"]


def header_row(row: Any) -> None:
    """Mark ``row`` as a repeating header row that does not split."""
    _row_flags(row, header=True)


def body_row(row: Any) -> None:
    """Mark ``row`` as a row that does not split across pages."""
    _row_flags(row, header=False)


def rows_table(doc: Any, rows: Sequence[Any]) -> Any:
    """A label/value table of :class:`~.display.Row` (empty values print "Not provided")."""
    return table(doc, None, [(r.label, r.value) for r in rows], label_column=True,
                 widths=LABEL_VALUE)


def field(paragraph: Any, instruction: str) -> None:
    """Append a Word field (``PAGE`` or ``NUMPAGES``) with "1" shown until Word updates it."""
    if instruction not in FIELDS:
        raise ValueError(f"not a field protocolgen writes: {instruction!r}")
    for kind, content in (("begin", None), (None, instruction), ("separate", None),
                          (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif content == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = content


def orient(section: Any, *, landscape: bool) -> None:
    """Turn ``section`` landscape or portrait, swapping the page size as Word does."""
    wanted = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = section.page_width, section.page_height
    if (width > height) != landscape:
        section.page_width, section.page_height = height, width
    section.orientation = wanted


def new_section(doc: Any, *, landscape: bool) -> Any:
    """Start a section on a new page (headers and footers carry on from the one before)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    orient(section, landscape=landscape)
    return section


def running_header(section: Any, header: str, *, draft: bool) -> None:
    """Protocol id and version in the header (after a reference.docx's own content, such
    as a logo), "DRAFT" in red when the spec has findings, "Page X of Y" in the footer."""
    top = section.header
    first = top.paragraphs[0] if top.paragraphs else top.add_paragraph()
    paragraph = first if not first.text and not first._p.xpath(".//w:drawing") \
        else top.add_paragraph()
    add_run(paragraph, header, grey=True, size=8)
    if draft:
        add_run(paragraph, "    DRAFT — incomplete", bold=True, size=10).font.color.rgb = _RED
    bottom = section.footer
    foot = bottom.paragraphs[0] if bottom.paragraphs else bottom.add_paragraph()
    add_run(foot, "Page ", size=8)
    field(foot, "PAGE")
    add_run(foot, " of ", size=8)
    field(foot, "NUMPAGES")
