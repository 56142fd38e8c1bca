"""A Word package: its base document, numbered lists, core properties and reproducible bytes.

The base is python-docx's built-in document, or a sponsor's ``reference.docx`` found on the
template search path (``--templates DIR``), as pandoc does: its styles, page set-up,
header (a logo) and fonts are kept, its body text is dropped, and any external relationship
it carries (an attached template, a linked image) is removed, so the output refers to nothing
outside itself.

The bytes depend only on the spec: fixed zip entry times and order
(:func:`protocolgen.reporters.xlsx._reproducible`), and core-property dates from the
spec's protocol version date, else ``SOURCE_DATE_EPOCH``, else none at all.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from protocolgen.errors import TemplateError
from protocolgen.quoting import xml_text
from protocolgen.reporters.xlsx import _reproducible

#: The sponsor's Word template, looked up on the template search path.
REFERENCE = "reference.docx"
#: Longest core property python-docx writes (the full title stays on the title page).
MAX_PROPERTY = 255
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
#: Word's indent unit is a twentieth of a point; 567 is 1 cm.
_LEVEL = """<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>
<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="{left}" w:hanging="567"/></w:pPr></w:lvl>"""


def reference(template_dirs: Iterable[Path]) -> Path | None:
    """The first ``reference.docx`` on the search path, or None for the built-in base."""
    for directory in template_dirs:
        if (directory / REFERENCE).is_file():
            return directory / REFERENCE
    return None


def base_document(ref: Path | None) -> Any:
    """A new document: the built-in base on A4, or ``ref`` (its own page set-up) emptied of
    its body text."""
    if ref is None:
        doc = docx.Document()
        section = doc.sections[0]  # A4 with the PDF's margins (python-docx starts on Letter)
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(22), Mm(20)
        section.left_margin = section.right_margin = Mm(18)
        return doc
    try:
        doc = docx.Document(str(ref))
    except Exception as e:  # python-docx raises several kinds for a file that is no .docx
        raise TemplateError(f"{ref}: not a Word document ({type(e).__name__}: {e})") from e
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep the page set-up, drop the sample text
            body.remove(child)
    _drop_external(doc)
    return doc


def _drop_external(doc: Any) -> None:
    for part in doc.part.package.iter_parts():
        for rel_id, rel in list(part.rels.items()):
            if rel.is_external and hasattr(part, "element"):  # only XML parts refer to rels
                for node in part.element.xpath(f".//*[@r:id='{rel_id}' or @r:embed='{rel_id}' "
                                               f"or @r:link='{rel_id}']"):
                    node.getparent().remove(node)
            if rel.is_external:
                del part.rels[rel_id]


class Numbering:
    """Numbered lists that keep the spec's numbers: one abstract list (decimal, then a
    bullet level), and a new list instance starting at N wherever the numbers jump."""

    def __init__(self, doc: Any) -> None:
        self.root = doc.part.numbering_part.element
        ids = [int(n) for n in self.root.xpath("./w:abstractNum/@w:abstractNumId")]
        self.numbered = self._abstract(max(ids, default=-1) + 1, "decimal", "%1.")
        self.bullets = self._abstract(max(ids, default=-1) + 2, "bullet", "•")

    def _abstract(self, number: int, fmt: str, text: str) -> int:
        levels = _LEVEL.format(level=0, fmt=fmt, text=text, left=567) + _LEVEL.format(
            level=1, fmt="bullet", text="–", left=1134)
        node = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}">'
                         f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>')
        nums = self.root.xpath("./w:num")
        if nums:  # abstract definitions come before every list instance
            nums[0].addprevious(node)
        else:
            self.root.append(node)
        return number

    def start(self, first: int | None) -> int:
        """A new list instance: numbered from ``first``, or bulleted when it is None."""
        num = self.root.add_num(self.bullets if first is None else self.numbered)
        if first is not None:
            override = parse_xml(f'<w:lvlOverride {nsdecls("w")} w:ilvl="0">'
                                 f'<w:startOverride w:val="{first}"/></w:lvlOverride>')
            num.append(override)
        return int(num.numId)


def list_item(paragraph: Any, num_id: int, level: int = 0) -> None:
    """Make ``paragraph`` an item of list ``num_id`` at ``level``."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def document_date(spec_date: str) -> dt.datetime | None:
    """The spec's version date (``2025``, ``2025-03`` or ``2025-03-14``), else
    ``SOURCE_DATE_EPOCH``, else None: never the time of the build."""
    match = _DATE.match(spec_date)
    if match:
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            return dt.datetime(year, month, day, tzinfo=dt.UTC)
        except ValueError:
            pass
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC) if raw else None
    except (ValueError, OverflowError, OSError):
        return None


def _clip(value: str) -> str:
    """A core property as text of at most :data:`MAX_PROPERTY` characters."""
    shown = xml_text(value)
    return shown if len(shown) <= MAX_PROPERTY else shown[: MAX_PROPERTY - 1] + "…"


def properties(doc: Any, *, title: str, subject: str, author: str, language: str,
               keywords: str, date: str) -> None:
    """Core properties (docProps/core.xml) from the view, with a date that is never now."""
    props = doc.core_properties
    props.title, props.subject, props.author = _clip(title), _clip(subject), _clip(author)
    props.language, props.keywords = _clip(language), _clip(keywords)
    props.last_modified_by, props.revision, props.comments = "protocolgen", 1, ""
    when = document_date(date)
    element = props._element
    for tag in ("created", "modified", "lastPrinted"):
        for node in element.findall(qn(f"dcterms:{tag}")) + element.findall(qn(f"cp:{tag}")):
            element.remove(node)
    if when is not None:
        props.created = props.modified = when.replace(tzinfo=None)


def save(doc: Any) -> bytes:
    """The document's bytes, with fixed zip entry times and the dates :func:`properties` set."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return _reproducible(buffer.getvalue(), doc_time=None)
