"""The schedule of activities alone: soa.xlsx read back with openpyxl, soa.docx with
python-docx, both from the PDF's SoA model; and ``render --to`` writing every new format."""

from __future__ import annotations

import io
import sys
import tomllib
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from protocolgen.cli import main
from protocolgen.render import DEFAULT_FORMATS
from protocolgen.render.soa_docx import write_soa
from protocolgen.render.soa_grid import whole
from protocolgen.render.soa_xlsx import write_soa_xlsx
from protocolgen.render.synopsis_view import Synopsis, build_synopsis
from tests.conftest import ROOT
from tests.conftest import SPECS as SPECS_DIR
from tests.render.test_docx import RICH, SEEDS, checked


@pytest.fixture(scope="module")
def view() -> Synopsis:
    return build_synopsis(*checked(RICH))


def _marks(view: Synopsis) -> int:
    return sum(x == "X" for b in view.soa.blocks for _, rows in b.groups
               for _, _, cells in rows for x in cells)


def test_whole_grid_joins_the_pdf_blocks(view: Synopsis) -> None:
    grid = whole(view.soa)
    assert len(grid.columns) == view.soa.visit_count
    assert sum(span for _, span in grid.epochs) == view.soa.visit_count
    assert all(len(cells) == view.soa.visit_count
               for _, rows in grid.groups for _, _, cells in rows)


def test_workbook_layout(view: Synopsis) -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_soa_xlsx(view)))
    sheet = book["Schedule"]
    values = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row}
    rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    visit = rows["Visit"]
    assert [sheet.cell(visit, n + 2).value for n in range(view.soa.visit_count)] == [
        c.name for c in whole(view.soa).columns]
    assert [sheet.cell(rows["Timing"], 2).value, sheet.cell(rows["Window"], 2).value] == [
        "Day −28", "+21 days"]
    merged = list(sheet.merged_cells.ranges)
    assert merged and all(r.min_row == r.max_row == rows["Epoch"] for r in merged)
    assert sum(r.max_col - r.min_col + 1 for r in merged) + (
        len(whole(view.soa).epochs) - len(merged)) == view.soa.visit_count
    assert values[(rows["Epoch"], 2)] == "Screening"
    assert sheet.freeze_panes == f"B{rows['Window'] + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sum(v == "X" for v in values.values()) == _marks(view)
    footnotes = [v for v in values.values() if isinstance(v, str) and v.startswith("[a] ")]
    assert footnotes == [f"[a] {view.soa.footnotes[0][1]}"]
    assert "Endpoints" in rows


def test_workbook_keeps_formulas_as_text(view: Synopsis) -> None:
    soa = view.soa
    name, marks, cells = soa.blocks[0].groups[0][1][0]
    soa.blocks[0].groups[0][1][0] = ('=HYPERLINK("http://x","y")', marks, cells)
    try:
        book = openpyxl.load_workbook(io.BytesIO(write_soa_xlsx(view)))
    finally:
        soa.blocks[0].groups[0][1][0] = (name, marks, cells)
    cell = next(c for row in book["Schedule"].iter_rows() for c in row
                if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.data_type == "s" and cell.quotePrefix


def test_word_schedule_is_landscape_with_repeating_header_rows(view: Synopsis) -> None:
    document = docx.Document(io.BytesIO(write_soa(view)))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "Schedule of Activities"]
    (table,) = document.tables
    head = [tr for tr in table._tbl.tr_lst if tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(head) == 4  # epoch, visit, timing, window
    epoch_cells = table._tbl.tr_lst[0].tc_lst
    assert sum(tc.grid_span for tc in epoch_cells) == view.soa.visit_count + 1
    assert len(epoch_cells) < view.soa.visit_count + 1  # merged over their visits
    text = [c.text for row in table.rows for c in row.cells]
    assert text.count("X") == _marks(view)


def test_same_schedule_same_bytes(view: Synopsis) -> None:
    assert write_soa(view) == write_soa(view)
    assert write_soa_xlsx(view) == write_soa_xlsx(view)


def test_render_writes_every_new_format(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["render", *map(str, SEEDS), "--to", "docx,soa-docx,soa-xlsx", "-o", str(out),
            "-j", "1"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for spec in SEEDS:
        folder = out / spec.stem
        assert sorted(p.name for p in folder.iterdir()) == [
            "soa.docx", "soa.xlsx", "synopsis.docx"]
        document = docx.Document(str(folder / "synopsis.docx"))
        assert "1.3 Schedule of Activities" in [p.text for p in document.paragraphs]
        assert openpyxl.load_workbook(folder / "soa.xlsx")["Schedule"]["A3"].value


def test_word_formats_say_how_to_install_python_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    result = CliRunner().invoke(main, ["render", str(SEEDS[0]), "--to", "docx", "-o",
                                       str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "pip install 'protocolgen[word]'" in result.output
    assert not (tmp_path / "out" / SEEDS[0].stem).exists()


def test_build_in_a_pool_writes_word_files_and_rebuilds_byte_identical(tmp_path: Path) -> None:
    args = ["--to", "md,docx,soa-docx,soa-xlsx", "-j", "2"]
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(SPECS_DIR), "-o", str(tmp_path / "a"), *args],
                          catch_exceptions=False)
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["build", str(SPECS_DIR), "-o", str(tmp_path / "a"), *args])
    assert "up to date" in again.output
    runner.invoke(main, ["build", str(SPECS_DIR), "-o", str(tmp_path / "b"), *args])
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*x"))
    assert len(files) == 3 * len(SEEDS)
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_default_formats_include_the_word_synopsis() -> None:
    assert "docx" in DEFAULT_FORMATS and "soa-xlsx" not in DEFAULT_FORMATS


def test_python_docx_is_only_in_the_word_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(d.startswith("python-docx") for d in project["dependencies"])
    assert any(d.startswith("python-docx") for d in project["optional-dependencies"]["word"])


def test_the_workbook_needs_no_python_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    result = CliRunner().invoke(main, ["render", str(SEEDS[0]), "--to", "md,soa-xlsx", "-o",
                                       str(tmp_path / "out"), "-j", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / SEEDS[0].stem / "soa.xlsx").is_file()
