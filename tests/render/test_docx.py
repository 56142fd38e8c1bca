"""The Word synopsis, read back with python-docx: M11 headings and their styles, numbering
that keeps the spec's numbers, repeating header rows, landscape SoA, header/footer fields,
DRAFT mark, core properties, reproducible bytes and a sponsor's reference.docx."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from protocolgen.api import check_source
from protocolgen.cli import main
from protocolgen.diagnostics import Diagnostic
from protocolgen.render.docx_synopsis import write_synopsis
from protocolgen.render.synopsis_view import build_synopsis
from protocolgen.resources import data_dir
from tests.conftest import SPECS

RICH = Path(__file__).parent / "fixtures" / "rich-soa.yaml"
SEEDS = sorted(SPECS.glob("*.yaml"))


def checked(path: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    result = check_source(str(path))
    assert result.document is not None
    return copy.deepcopy(result.document.data), list(result.report.diagnostics)


def read(content: bytes) -> Any:
    return docx.Document(io.BytesIO(content))


def headings(document: Any) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs
            if p.style.name.startswith("Heading")]


@pytest.fixture(scope="module")
def rich() -> tuple[dict[str, Any], list[Diagnostic]]:
    return checked(RICH)


@pytest.fixture(scope="module")
def rich_docx(rich: tuple[dict[str, Any], list[Diagnostic]]) -> Any:
    return read(write_synopsis(build_synopsis(*rich)))


def test_m11_headings_use_the_built_in_heading_styles(rich_docx: Any) -> None:
    found = headings(rich_docx)
    for expected in [
        ("Heading 1", "1 Protocol Summary"),
        ("Heading 2", "1.1 Protocol Synopsis"),
        ("Heading 3", "1.1.1 Primary and Secondary Objectives and Estimands"),
        ("Heading 3", "1.1.2 Overall Design"),
        ("Heading 2", "1.2 Trial Schema"),
        ("Heading 2", "1.3 Schedule of Activities"),
        ("Heading 1", "Annex: Eligibility criteria"),
        ("Heading 2", "Inclusion criteria"),
    ]:
        assert expected in found
    numbered = [text for _, text in found if re.match(r"\d", text)]
    assert numbered == ["1 Protocol Summary", "1.1 Protocol Synopsis",
                        "1.1.1 Primary and Secondary Objectives and Estimands",
                        "1.1.2 Overall Design", "1.2 Trial Schema", "1.3 Schedule of Activities"]


@pytest.mark.parametrize("spec", [*SEEDS, RICH], ids=lambda p: p.stem)
def test_same_headings_in_the_same_order_as_the_pdf(spec: Path) -> None:
    from protocolgen.render.pdf import PdfRenderer

    data, findings = checked(spec)
    view = build_synopsis(data, findings)
    html = PdfRenderer([data_dir("templates")]).html_of(view)
    pdf_headings = [re.sub(r"<[^>]+>", "", h).strip() for h in
                    re.findall(r"<h[1-5][^>]*>(.*?)</h[1-5]>", html, re.S)]
    word = [text for _, text in headings(read(write_synopsis(view)))]
    # The PDF's <h1> is the title (Word's Title style), not a heading of the outline.
    assert word == [h for h in pdf_headings if h != view.title.replace("&", "&amp;")][:len(word)]
    assert len(word) == len(pdf_headings) - 1


def _numbers(document: Any, start: str, stop: str) -> list[tuple[str, int]]:
    """The list numbers Word shows between two headings: (text, number or 0 for a bullet)."""
    starts: dict[int, int] = {}
    bullets: set[int] = set()
    numbering = document.part.numbering_part.element
    for num in numbering.xpath("./w:num"):
        override = num.xpath("./w:lvlOverride/w:startOverride/@w:val")
        abstract = num.xpath("./w:abstractNumId/@w:val")[0]
        fmt = numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']"
                              "/w:lvl[@w:ilvl='0']/w:numFmt/@w:val")[0]
        if fmt == "bullet":
            bullets.add(int(num.numId))
        starts[int(num.numId)] = int(override[0]) if override else 1
    counters: dict[int, int] = {}
    out, inside = [], False
    for p in document.paragraphs:
        if p.text in (start, stop) and p.style.name.startswith("Heading"):
            inside = p.text == start
            continue
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if inside and num_pr is not None and num_pr.ilvl.val == 0:
            num_id = int(num_pr.numId.val)
            counters[num_id] = counters.get(num_id, starts[num_id] - 1) + 1
            out.append((p.text, 0 if num_id in bullets else counters[num_id]))
    return out


def test_criteria_are_a_numbered_list_that_keeps_the_spec_numbers(
    rich: tuple[dict[str, Any], list[Diagnostic]],
) -> None:
    data = copy.deepcopy(rich[0])
    data["eligibility"]["inclusion"] = [
        {"number": 2, "text": "Adults"}, {"text": "Consent"}, {"number": 7, "text": "Biopsy"},
        {"number": 8, "text": "Proteinuria", "sub": ["at screening", "and at baseline"]}]
    document = read(write_synopsis(build_synopsis(data, [])))
    assert _numbers(document, "Inclusion criteria", "Exclusion criteria") == [
        ("Adults", 2), ("Consent", 3), ("Biopsy", 7), ("Proteinuria", 8)]
    subs = [p.text for p in document.paragraphs
            if p._p.pPr is not None and p._p.pPr.numPr is not None
            and p._p.pPr.numPr.ilvl.val == 1]
    assert subs == ["at screening", "and at baseline"]


def test_an_unnumbered_source_list_stays_unnumbered(rich_docx: Any) -> None:
    items = _numbers(rich_docx, "Exclusion criteria", "Annex: Sponsors, contacts and sites")
    assert items == [("eGFR < 30 mL/min/1.73 m²", 0), ("Pregnancy or breastfeeding", 0)]


def test_tables_repeat_their_header_and_rows_do_not_split(rich_docx: Any) -> None:
    assert len(rich_docx.tables) > 8
    for table in rich_docx.tables:
        rows = table._tbl.tr_lst
        assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None
                   for tr in rows)
    known = {("Objective", "Endpoint", "Time frame"), ("Name", "Role", "Affiliation"),
             ("Intervention", "Dose", "Route", "Regimen"), ("Name", "Role", "Phone", "Email")}
    headers = [t for t in rich_docx.tables
               if tuple(c.text for c in t.rows[0].cells) in known
               or t.rows[0].cells[0].text == "Epoch"]
    assert len(headers) >= 5
    for table in headers:
        assert table._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
        assert table._tbl.tr_lst[-1].trPr.find(qn("w:tblHeader")) is None


def test_a_wide_schedule_gets_a_landscape_section(rich_docx: Any) -> None:
    orientations = [s.orientation for s in rich_docx.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    wide = rich_docx.sections[1]
    assert wide.page_width > wide.page_height
    soa = next(t for t in rich_docx.tables if t.rows[0].cells[0].text == "Epoch")
    assert soa._tbl.getparent() is rich_docx.element.body


def test_header_footer_and_draft_mark(rich: tuple[dict[str, Any], list[Diagnostic]]) -> None:
    data, findings = rich
    draft = read(write_synopsis(build_synopsis(data, [*findings, _warning()])))
    clean = read(write_synopsis(build_synopsis(data, [])))
    header = draft.sections[0].header.paragraphs[0].text
    assert "Protocol PG-RICH-001" in header and "Version 2.0" in header
    assert "DRAFT" in header
    assert "DRAFT" not in clean.sections[0].header.paragraphs[0].text
    assert any(p.text.startswith("DRAFT.") for p in draft.paragraphs)
    assert "Annex: What is missing" in [t for _, t in headings(draft)]
    assert "Annex: What is missing" not in [t for _, t in headings(clean)]
    footer = draft.sections[0].footer._element
    instructions = [i.text.strip() for i in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Page" in footer.xpath("string(.)") and " of " in footer.xpath("string(.)")


def _warning() -> Diagnostic:
    from protocolgen.diagnostics import Severity

    return Diagnostic(code="PG307", severity=Severity.WARNING, message="no visits",
                      hint="add visits", pointer="/schedule", line=1, column=1, path="x")


def test_core_properties(rich_docx: Any) -> None:
    props = rich_docx.core_properties
    assert props.title.startswith("A Randomised, Double-Blind")
    assert props.author == "Example Biotherapeutics Ltd."
    assert props.subject == "Clinical trial protocol synopsis"
    assert props.language == "en"
    assert props.created.date().isoformat() == "2025-03-14" == props.modified.date().isoformat()


def test_assumed_values_are_marked_as_in_the_pdf() -> None:
    from protocolgen.render.pdf import PdfRenderer

    spec = next(s for s in SEEDS if "[assumed]" in PdfRenderer(
        [data_dir("templates")]).render_html(*checked(s)))
    view = build_synopsis(*checked(spec))
    text = "\n".join(p.text for p in read(write_synopsis(view)).paragraphs) + "\n".join(
        c.text for t in read(write_synopsis(view)).tables for r in t.rows for c in r.cells)
    assert "[assumed]" in text
    assert all(a.field in text for a in view.assumed)


def test_same_spec_same_bytes(rich: tuple[dict[str, Any], list[Diagnostic]],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    first = write_synopsis(build_synopsis(*rich))
    assert write_synopsis(build_synopsis(*rich)) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    data = copy.deepcopy(rich[0])
    del data["identification"]["protocol_version"]["date"]
    undated = read(write_synopsis(build_synopsis(data, [])))
    assert undated.core_properties.created is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = write_synopsis(build_synopsis(data, []))
    assert read(stamped).core_properties.created.isoformat().startswith("2023-11-14T22:13:20")
    assert write_synopsis(build_synopsis(data, [])) == stamped


def test_a_reference_docx_supplies_styles_and_brings_no_external_links(
    rich: tuple[dict[str, Any], list[Diagnostic]], tmp_path: Path,
) -> None:
    ref = docx.Document()
    ref.styles["Normal"].font.name = "Garamond"
    ref.styles["Heading 1"].font.size = docx.shared.Pt(22)
    ref.add_paragraph("Sample text that must not reach the synopsis")
    ref.sections[0].header.paragraphs[0].text = "ACME Pharma"
    ref.part.relate_to("https://example.org/template.dotx",
                       "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                       "attachedTemplate", is_external=True)
    ref.save(str(tmp_path / "reference.docx"))
    out = read(write_synopsis(build_synopsis(*rich), tmp_path / "reference.docx"))
    assert out.styles["Normal"].font.name == "Garamond"
    assert out.styles["Heading 1"].font.size == docx.shared.Pt(22)
    assert not any("Sample text" in p.text for p in out.paragraphs)
    header = [p.text for p in out.sections[0].header.paragraphs]
    assert header[0] == "ACME Pharma" and "PG-RICH-001" in header[1]
    assert not any(r.is_external for part in out.part.package.iter_parts()
                   for r in part.rels.values())


def test_a_reference_docx_that_is_no_word_file_is_a_template_error(tmp_path: Path) -> None:
    (tmp_path / "reference.docx").write_text("not a zip", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(RICH), "--to", "docx", "--templates",
                                       str(tmp_path), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 2
    assert "reference.docx: not a Word document" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_empty_cells_read_as_in_the_pdf(rich: tuple[dict[str, Any], list[Diagnostic]]) -> None:
    data = copy.deepcopy(rich[0])
    data["objectives"][0]["outcomes"] = []
    document = read(write_synopsis(build_synopsis(data, [])))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Objective")
    first = [c.text for c in table.rows[1].cells]
    assert first[1:] == ["Not provided", ""]  # no endpoint is a gap; its time frame is not


def test_pages_are_a4_like_the_pdf(rich_docx: Any) -> None:
    first, wide = rich_docx.sections[0], rich_docx.sections[1]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert (round(wide.page_width.mm), round(wide.page_height.mm)) == (297, 210)


@pytest.mark.parametrize(("missing", "assumed", "said", "unsaid"), [
    (True, False, "1 open finding", "assumed, not taken"),
    (False, True, "1 value is assumed", "open finding"),
    (True, True, "open finding, listed", "0 "),
])
def test_the_draft_note_says_what_the_draft_has_in_word_and_pdf(
    rich: tuple[dict[str, Any], list[Diagnostic]], missing: bool, assumed: bool, said: str,
    unsaid: str,
) -> None:
    """One sentence from the view model, in both formats: a draft whose only gap is an
    assumed value does not speak of "0 open findings"."""
    import dataclasses
    import html

    from protocolgen.render.assumed_view import AssumedNote
    from protocolgen.render.pdf import PdfRenderer

    data, _ = rich
    view = build_synopsis(data, [_warning()])
    view = dataclasses.replace(
        view, missing=view.missing if missing else [],
        assumed=[AssumedNote("Enrolment", "40", "planned, not reported")] if assumed else [],
    )
    assert said in view.draft_note and unsaid not in view.draft_note
    word = read(write_synopsis(view))
    assert [p.text for p in word.paragraphs if p.text.startswith("DRAFT.")] == [
        "DRAFT. " + view.draft_note]
    page = PdfRenderer([data_dir("templates")]).html_of(view)
    note = re.search(r'<p class="draft-note">(.*?)</p>', page, re.S)
    assert note is not None and html.unescape(note.group(1)) == view.draft_note
