"""Specs are read with the YAML 1.2 core schema, as yaml-language-server reads them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from protocolgen import api
from protocolgen.loading import load_text


def value(text: str) -> object:
    result = load_text(f"v: {text}\n", "s.yaml")
    assert result.document is not None, result.diagnostics
    return result.document.data["v"]


@pytest.mark.parametrize("text", ["yes", "no", "NO", "Yes", "on", "off", "y", "n", "Off"])
def test_yaml_1_1_booleans_are_text(text: str) -> None:
    assert value(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False)],
)
def test_only_core_words_are_booleans(text: str, expected: bool) -> None:
    assert value(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("010", 10), ("-7", -7), ("+3", 3), ("0o17", 15), ("0x1F", 31), ("1_000", "1_000"),
     ("1:30", "1:30"), ("0b11", "0b11"), ("1.5", 1.5), (".5", 0.5), ("1e3", 1000.0),
     ("2025-04-15", "2025-04-15"), ("~", None), ("Null", None), ("", None)],
)
def test_numbers_and_nulls_follow_yaml_1_2(text: str, expected: object) -> None:
    assert value(text) == expected


def test_special_floats() -> None:
    assert value(".inf") == math.inf
    assert value("-.Inf") == -math.inf
    assert math.isnan(value(".NaN"))  # type: ignore[arg-type]


def test_explicit_tag_on_text_of_another_type_is_a_finding() -> None:
    result = load_text("v: !!bool yes\n", "s.yaml")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("PG014", 1, 4)]


def findings_with(tmp_path: Path, extra: str) -> list[tuple[str, str]]:
    """(code, pointer) of the findings of a seed spec with ``extra`` YAML appended."""
    spec = tmp_path / "trial.yaml"
    text = Path("specs/lupus-uc-msc.yaml").read_text(encoding="utf-8")
    spec.write_text(text + extra, encoding="utf-8")
    (checked,) = api.check([str(spec)])
    return [(d.code, d.pointer) for d in checked.report.diagnostics]


def test_no_and_yes_are_the_code_and_the_text_they_look_like(tmp_path: Path) -> None:
    found = findings_with(tmp_path, "ipd_sharing:\n  plan: NO\n  description: yes\n")
    assert not [f for f in found if f[1].startswith("/ipd_sharing")]


def test_yes_for_a_boolean_is_a_type_finding(tmp_path: Path) -> None:
    found = findings_with(tmp_path, "oversight:\n  has_dmc: yes\n")
    assert [f for f in found if f[0] == "PG104"] == [("PG104", "/oversight/has_dmc")]


@pytest.mark.parametrize("text", ["01852", "true", "NO", "yes", "1e3", "0x1F", "~", "", ".inf",
                                  "1_000", "plain words"])
def test_spec_writer_output_reads_back_as_the_same_text(text: str) -> None:
    import yaml

    from protocolgen.interop.yaml_writer import SpecDumper

    written = yaml.dump({"v": text}, Dumper=SpecDumper)
    assert value(written.removeprefix("v: ").rstrip("\n")) == text
