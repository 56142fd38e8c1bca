"""The Excel report, read back with openpyxl as a reviewer's spreadsheet would read it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from protocolgen.cli import main
from protocolgen.codes import catalogue
from protocolgen.diagnostics import Diagnostic, FileReport, Severity, Summary
from protocolgen.reporters.xlsx import HEADER, CoverageTable, XlsxReporter
from tests.conftest import SPECS


def workbook(reports: list[FileReport], coverage: CoverageTable | None = None) -> Workbook:
    data = XlsxReporter(coverage=coverage).render(reports, Summary.of(reports))
    return load_workbook(io.BytesIO(data))


def hostile() -> list[FileReport]:
    return [FileReport("specs/a, b.yaml", [
        Diagnostic("specs/a, b.yaml", 3, 7, "PG103", Severity.ERROR,
                   '=HYPERLINK("http://evil","x")', "+1 then -2"),
        Diagnostic("specs/a, b.yaml", 9, 1, "PG301", Severity.WARNING, "@SUM(A1)\x01bell", ""),
        Diagnostic("=cmd|' /C calc'!A0", 1, 1, "PG999", Severity.INFO, "-10 days", "\tx"),
    ])]


def test_one_row_per_finding_with_every_column() -> None:
    book = workbook(hostile())
    sheet = book["Findings"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADER
    names = catalogue()
    assert rows[1][:6] == ("specs/a, b.yaml", 3, 7, "PG103", "error", names["PG103"].name)
    assert rows[2][3:6] == ("PG301", "warning", names["PG301"].name)
    assert rows[3][5] in ("", None)  # an unknown code has no rule name
    assert len(rows) == 4
    assert book.sheetnames == ["Findings"]  # no profiles: no coverage sheet


def test_cells_that_would_start_a_formula_stay_text() -> None:
    sheet = workbook(hostile())["Findings"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    message, hint = sheet["G2"], sheet["H2"]
    assert message.value == '=HYPERLINK("http://evil","x")' and message.quotePrefix
    assert hint.value == "+1 then -2" and hint.quotePrefix
    assert sheet["A4"].value == "=cmd|' /C calc'!A0" and sheet["A4"].quotePrefix
    assert sheet["G4"].quotePrefix and sheet["H4"].quotePrefix
    # A control character XML cannot hold is shown, not dropped and not a crash.
    assert sheet["G3"].value == "@SUM(A1)\\x01bell" and sheet["G3"].quotePrefix
    assert not sheet["F2"].quotePrefix


def test_frozen_header_filters_and_widths() -> None:
    sheet = workbook(hostile())["Findings"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H4"
    assert sheet.column_dimensions["G"].width >= 60
    assert sheet.column_dimensions["B"].width < sheet.column_dimensions["A"].width
    assert sheet["A1"].font.b


def test_coverage_sheet() -> None:
    table = CoverageTable(["ctgov", "who-trds"], [
        ("a.yaml", {"ctgov": (3, 4), "who-trds": (0, 0)}),
        ("b.yaml", {"ctgov": None, "who-trds": None}),
    ])
    sheet = workbook(hostile(), table)["Coverage"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("spec", "ctgov met", "ctgov applicable", "ctgov %")
    assert rows[1] == ("a.yaml", 3, 4, 0.75, 0, 0, None)
    assert rows[2][:2] == ("b.yaml", "invalid")
    assert sheet["D2"].number_format == "0%"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:G3"


def test_same_findings_same_bytes_with_no_clock_in_them() -> None:
    reports = hostile()
    first = XlsxReporter().render(reports, Summary.of(reports))
    assert XlsxReporter().render(reports, Summary.of(reports)) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("1980-01-01T00:00:00Z") == 2


def test_cli_writes_the_workbook_with_coverage_for_the_chosen_profiles(tmp_path: Path) -> None:
    target = tmp_path / "findings.xlsx"
    args = ["validate", str(SPECS), "--format", "xlsx", "-o", str(target),
            "--profile", "ctgov,who-trds", "--exit-zero"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    assert book.sheetnames == ["Findings", "Coverage"]
    specs = {row[0] for row in book["Coverage"].iter_rows(min_row=2, values_only=True)}
    assert specs == {str(p) for p in SPECS.glob("*.yaml")}
    codes = [row[3] for row in book["Findings"].iter_rows(min_row=2, values_only=True)]
    assert "PG700" in codes


def test_cli_refuses_a_workbook_on_standard_output() -> None:
    result = CliRunner().invoke(main, ["validate", str(SPECS), "--format", "xlsx"])
    assert result.exit_code == 2
    assert "-o findings.xlsx" in result.output
    assert "Traceback" not in result.output


def test_workbook_next_to_text_output(tmp_path: Path) -> None:
    target = tmp_path / "f.xlsx"
    args = ["validate", str(SPECS), "--format", "xlsx", "-o", str(target), "--format", "concise"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code in (0, 1) and "PG" in result.output
    assert load_workbook(target)["Findings"].max_row > 1
