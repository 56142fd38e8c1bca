"""Spec paths with wildcards: the values they reach, with and without their pointers.

Each function is compared with the plain definition it replaces (walk every pointer of the
data), on the shipped specs and on generated data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from protocolgen import spec_paths
from protocolgen.loading import load_path

ROOT = Path(__file__).resolve().parent.parent
KEYS = st.sampled_from(["a", "b", "c", "0", "1"])
DATA = st.recursive(
    st.none() | st.text(max_size=3) | st.integers(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=12,
)
PATHS = st.lists(st.sampled_from(["a", "b", "0", "1", "*"]), min_size=1, max_size=4).map(
    lambda steps: "/" + "/".join(steps)
)


def _every(node: Any, pointer: str = "") -> list[tuple[str, Any]]:
    """(pointer, value) of the node and everything below it, in document order."""
    found = [(pointer, node)]
    if not isinstance(node, (dict, list)):
        return found
    for key, value in node.items() if isinstance(node, dict) else enumerate(node):
        found += _every(value, f"{pointer}/{key}")
    return found


def _matches(pointer: str, path: str) -> bool:
    steps, parts = spec_paths.steps(path), pointer.split("/")[1:]
    same = len(steps) == len(parts)
    return same and all(s in ("*", p) for s, p in zip(steps, parts, strict=True))


def _reference(data: Any, path: str) -> list[tuple[str, Any]]:
    return [(p, v) for p, v in _every(data) if p and _matches(p, path)]


@settings(max_examples=300, deadline=None)
@given(DATA, PATHS)
def test_values_and_pointers_are_those_of_every_matching_place(data: Any, path: str) -> None:
    expected = _reference(data, path)
    assert list(spec_paths.resolve(data, path)) == expected
    assert spec_paths.values(data, path) == [v for _, v in expected]


def test_the_shipped_specs_agree_with_the_plain_walk() -> None:
    paths = ["/locations/*/facility", "/arms/*/description", "/outcomes/primary/*/measure",
             "/identification/brief_title", "/locations/*/contacts/*/email", "/arms/0/id"]
    for spec in sorted((ROOT / "specs").glob("*.yaml")):
        doc = load_path(spec).document
        assert doc is not None
        for path in paths:
            assert list(spec_paths.resolve(doc.data, path)) == _reference(doc.data, path)


def test_pointer_tokens_are_unescaped() -> None:
    assert spec_paths.parts("/a~1b/c~0d/0") == ("a/b", "c~d", "0")
