"""diff_specs and matching on small data: the rules behind the seed-edit tests."""

from __future__ import annotations

from protocolgen.diff import diff_specs
from protocolgen.diff.matching import field_key, match, text_key


def labels(old: dict[str, object], new: dict[str, object]) -> list[str]:
    return [c.label for c in diff_specs(old, new)]


def test_match_pairs_by_key_then_value_then_position() -> None:
    found = match(["a", "b", "c"], ["c", "a", "b2"], [text_key()], pair_leftovers=True)
    assert found.pairs == ((2, 0), (0, 1), (1, 2))
    assert (found.added, found.removed) == ((), ())
    by_id = match([{"id": "X"}], [{"id": "Y"}], [field_key("id")], pair_leftovers=False)
    assert (by_id.pairs, by_id.added, by_id.removed) == ((), (0,), (0,))


def test_criterion_gaining_an_id_is_not_a_text_change() -> None:
    old = {"eligibility": {"inclusion": ["Adult", "Consent"]}}
    new = {"eligibility": {"inclusion": [{"id": "IC2", "text": "Consent"}, "Adult"]}}
    assert labels(old, new) == ["Inclusion criterion 1 id added"]


def test_absent_and_empty_are_the_same() -> None:
    assert labels({"outcomes": {"primary": []}}, {"outcomes": {"primary": [], "other": []}}) == []
    assert labels({"description": {"brief_summary": ""}}, {"description": {}}) == []


def test_boolean_is_not_a_number() -> None:
    assert labels({"oversight": {"has_dmc": True}}, {"oversight": {"has_dmc": 1}}) == [
        "Data monitoring committee Yes → 1"
    ]


def test_renamed_id_pairs_by_label_and_unknown_keys_are_compared() -> None:
    old = {"arms": [{"id": "A1", "label": "Placebo"}], "extra": 1}
    new = {"arms": [{"id": "P1", "label": "Placebo"}], "extra": 2}
    assert labels(old, new) == ["Arm 'Placebo' id A1 → P1", "Extra 1 → 2"]


def test_ages_dates_and_codes_read_like_the_registry() -> None:
    old = {
        "status": {"start_date": {"date": "2024-12-01", "type": "ESTIMATED"}},
        "eligibility": {"maximum_age": "no_limit"},
        "design": {"masking": {"type": "NONE"}},
    }
    new = {
        "status": {"start_date": {"date": "2025-01-15", "type": "ESTIMATED"}},
        "eligibility": {"maximum_age": {"value": 75, "unit": "YEARS"}},
        "design": {"masking": {"type": "DOUBLE"}},
    }
    assert labels(old, new) == [
        "Start date 2024-12-01 → 2025-01-15 (estimated)",
        "Masking None (Open Label) → Double",
        "Maximum age No limit → 75 Years",
    ]


def test_estimands_and_plain_language_questions_are_named() -> None:
    est = {"id": "E1", "population": "Adults", "treatment": "A vs B", "variable": "O1",
           "summary_measure": "Difference in means",
           "intercurrent_events": [{"event": "Rescue", "strategy": "TREATMENT_POLICY"}]}
    changed = {**est, "summary_measure": "Ratio of means",
               "intercurrent_events": [{"event": "Rescue", "strategy": "HYPOTHETICAL"}]}
    old = {"objectives": [{"id": "OBJ1", "text": "T", "estimands": [est]}],
           "description": {"plain_language_summary": {"questions": [
               {"question": "How long?", "answer": "8 months"}]}}}
    new = {"objectives": [{"id": "OBJ1", "text": "T", "estimands": [changed]}],
           "description": {"plain_language_summary": {"questions": [
               {"question": "How long?", "answer": "9 months"}]}}}
    assert labels(old, new) == [
        "Question 'How long?' answer 8 → 9 months",
        "Objective 'T' estimand 'E1' summary measure Difference in → Ratio of means",
        "Objective 'T' estimand 'E1' intercurrent event 'Rescue' strategy "
        "Treatment policy → Hypothetical",
    ]
