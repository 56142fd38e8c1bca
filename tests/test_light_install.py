"""Without the pdf extra (no WeasyPrint) everything but the PDF works, and PDF says what to do."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import ROOT, SPECS


@pytest.fixture
def no_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if WeasyPrint were not installed: importing it fails, find_spec finds nothing."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)


@pytest.mark.parametrize("command", [
    ["build", str(SPECS)],
    ["render", str(SPECS / "ra-uc-msc.yaml")],
    ["render", str(SPECS / "ra-uc-msc.yaml"), "--to", "pdf"],
])
def test_asking_for_a_pdf_says_how_to_install_it(
    no_weasyprint: None, tmp_path: Path, command: list[str]
) -> None:
    result = CliRunner().invoke(main, [*command, "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 2
    assert "pip install 'protocolgen[pdf]'" in result.output
    assert "--to md,html,txt" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out" / "ra-uc-msc").exists()


def test_everything_else_works_without_it(no_weasyprint: None, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", str(SPECS), "-o", str(out), "--to", "md,html,txt",
                                      "-j", "1"], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    assert (out / "ra-uc-msc" / "summary.html").is_file()
    checked = CliRunner().invoke(main, ["validate", str(SPECS)], catch_exceptions=False)
    assert checked.exit_code in (0, 1) and "5 files checked" in checked.output


def test_weasyprint_is_only_in_the_pdf_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(d.startswith("weasyprint") for d in project["dependencies"])
    assert any(d.startswith("weasyprint") for d in project["optional-dependencies"]["pdf"])
