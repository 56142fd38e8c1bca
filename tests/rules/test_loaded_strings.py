"""The strings the loader lists while parsing, which the text rules read instead of walking
the spec again: the same strings at the same pointers, or none when they could differ."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from protocolgen import schema
from protocolgen.diagnostics import Severity
from protocolgen.loading import load_path, load_text
from protocolgen.rules import base
from protocolgen.rules.base import RULES
from tests.conftest import CASES, MINIMAL_SPEC, SPECS

SOURCES = sorted([*SPECS.glob("*.yaml"), *CASES.rglob("*.yaml")])
LINK = "links:\n  - &site {url: 'https://a.example', description: TBD}\n"
ALIASED = MINIMAL_SPEC + LINK + "  - *site\n"
TEXT_RULES = [code for code, rule in RULES.items() if rule.family == "text_quality"]


def _walk(node: Any, pointer: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if not isinstance(node, (dict, list)):
        return found
    pairs = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in pairs:
        here = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
        found += [(here, value)] if isinstance(value, str) else _walk(value, here)
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_listed_strings_are_the_strings_of_the_data(path: Path) -> None:
    doc = load_path(path).document
    if doc is None or doc.strings is None:
        pytest.skip("not a parsed spec, or one whose strings the loader does not list")
    assert doc.strings == _walk(doc.data)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_text_rules_find_the_same_with_listed_and_walked_strings(path: Path) -> None:
    doc = load_path(path).document
    if doc is None or any(d.severity is Severity.ERROR for d in schema.check(doc)):
        pytest.skip("rules run on schema-valid specs only")
    listed = base.run_rules(doc, [RULES[code] for code in TEXT_RULES], today=date(2025, 1, 1))
    walked = [
        (code, f.pointer, f.message) for code in TEXT_RULES for f in RULES[code].check(doc.data)
    ]
    assert [(d.code, d.pointer, d.message) for d in listed] == walked


def test_aliases_and_duplicates_fall_back_to_walking_the_data() -> None:
    assert load_text(ALIASED, "a.yaml").document.strings is None  # type: ignore[union-attr]
    duplicate = MINIMAL_SPEC.replace("conditions: [Lupus]", "conditions: [A]\nconditions: [TBD]")
    assert load_text(duplicate, "d.yaml").document.strings is None  # type: ignore[union-attr]
    scalar = MINIMAL_SPEC.replace("brief_title: Minimal trial", "brief_title: &t Minimal trial")
    scalar += "ipd_sharing: {plan: NO, description: *t}\n"
    doc = load_text(scalar, "s.yaml").document
    assert doc is not None and doc.strings is not None
    assert ("/ipd_sharing/description", "Minimal trial") in doc.strings


def test_a_leftover_in_an_aliased_mapping_is_reported_at_each_place() -> None:
    doc = load_text(ALIASED, "a.yaml").document
    assert doc is not None
    found = base.run_rules(doc, [RULES["PG501"]], today=date(2025, 1, 1))
    assert [d.pointer for d in found] == ["/links/0/description", "/links/1/description"]


def test_registry_record_text_is_not_trial_content() -> None:
    spec = MINIMAL_SPEC + "registry_record:\n  source: 'Loading... TBD'\n" + LINK
    doc = load_text(spec, "r.yaml").document
    assert doc is not None and doc.strings is not None
    found = base.run_rules(doc, [RULES["PG501"]], today=date(2025, 1, 1))
    assert [d.pointer for d in found] == ["/links/0/description"]


RECORD = "registry_record:\n  source: 'Loading... TBD'\n  first_posted: '2020-01-01'\n"


@pytest.mark.parametrize("place", ["first", "middle", "last"])
def test_registry_record_is_left_out_wherever_it_is_in_the_file(place: str) -> None:
    """The record's strings are found as one run of the loader's list (by the rank of their
    top-level key); text before and after it is still trial content."""
    lines = MINIMAL_SPEC.splitlines(keepends=True)
    at = {"first": 1, "middle": len(lines) // 2, "last": len(lines)}[place]
    while at < len(lines) and lines[at].startswith(" "):
        at += 1  # between two top-level keys
    spec = "".join(lines[:at]) + RECORD + "".join(lines[at:])
    spec = spec.replace("brief_title: Minimal trial", "brief_title: Minimal trial TBD")
    spec = spec.replace("name: Day 28}", "name: Day 28 TBD}")
    doc = load_text(spec, "r.yaml").document
    assert doc is not None and doc.strings is not None
    assert not any(d.severity is Severity.ERROR for d in schema.check(doc))
    found = base.run_rules(doc, [RULES["PG501"]], today=date(2025, 1, 1))
    assert [d.pointer for d in found] == ["/identification/brief_title", "/schedule/visits/0/name"]
