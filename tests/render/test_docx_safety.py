"""Hostile spec text in the Word and Excel outputs: printed as text, never a field code,
a hyperlink, an external relationship or a formula; characters XML cannot hold are shown,
not fatal."""

from __future__ import annotations

import copy
import io
import random
import zipfile
from typing import Any

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from protocolgen.quoting import document_text, xml_text
from protocolgen.render.docx_synopsis import write_synopsis
from protocolgen.render.soa_docx import write_soa
from protocolgen.render.soa_xlsx import write_soa_xlsx
from protocolgen.render.synopsis_view import build_synopsis
from tests.fuzz.mutations import NASTY, random_text
from tests.render.test_docx import RICH, checked

#: The PDF's hostile strings (tests/render/test_pdf_safety.py), Word's own field and link
#: syntax, and the fuzzers' awkward characters.
HOSTILE = [
    '<img src="file:///etc/passwd">',
    "<style>@import url(http://127.0.0.1:9/x)</style>",
    "{{ 7*7 }}",
    "</td></tr></table>",
    '{ INCLUDETEXT "C:\\\\secret.txt" }',
    'HYPERLINK "file:///etc/passwd" \\o "tip"',
    '<w:fldSimple w:instr="INCLUDEPICTURE http://127.0.0.1:9/x.png"/>',
    "]]><w:r><w:t>injected</w:t></w:r>",
    "=cmd|' /C calc'!A0",
    "+SUM(A1)",
    NASTY,
]


def _hostile_data() -> dict[str, Any]:
    data, _ = checked(RICH)
    data = copy.deepcopy(data)
    data["identification"]["brief_title"] = " ".join(HOSTILE[:4])
    data["identification"]["official_title"] = HOSTILE[4]
    data["eligibility"]["inclusion"] = HOSTILE
    data["locations"][0]["facility"] = HOSTILE[5]
    data["schedule"]["activities"][0]["name"] = HOSTILE[6]
    data["schedule"]["visits"][0]["name"] = HOSTILE[8]
    data["sponsors"]["lead"]["name"] = HOSTILE[7]
    data["schedule"]["footnotes"][0]["text"] = NASTY
    return data


def _shown(text: str) -> str:
    """What a document may show for ``text``: controls dropped (as in every format), what
    XML forbids escaped."""
    return xml_text(document_text(text))


def _package_is_inert(content: bytes) -> None:
    document = docx.Document(io.BytesIO(content))
    assert not any(r.is_external for part in document.part.package.iter_parts()
                   for r in part.rels.values())
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        xml = b"".join(package.read(n) for n in package.namelist() if n.endswith(".xml"))
    assert b"<w:hyperlink" not in xml and b"<w:fldSimple" not in xml
    body = document.element.body
    assert not list(body.iter(qn("w:instrText")))  # fields live only in the footer


def _all_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    return "\n".join(parts) + "\n" + (document.core_properties.title or "")


def test_hostile_text_is_text_in_the_word_synopsis() -> None:
    content = write_synopsis(build_synopsis(_hostile_data(), []))
    _package_is_inert(content)
    text = _all_text(content)
    for item in HOSTILE:
        assert _shown(item) in text, item
    assert "injected\n" not in text and "49" not in text.split("{{ 7*7 }}")[0][-3:]


def test_hostile_text_is_text_in_the_schedule_files() -> None:
    view = build_synopsis(_hostile_data(), [])
    content = write_soa(view)
    _package_is_inert(content)
    text = _all_text(content)
    for item in (HOSTILE[6], HOSTILE[8], NASTY):
        assert _shown(item) in text
    sheet = openpyxl.load_workbook(io.BytesIO(write_soa_xlsx(view)))["Schedule"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    formula = next(c for c in cells if c.value == _shown(HOSTILE[8]))
    assert formula.data_type == "s" and formula.quotePrefix


@pytest.mark.parametrize("seed", range(12))
def test_random_awkward_text_never_breaks_the_writer(seed: int) -> None:
    rng = random.Random(seed)
    data = _hostile_data()
    data["description"]["brief_summary"] = random_text(rng, 200) or "x"
    data["arms"][0]["label"] = random_text(rng, 40) or "x"
    view = build_synopsis(data, [])
    text = _all_text(write_synopsis(view))
    assert _shown(view.arms[0].label) in text
