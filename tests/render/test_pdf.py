"""The PDF synopsis, checked by extracted text, layout positions and metadata.

Every PDF here is rendered once per session (module-scoped fixtures): WeasyPrint takes a
few hundred milliseconds per document.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

from protocolgen.api import check_source
from protocolgen.diagnostics import Diagnostic
from protocolgen.render.pdf import PdfRenderer
from protocolgen.resources import data_dir

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "specs").glob("*.yaml"))
RICH = Path(__file__).parent / "fixtures" / "rich-soa.yaml"


def load(path: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    checked = check_source(str(path))
    assert checked.document is not None
    return checked.document.data, checked.report.diagnostics


@pytest.fixture(scope="module")
def renderer() -> PdfRenderer:
    return PdfRenderer([None, data_dir("templates")])


@pytest.fixture(scope="module")
def seed_pdfs(renderer: PdfRenderer) -> dict[str, tuple[pypdf.PdfReader, list[Diagnostic]]]:
    out = {}
    for path in SEEDS:
        data, findings = load(path)
        out[path.stem] = (pypdf.PdfReader(io.BytesIO(renderer.render(data, findings))), findings)
    return out


@pytest.fixture(scope="module")
def rich_bytes(renderer: PdfRenderer) -> bytes:
    return renderer.render(*load(RICH))


@pytest.fixture(scope="module")
def rich(rich_bytes: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(rich_bytes))


def texts(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_seed_page_structure(seed_pdfs: dict[str, Any], seed: str) -> None:
    reader, findings = seed_pdfs[seed]
    pages = texts(reader)
    assert len(pages) > 1
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
    meta = reader.metadata
    assert meta is not None and meta.title and meta.author
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged PDF
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    # Every seed has warnings: draft mark on the title page and in every later header,
    # and a last page listing each finding by code.
    assert findings
    assert "DRAFT — INCOMPLETE" in pages[0].upper()
    assert all("DRAFT — incomplete" in text for text in pages[1:])
    # The draft note's sentences are apart ("...missing". 12 values...), as in the Word file.
    assert not re.search(r'"What is missing"\.\S', pages[0])
    text = "\n".join(pages)
    annex = text[text.index("Annex: What is missing"):]
    assert "Page 1 of" not in annex  # the annex comes last
    for finding in findings:
        if finding.code == "PG806":  # listed, with the reason, under "Assumed values"
            assert finding.message.split(": ", 1)[-1].split()[0] in text
        else:
            assert finding.code in annex


def test_running_header_has_protocol_id(seed_pdfs: dict[str, Any]) -> None:
    pages = texts(seed_pdfs["als-nasal-sev"][0])
    assert "Protocol XMEC-2024-267-002" not in pages[0]  # the title page has no header
    assert all("Protocol XMEC-2024-267-002" in text for text in pages[1:])


M11_ORDER = (
    "1 Protocol Summary", "1.1 Protocol Synopsis",
    "1.1.1 Primary and Secondary Objectives and Estimands", "1.1.2 Overall Design",
    "1.2 Trial Schema", "1.3 Schedule of Activities",
    "Annex: Eligibility criteria", "Annex: Sponsors, contacts and sites",
    "Annex: Registry status and dates",
)
#: Every M11 Step 4 §1.1.2 element, in the template's order (REPORT.md §3.4).
M11_DESIGN = (
    "Intervention", "Population type", "Intervention model", "Population diagnosis or condition",
    "Control type", "Population age", "Control description", "Site distribution",
    "Site geographic scope", "Intervention assignment method", "Master protocol",
    "Drug/device combination product", "Adaptive trial design", "Number of arms",
    "Trial blind schema", "Blinded roles", "Number of participants",
    "Duration of trial intervention per participant",
    "Duration of trial participation per participant", "Additional description of duration",
    "Independent committees", "Other committees",
)
#: Every M11 title-page field the synopsis prints (REPORT.md §3.3).
M11_TITLE = (
    "Trial acronym", "Sponsor protocol identifier", "Original protocol", "Version number",
    "Version date", "Amendment identifier", "Amendment scope",
    "Sponsor investigational product code(s)", "Investigational product name(s)",
    "Device manufacturer", "Trial phase", "Trial short title", "Sponsor name",
    "Sponsor legal address", "Co-sponsors and collaborators", "Regulatory and trial identifiers",
    "Sponsor approval",
)


def _in_order(text: str, items: tuple[str, ...]) -> None:
    words = " ".join(text.split())
    at = 0
    for item in items:
        found = words.find(item, at)
        assert found >= 0, f"{item!r} missing or out of order"
        at = found + len(item)


@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_m11_section_one_in_step4_order(seed_pdfs: dict[str, Any], seed: str) -> None:
    pages = texts(seed_pdfs[seed][0])
    text = "\n".join(pages)
    _in_order(pages[0], M11_TITLE)
    _in_order(text, M11_ORDER)
    section = text[text.index("1.1.2 Overall Design"):text.index("1.2 Trial Schema")]
    _in_order(section, M11_DESIGN)
    # The old numbering (schema as 2, schedule as 3, contacts as 4) is gone.
    for old in ("2 Trial schema", "3 Schedule of activities", "4 Contacts and sites"):
        assert old not in text


def test_synopsis_sections(seed_pdfs: dict[str, Any]) -> None:
    text = "\n".join(texts(seed_pdfs["mda5-rpild-nebulized-exosomes"][0]))
    # Line breaks depend on the fonts and WeasyPrint's layout; the words do not.
    words = " ".join(text.split())
    assert "Inhalation" in words and "daily for 14 days" in words
    assert "within 30 days post-treatment" in words


def test_rich_spec_is_not_a_draft(rich: pypdf.PdfReader) -> None:
    assert load(RICH)[1] == [], "the rich fixture should check clean; update it"
    pages = texts(rich)
    assert not any("DRAFT" in text.upper() for text in pages)
    assert all("Protocol PG-RICH-001 · Version 2.0 · 2025-03-14" in t for t in pages[1:])
    assert "What is missing" not in pages[-1]


def test_dates_come_from_the_spec(rich: pypdf.PdfReader, seed_pdfs: dict[str, Any]) -> None:
    assert rich.metadata is not None
    assert str(rich.metadata["/CreationDate"]).startswith("D:20250314")
    assert str(rich.metadata["/ModDate"]).startswith("D:20250314")
    seed_meta = seed_pdfs["als-nasal-sev"][0].metadata
    assert "/CreationDate" not in seed_meta and "/ModDate" not in seed_meta


def _fragments(page: pypdf.PageObject) -> list[tuple[str, float, float]]:
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            found.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_soa_marks_sit_under_the_right_visits(rich: pypdf.PdfReader) -> None:
    page = next(p for p in rich.pages if "1.3 Schedule of Activities" in p.extract_text())
    assert page.mediabox.width > page.mediabox.height  # a wide schedule gets a landscape page
    frags = _fragments(page)
    visits = ["Screening", "Infusion 1", "Day 7 call", "Infusion 2", "Week 8", "Week 16"]
    header_y = max(y for t, _, y in frags if t == "Infusion 1")
    columns = {t: x for t, x, y in frags if t in visits and abs(y - header_y) < 1}
    assert set(columns) == set(visits)

    # Each mark belongs to the row label nearest to it vertically: baselines inside a row
    # shift with the font's metrics and with footnote markers, rows never overlap.
    label_x = min(x for t, x, _ in frags if t == "Informed consent")
    labels = [(t, y) for t, x, y in frags if abs(x - label_x) < 1 and y < header_y]

    def marked(activity: str) -> set[str]:
        def row(y: float) -> str:
            return min(labels, key=lambda label: abs(label[1] - y))[0]

        xs = [x for t, x, y in frags if t == "X" and row(y).startswith(activity)]
        return {min(columns, key=lambda v: abs(columns[v] - x)) for x in xs}

    assert marked("Informed consent") == {"Screening"}
    assert marked("Study infusion") == {"Infusion 1", "Infusion 2"}
    assert "Day 7 call" in marked("Adverse event review")
    # Kerned words come out of text extraction split ("T elephone") or whole, by pypdf version.
    text = "".join(page.extract_text().split())
    for words in ("Telephone", "±2 days", "+21 days", "First morning void; central laboratory."):
        assert "".join(words.split()) in text


def test_chinese_site_names_use_a_cjk_font(rich: pypdf.PdfReader) -> None:
    page = next(p for p in rich.pages if "北京协和医院" in p.extract_text())
    resources: Any = page["/Resources"]
    fonts = {str(f.get_object()["/BaseFont"]) for f in resources["/Font"].values()}
    assert any("Noto-Sans-CJK" in name for name in fonts), fonts


def test_same_spec_gives_identical_bytes(rich_bytes: bytes) -> None:
    data, findings = load(RICH)
    assert PdfRenderer([data_dir("templates")]).render(data, findings) == rich_bytes


def test_estimands_and_plain_language_summary_in_1_1_1(rich: pypdf.PdfReader) -> None:
    text = " ".join(" ".join(texts(rich)).split())
    section = text[text.index("1.1.1 Primary"):text.index("1.1.2 Overall Design")]
    for words in ("Estimand EST1", "Adults with active lupus nephritis despite standard care",
                  "(arms: UC-MSC, Placebo)", "Variable (endpoint) Complete renal response",
                  "Use of rescue immunosuppression: Composite (counted as no response)",
                  "Discontinuation of infusions: Treatment policy",
                  "Difference in the proportion of participants with complete renal response",
                  "Plain-language summary", "How long will I take part?", "About 8 months."):
        assert words in section, words
    design = text[text.index("1.1.2 Overall Design"):text.index("1.2 Trial Schema")]
    assert "Stratified randomisation, 1:1; stratified by baseline proteinuria" in design
    assert "Population type With disease" in design
    assert "Site distribution Multicentre" in design
    assert "A target of 60 participants will be randomly assigned to trial intervention" in design
    assert "Independent committees Independent Data Monitoring Committee" in design


def test_parts_keep_their_own_counts(seed_pdfs: dict[str, Any]) -> None:
    """Seed 001: only Part 2's 20 are randomised; the 3+3 rules reach the PDF."""
    text = " ".join(" ".join(texts(seed_pdfs["als-nasal-sev"][0])).split())
    assert "randomized 1:1" not in text.lower().replace("randomised", "")
    assert "Part 2: randomised: 20 participants randomly assigned" in text
    assert "3+3 dose escalation" in text
    assert "Dose escalation will be stopped if DLTs are observed in more than 33%" in text


def test_criteria_keep_the_source_numbers(seed_pdfs: dict[str, Any]) -> None:
    """Seed 004's lists start at 2 on the page and in the spec; so they do in the PDF."""
    text = "\n".join(texts(seed_pdfs["ra-uc-msc"][0]))
    annex = text[text.index("Annex: Eligibility criteria"):]
    inclusion = annex[annex.index("Inclusion criteria"):annex.index("Exclusion criteria")]
    assert re.search(r"^\s*2\.\s*Age limits", inclusion, re.M)
    assert not re.search(r"^\s*1\.\s", inclusion, re.M)
    exclusion = annex[annex.index("Exclusion criteria"):]
    assert re.search(r"^\s*21\.\s*Other cases", exclusion, re.M)


@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_no_half_empty_page_mid_document(seed_pdfs: dict[str, Any], seed: str) -> None:
    """Every page between the title page and the last reaches past its middle: no forced
    break strands a heading, a table header or a short section on a page of its own."""
    reader = seed_pdfs[seed][0]
    for number, page in enumerate(reader.pages[1:-1], 2):
        height = float(page.mediabox.height)
        body = [y for text, _, y in _fragments(page)
                if not text.startswith("Page ") and 0.08 * height < y < 0.92 * height]
        assert body and min(body) < height / 2, f"page {number} is more than half empty"


def test_annex_headings_are_not_numbered(seed_pdfs: dict[str, Any]) -> None:
    text = "\n".join(texts(seed_pdfs["lupus-uc-msc"][0]))
    headings = re.findall(r"^(?:\d[\d.]* )?Annex: .*$", text, re.M)
    assert headings and all(h.startswith("Annex: ") for h in headings)
    # M11 numbering stops at 1.3: nothing after the schedule is numbered 2 or later.
    after = text[text.index("1.3 Schedule of Activities"):]
    assert not re.search(r"^[2-9](?:\.\d+)* [A-Z]", after, re.M)


def test_an_assumed_lead_sponsor_is_not_the_author(seed_pdfs: dict[str, Any]) -> None:
    """Seed 001 lists three sponsors without a lead: the PDF names all of them as author,
    and prints the chosen lead with its [assumed] mark."""
    reader = seed_pdfs["als-nasal-sev"][0]
    assert reader.metadata is not None
    author = str(reader.metadata["/Author"])
    assert "Xuanwu Hospital" in author and "Shengqi Medical Technology" in author
    words = " ".join(texts(reader)[0].split())
    assert "Xuanwu Hospital, Beijing (class: Other) [assumed]" in words
    lupus = seed_pdfs["lupus-uc-msc"][0].metadata
    assert lupus is not None and str(lupus["/Author"]) == "LiveKidney.Bio"
