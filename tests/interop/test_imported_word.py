"""Every imported CT.gov fixture record renders to a Word synopsis and SoA workbook with the
PDF's M11 headings and its criteria numbers (issue 15: "the imported records")."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl
import pytest

from protocolgen.interop.ctgov.reader import import_study
from protocolgen.render.docx_synopsis import write_synopsis
from protocolgen.render.soa_xlsx import write_soa_xlsx
from protocolgen.render.synopsis_view import build_synopsis

from .helpers import RECORDS, load_record

M11 = ["1 Protocol Summary", "1.1 Protocol Synopsis",
       "1.1.1 Primary and Secondary Objectives and Estimands", "1.1.2 Overall Design",
       "1.2 Trial Schema", "1.3 Schedule of Activities"]


@pytest.mark.parametrize("record", RECORDS, ids=[p.stem for p in RECORDS])
def test_imported_record_renders_to_word_and_excel(record: Path) -> None:
    _, study = load_record(record)
    spec, _ = import_study(study)
    view = build_synopsis(spec, [])
    document = docx.Document(io.BytesIO(write_synopsis(view)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h[0].isdigit()] == M11
    listed = [p for p in document.paragraphs
              if p._p.pPr is not None and p._p.pPr.numPr is not None
              and p._p.pPr.numPr.ilvl.val == 0]
    assert len(listed) == len(view.inclusion) + len(view.exclusion)
    title = document.core_properties.title
    assert title == view.title or (len(title) == 255 and view.title.startswith(title[:-1]))
    assert openpyxl.load_workbook(io.BytesIO(write_soa_xlsx(view)))["Schedule"]["A1"].value
