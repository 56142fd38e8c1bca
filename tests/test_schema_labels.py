"""The schema's enum labels come from the label table the summaries print, and never drift."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from protocolgen import labels, schema_labels
from protocolgen.resources import schema_path, trial_schema


def test_the_schema_file_is_up_to_date_with_the_label_tables() -> None:
    text = schema_path().read_text(encoding="utf-8")
    assert schema_labels.labelled(text) == text, "run `make schema`"


def test_every_enum_has_a_label_table() -> None:
    assert schema_labels.unmapped(trial_schema()) == []


@pytest.mark.parametrize(("path", "codes"), list(schema_labels.enums(trial_schema())))
def test_every_code_has_its_summary_label_and_a_meaning(path: str, codes: list[str]) -> None:
    table = schema_labels.ENUM_TABLES[path]
    node = trial_schema()
    for part in path.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    assert len(node["enumDescriptions"]) == len(codes) == len(node["markdownEnumDescriptions"])
    for code, plain, markdown in zip(
        codes, node["enumDescriptions"], node["markdownEnumDescriptions"], strict=True
    ):
        assert code in getattr(labels, table), f"{code} has no label in labels.{table}"
        shown = labels.label(getattr(labels, table), code)
        shown = shown if isinstance(shown, str) else shown[1]
        meaning = schema_labels.meanings()[table][code]
        assert plain == f"{shown}: {meaning}"
        assert markdown == f"**{shown}** — {meaning}"


def test_no_meaning_is_left_for_a_code_the_tables_do_not_have() -> None:
    for table, meanings in schema_labels.meanings().items():
        assert set(meanings) <= set(getattr(labels, table)), table


def test_generator_inserts_replaces_and_is_idempotent() -> None:
    text = schema_path().read_text(encoding="utf-8")
    bare = re.sub(r', "(markdownE|e)numDescriptions": \[[^\]]*\]', "", text)
    assert "enumDescriptions" not in bare
    once = schema_labels.labelled(bare)
    assert once == text
    assert schema_labels.labelled(once) == once
    # A label changed in the table is rewritten in place, leaving everything else as it is.
    stale = text.replace('"Not yet recruiting: ', '"Not recruiting yet: ')
    assert schema_labels.labelled(stale) == text


def test_an_enum_without_a_table_is_left_alone_and_reported() -> None:
    text = json.dumps({"properties": {"x": {"enum": ["A", "B"]}}})
    assert schema_labels.labelled(text) == text
    assert schema_labels.unmapped(json.loads(text)) == ["/properties/x"]


def test_check_mode_reports_an_up_to_date_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert schema_labels.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("date", "valid"),
    [("2025", True), ("2025-12", True), ("2025-01-31", True), ("2025-13", False),
     ("2025-00-10", False), ("2025-04-32", False), ("2025-04-00", False), ("25-04-01", False)],
)
def test_the_date_pattern_refuses_month_13_and_day_32(date: str, valid: bool) -> None:
    pattern = trial_schema()["$defs"]["partial_date"]["pattern"]
    assert bool(re.search(pattern, date)) is valid
    checker = Draft202012Validator({"type": "string", "pattern": pattern})
    assert checker.is_valid(date) is valid
