"""The compiled profile plan gives every item the status its definition gives it.

The reference below reads the rules of ``protocolgen/profiles/__init__.py`` literally: list
every value each path reaches with its pointer, and compare findings' pointers with those.
The plan walks one tree of paths and marks flagged paths instead; both must agree on the
shipped specs with all four profiles, and on generated data, paths and findings.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from protocolgen import profiles
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.loading import load_path
from protocolgen.profiles import plan
from protocolgen.rules import base

ROOT = Path(__file__).resolve().parents[2]
SPECS = sorted((ROOT / "specs").glob("*.yaml"))


def _places(
    node: Any, steps: tuple[str, ...], at: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], Any]]:
    """(tokens, value) of every value the steps reach, ``*`` matching any key or index."""
    if not steps:
        return [(at, node)]
    head, rest = steps[0], steps[1:]
    if isinstance(node, dict):
        pairs = list(node.items())
    elif isinstance(node, list):
        pairs = [(str(n), v) for n, v in enumerate(node)]
    else:
        return []
    return [
        place
        for key, value in pairs
        if head in ("*", key)
        for place in _places(value, rest, (*at, key))
    ]


def _blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


def _reference(item: profiles.Item, data: dict[str, Any], found: list[Diagnostic]) -> str:
    for key, wanted in item.when:
        if key == "start_on_or_after":
            if (data["status"].get("start_date") or {}).get("date", "9999") < str(wanted):
                return "not_required"
        elif not any(v in wanted for _, v in _places(data, _steps(key))):
            return "not_required"
    paths = item.requires or item.any
    reached = {path: _places(data, _steps(path)) for path in paths}
    if item.requires:
        there = all(found_ and not any(_blank(v) for _, v in found_) for found_ in
                    reached.values())
    else:
        there = any(not _blank(v) for found_ in reached.values() for _, v in found_)
    if there:
        flagged = [
            profiles_parts(d.pointer)
            for d in found
            if d.pointer and (d.code[:3] in ("PG4", "PG5", "PG6") or d.code == "PG806")
        ]
        weak = any(
            tokens[: len(at)] == at and not (item.any and _blank(value))
            for places in reached.values()
            for at, value in places
            for tokens in flagged
        )
        return "weak" if weak else "complete"
    entry = (data.get("narrative") or {}).get(item.id)
    if isinstance(entry, dict) and not _blank(entry.get("not_applicable")):
        return "not_applicable"
    if item.deferred:
        return "deferred"
    return "not_required" if item.optional else "missing"


def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.lstrip("/").split("/"))


def profiles_parts(pointer: str) -> tuple[str, ...]:
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:])


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_the_plan_agrees_with_the_definition_on_the_shipped_specs(spec: Path) -> None:
    doc = load_path(spec).document
    assert doc is not None
    found = base.run_rules(doc, today=date(2025, 1, 1))
    names = tuple(profiles.PROFILES)
    covered = plan.for_names(names).evaluate(doc.data, found)
    statuses = set()
    for name, coverage in zip(names, covered, strict=True):
        for item in profiles.get(name).items:
            expected = _reference(item, doc.data, found)
            assert coverage.status[item.id] == expected, (name, item.id)
            statuses.add(expected)
    assert {"complete", "missing", "not_required"} <= statuses


# Few keys, so that generated paths often reach values and findings often lie under them.
KEYS = st.sampled_from(["a", "b", "0"])
LEAVES = st.none() | st.sampled_from(["", " ", "x", "y"]) | st.integers(0, 2)
DATA = st.dictionaries(
    KEYS,
    st.recursive(
        LEAVES,
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(KEYS, inner, max_size=3)
        # Lists of mappings with the same keys, as "/arms/*/name" reaches in a spec.
        | st.lists(st.fixed_dictionaries({"a": inner, "b": inner}, optional={"0": inner}),
                   min_size=2, max_size=3),
        max_leaves=16,
    ),
    min_size=1,
    max_size=3,
)
PATHS = st.lists(st.sampled_from(["a", "b", "0", "*"]), min_size=1, max_size=3).map(
    lambda steps: "/" + "/".join(steps)
)
ITEMS = st.builds(
    lambda n, paths, all_of, when, deferred, optional: profiles.Item(
        id=f"I{n}",
        label="item",
        requires=tuple(paths) if all_of else (),
        any=() if all_of else tuple(paths),
        when=when,
        deferred="registry" if deferred else "",
        optional=optional,
    ),
    st.integers(0, 5),
    st.lists(PATHS, min_size=1, max_size=3),
    st.booleans(),
    st.lists(st.tuples(PATHS, st.lists(st.sampled_from(["x", 1, None]), max_size=2)),
             max_size=1).map(tuple),
    st.booleans(),
    st.booleans(),
)
POINTERS = st.lists(st.sampled_from(["a", "b", "0", "1"]), min_size=1, max_size=4)
FINDINGS = st.lists(
    st.tuples(st.sampled_from(["PG501", "PG406", "PG601", "PG806", "PG201", "PG700"]), POINTERS),
    max_size=5,
)


def _item(n: int, *, requires: tuple[str, ...] = (), any_of: tuple[str, ...] = ()) -> Any:
    return profiles.Item(id=f"I{n}", label="item", requires=requires, any=any_of)


@settings(max_examples=400, deadline=None)
@given(DATA, st.lists(ITEMS, min_size=1, max_size=6), FINDINGS, st.sampled_from(["I0", "I1"]))
# The second of several values counts: it has content, is blank, or holds the finding.
@example({"a": [{"b": ""}, {"b": "x"}]}, [_item(2, any_of=("/a/*/b",))], [], "I0")
@example({"a": [{"b": "x"}, {"b": ""}]}, [_item(2, requires=("/a/*/b",))], [], "I0")
@example({"a": [{"b": "x"}, {"b": "y"}]}, [_item(2, requires=("/a/*/b",))],
         [("PG501", ["a", "1", "b"])], "I0")
@example({"a": [{"b": ""}, {"b": "y"}]}, [_item(2, any_of=("/a/*/b",))],
         [("PG501", ["a", "0", "b"])], "I0")
@example({"a": [{"b": "x"}, {"b": ""}]}, [_item(2, any_of=("/a/*/b",))],
         [("PG501", ["a", "0", "b"]), ("PG501", ["a", "1", "b"])], "I0")
def test_the_plan_agrees_with_the_definition_on_generated_data(
    data: dict[str, Any],
    items: list[profiles.Item],
    flagged: list[tuple[str, list[str]]],
    justified: str,
) -> None:
    data = {**data, "narrative": {justified: {"not_applicable": "reason"}}}
    # Item ids repeat across generated items: one profile per item keeps each status apart.
    chosen = [profiles.Profile(f"p{n}", "P", "PG701", (item,)) for n, item in enumerate(items)]
    found = [
        Diagnostic("s.yaml", 1, 1, code, Severity.WARNING, "m", "", "/" + "/".join(tokens))
        for code, tokens in flagged
    ]
    covered = plan.Plan(chosen).evaluate(data, found)
    for item, coverage in zip(items, covered, strict=True):
        assert coverage.status[item.id] == _reference(item, data, found)
