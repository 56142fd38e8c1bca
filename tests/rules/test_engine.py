"""The rule engine: registry metadata, `rules`/`coverage` commands, config, suppressions."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen import api
from protocolgen.cli import main
from protocolgen.config import key_position
from protocolgen.rules import RULES
from tests.conftest import CASES, MINIMAL_SPEC, SPECS


def _codes(path: Path, **options: object) -> list[str]:
    report = api.check_source(str(path), **options).report  # type: ignore[arg-type]
    return [d.code for d in report.diagnostics]


def test_every_rule_is_documented_with_examples() -> None:
    for rule in RULES.values():
        assert rule.explanation and rule.title, rule.code
        assert rule.passing and rule.failing, f"{rule.code} needs a passing and failing example"


def test_every_new_rule_has_a_failing_case() -> None:
    expected = "".join(p.read_text() for p in CASES.glob("*/*/expected.txt"))
    for code in RULES:
        if code >= "PG400":
            assert f" {code} " in expected, f"no case under tests/cases fails {code}"


def test_minimal_spec_has_no_findings(write_spec) -> None:  # type: ignore[no-untyped-def]
    assert _codes(write_spec(MINIMAL_SPEC)) == []


def test_rules_lists_and_explains() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["rules"], catch_exceptions=False)
    assert listing.exit_code == 0 and "PG402" in listing.output
    data = json.loads(runner.invoke(main, ["rules", "--format", "json"]).output)
    assert {r["code"] for r in data} == set(RULES)
    one = runner.invoke(main, ["rules", "pg420"], catch_exceptions=False)
    assert "Passes:" in one.output and "Fails:" in one.output
    assert runner.invoke(main, ["rules", "PG999"]).exit_code == 2


def test_coverage_matrix_formats() -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["coverage", str(SPECS)], catch_exceptions=False).output
    assert "who-trds" in text and "ra-uc-msc.yaml" in text
    md = runner.invoke(main, ["coverage", str(SPECS), "--format", "markdown"]).output
    assert md.startswith("| spec |")
    data = json.loads(
        runner.invoke(
            main, ["coverage", str(SPECS), "--profile", "ctgov", "--format", "json"]
        ).output
    )
    assert data["profiles"] == ["ctgov"] and len(data["specs"]) == 5


def test_validate_profile_flag_adds_items_and_coverage() -> None:
    runner = CliRunner()
    spec = str(SPECS / "ra-uc-msc.yaml")
    result = runner.invoke(main, ["validate", "--profile", "who-trds,ctgov", spec])
    assert "PG702" in result.output and "PG701" in result.output
    assert result.output.count("PG700") == 2 and result.exit_code == 0
    bad = runner.invoke(main, ["validate", "--profile", "nope", spec])
    assert bad.exit_code == 2


def test_cli_flag_beats_config(tmp_path: Path) -> None:
    (tmp_path / "protocolgen.toml").write_text('profiles = ["who-trds"]\n')
    spec = tmp_path / "spec.yaml"
    spec.write_text(MINIMAL_SPEC)
    assert "PG702" in _codes(spec)
    assert _codes(spec, profiles=[]) == []


def test_nearest_config_wins_and_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # inside a repository (outside, the first pyproject ends it)
    (tmp_path / "protocolgen.toml").write_text('profiles = ["who-trds"]\n')
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.protocolgen]\nprofiles = ["ctgov"]\n')
    spec = inner / "spec.yaml"
    spec.write_text(MINIMAL_SPEC)
    codes = _codes(spec)
    assert "PG701" in codes and "PG702" not in codes


def test_explicit_config_and_dedup(tmp_path: Path) -> None:
    cfg = tmp_path / "elsewhere.toml"
    cfg.write_text("bogus = 1\n")
    specs = []
    for name in ("a.yaml", "b.yaml"):
        specs.append(str(tmp_path / name))
        (tmp_path / name).write_text(MINIMAL_SPEC)
    checked = api.check(specs, config_path=str(cfg))
    codes = [d.code for c in checked for d in c.report.diagnostics]
    assert codes == ["PG802"]


def test_key_position_skips_other_tables() -> None:
    text = '[tool.ruff]\nselect = ["E"]\n\n[tool.protocolgen]\nselect = ["PG4"]\n'
    assert key_position(text, "select", text.index("[tool.protocolgen")) == (5, 1)


def test_today_is_injected(write_spec) -> None:  # type: ignore[no-untyped-def]
    spec = MINIMAL_SPEC.replace(
        "  overall: COMPLETED\n",
        "  overall: NOT_YET_RECRUITING\n  start_date: {date: '2030-01-01', type: ESTIMATED}\n",
    )
    path = write_spec(spec)
    assert "PG403" not in _codes(path, today=date(2029, 1, 1))
    assert "PG403" in _codes(path, today=date(2031, 1, 1))


@pytest.mark.parametrize(
    ("comment_line", "expected"),
    [
        ("  overall: RECRUITING  # protocolgen: ignore[PG304]\n", ["PG305"]),
        ("status:  # protocolgen: ignore[PG304 PG305]\n  overall: RECRUITING\n", []),
        ("  overall: RECRUITING  # protocolgen: ignore[PG304, PG301]\n", ["PG305", "PG804"]),
    ],
)
def test_suppressions(write_spec, comment_line: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    status = "status:\n  overall: COMPLETED\n"
    replacement = comment_line if comment_line.startswith("status") else "status:\n" + comment_line
    path = write_spec(MINIMAL_SPEC.replace(status, replacement))
    assert sorted(_codes(path)) == expected


def test_ignored_rule_suppression_is_not_unused(tmp_path: Path) -> None:
    (tmp_path / "protocolgen.toml").write_text('ignore = ["PG601"]\n')
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        MINIMAL_SPEC.replace("Minimal trial", "Minimal trial  # protocolgen: ignore[PG601]")
    )
    assert _codes(spec) == []


def test_a_linked_spec_takes_the_configuration_of_the_folder_it_really_is_in(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    real, named = tmp_path / "a", tmp_path / "b"
    real.mkdir()
    named.mkdir()
    (real / "protocolgen.toml").write_text('profiles = ["who-trds"]\n')
    (real / "spec.yaml").write_text(MINIMAL_SPEC)
    (named / "plain.yaml").write_text(MINIMAL_SPEC)
    (named / "link.yaml").symlink_to(real / "spec.yaml")
    checked = api.check([str(named / "plain.yaml"), str(named / "link.yaml")])
    codes = [[d.code for d in c.report.diagnostics] for c in checked]
    assert "PG702" not in codes[0] and "PG702" in codes[1]


def test_a_pyproject_table_in_another_file_says_where_the_settings_go(tmp_path: Path) -> None:
    config = tmp_path / "ci.toml"
    config.write_text('[tool.protocolgen]\nprofiles = ["who-trds"]\n')
    spec = tmp_path / "spec.yaml"
    spec.write_text(MINIMAL_SPEC)
    report = api.check_source(str(spec), config_path=str(config)).report
    (finding,) = [d for d in report.diagnostics if d.code == "PG802"]
    assert "read from pyproject.toml only" in finding.message and finding.line == 1
    assert "PG702" not in [d.code for d in report.diagnostics]  # nothing half-applied
