"""Schema findings: plain-language messages at the right line, and a schema editors can use."""

from __future__ import annotations

from typing import Any

import pytest

from protocolgen import schema
from protocolgen.diagnostics import Diagnostic
from protocolgen.loading import load_text
from protocolgen.resources import trial_schema


def check(text: str) -> list[Diagnostic]:
    result = load_text(text, "spec.yaml")
    assert result.document is not None, result.diagnostics
    return schema.check(result.document)


def replace(spec: str, old: str, new: str) -> str:
    assert old in spec, old
    return spec.replace(old, new, 1)


def test_minimal_spec_is_schema_valid(minimal_spec: str) -> None:
    assert check(minimal_spec) == []


def test_enum_error_suggests_the_code_meant(minimal_spec: str) -> None:
    spec = replace(minimal_spec, "type: EXPERIMENTAL", "type: experimental")
    (finding,) = check(spec)
    assert finding.code == "PG103"
    assert finding.message.startswith(
        "'arms[0].type' must be one of EXPERIMENTAL, ACTIVE_COMPARATOR"
    )
    assert finding.message.endswith("did you mean EXPERIMENTAL?")
    assert (finding.line, finding.column) == (21, 35)


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Phase 1", "PHASE1"), ("single group", "SINGLE_GROUP"), ("RECRUTING", "RECRUITING")],
)
def test_suggestions_from_display_labels_and_typos(written: str, meant: str) -> None:
    choices = ["PHASE1", "PHASE2", "SINGLE_GROUP", "PARALLEL", "RECRUITING", "COMPLETED"]
    assert schema.suggest(written, choices) == meant


def test_missing_required_key_points_at_its_parent_and_names_it(minimal_spec: str) -> None:
    spec = replace(minimal_spec, "  sex: ALL\n", "")
    (finding,) = check(spec)
    assert finding.code == "PG101"
    assert finding.message == "'eligibility' is missing the required key 'sex'"
    assert (finding.line, finding.column) == (27, 1)  # the 'eligibility:' key
    assert "ALL, FEMALE or MALE" in finding.hint


def test_missing_top_level_section_points_at_the_first_key(minimal_spec: str) -> None:
    spec = replace(minimal_spec, "conditions: [Lupus]\n", "")
    (finding,) = check(spec)
    assert finding.message == "the spec is missing the required key 'conditions'"
    assert (finding.line, finding.column) == (2, 1)  # after the modeline comment


def test_unknown_key_is_reported_at_the_key_with_a_spelling_hint(minimal_spec: str) -> None:
    spec = replace(minimal_spec, "  brief_title:", "  brief_titel:")
    findings = check(spec)
    unknown = [f for f in findings if f.code == "PG102"]
    assert len(unknown) == 1
    assert unknown[0].message == "unknown key 'brief_titel' in 'identification'"
    assert unknown[0].hint == "Did you mean 'brief_title'?"
    assert (unknown[0].line, unknown[0].column) == (4, 3)


def test_wrong_type_explains_the_yaml_reading(minimal_spec: str) -> None:
    spec = replace(minimal_spec, "name: UC-MSC", "name: False")
    (finding,) = check(spec)
    assert finding.code == "PG104"
    assert finding.message == "'interventions[0].name' must be text, not false (a true/false value)"
    assert "put it in quotes: 'False'" in finding.hint
    # YAML 1.2, as editors read it: 'no' is the text it looks like.
    assert check(replace(minimal_spec, "name: UC-MSC", "name: no")) == []


def test_count_written_as_words(minimal_spec: str) -> None:
    spec = replace(minimal_spec, "count: 10", "count: ten")
    (finding,) = check(spec)
    assert finding.message == "'design.enrollment.count' must be a whole number, not the text 'ten'"


def test_bad_date_form(minimal_spec: str) -> None:
    spec = replace(
        minimal_spec,
        "status:\n  overall: COMPLETED\n",
        "status:\n  overall: COMPLETED\n  verified_date: 15/04/2025\n",
    )
    (finding,) = check(spec)
    assert finding.code == "PG105"
    assert "is not a date" in finding.message and "YYYY-MM-DD" in finding.hint


def test_one_of_reports_the_branch_the_author_meant(minimal_spec: str) -> None:
    spec = replace(
        minimal_spec, "minimum_age: {value: 18, unit: YEARS}", "minimum_age: {value: 18}"
    )
    (finding,) = check(spec)
    assert finding.code == "PG101"
    assert finding.message == "'eligibility.minimum_age' is missing the required key 'unit'"


def test_one_of_with_no_matching_shape(minimal_spec: str) -> None:
    spec = replace(minimal_spec, "inclusion: [Adult]", "inclusion: [42]")
    (finding,) = check(spec)
    assert finding.code == "PG100"
    assert "Criterion text or Identified criterion" in finding.message


def test_spec_version_must_be_one(minimal_spec: str) -> None:
    spec = replace(minimal_spec, "spec_version: 1", "spec_version: 2")
    (finding,) = check(spec)
    assert finding.code == "PG103" and finding.message == "'spec_version' must be 1"


def _properties(node: Any, path: str) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            found.append((f"{path}/{name}", sub))
        for key, sub in node.items():
            if key != "properties":
                found.extend(_properties(sub, f"{path}/{key}"))
        for name, sub in node.get("properties", {}).items():
            found.extend(_properties(sub, f"{path}/{name}"))
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            found.extend(_properties(sub, f"{path}/{index}"))
    return found


def test_every_property_has_a_title_and_description_for_editors() -> None:
    root = trial_schema()
    missing = []
    for where, prop in _properties(root, ""):
        target = prop
        ref = prop.get("$ref", "")
        if ref.startswith("#/$defs/"):
            target = {**root["$defs"][ref.removeprefix("#/$defs/")], **prop}
        if not (target.get("title") and target.get("description")):
            missing.append(where)
    assert missing == []


def test_objects_reject_unknown_keys() -> None:
    def objects(node: Any) -> list[dict[str, Any]]:
        if isinstance(node, dict):
            own = [node] if node.get("type") == "object" else []
            return own + [o for v in node.values() for o in objects(v)]
        if isinstance(node, list):
            return [o for v in node for o in objects(v)]
        return []

    loose = [
        o.get("title", "?")
        for o in objects(trial_schema())
        if o.get("additionalProperties") is not False and "additionalProperties" not in o
    ]
    assert loose == []


def test_missing_key_hint_spots_the_misspelt_key(minimal_spec: str) -> None:
    spec = replace(minimal_spec, "  healthy_volunteers: false", "  healthy_volunteer: false")
    missing = [f for f in check(spec) if f.code == "PG101"]
    assert (
        missing[0].hint == "'healthy_volunteer' looks like a misspelling of 'healthy_volunteers'."
    )
