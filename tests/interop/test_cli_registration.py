"""``protocolgen`` itself offers the interop commands."""

from __future__ import annotations

from click.testing import CliRunner

from protocolgen.cli import main


def test_import_and_export_are_registered() -> None:
    result = CliRunner().invoke(main, ["import", "ctgov", "--help"], catch_exceptions=False)
    assert result.exit_code == 0 and "-o, --output" in result.stdout
    result = CliRunner().invoke(main, ["export", "ctgov", "--help"], catch_exceptions=False)
    assert result.exit_code == 0
