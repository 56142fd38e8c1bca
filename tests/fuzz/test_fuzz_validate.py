"""Property-based fuzzing of `protocolgen validate` (issue §1, in the suite).

Every input goes through the real CLI (``validate - --format json``) and
:func:`tests.fuzz.invariants.check_invariants` asserts: exit code 0/1/2 matching the
summary, no exception, and every finding with a PGnnn code, a message and a line:col
inside the file. Example counts are per test; the profile is derandomized (see conftest).
"""

from __future__ import annotations

import random
from typing import Any

import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.fuzz.invariants import examples, known_crash, validate_and_check
from tests.fuzz.mutations import NASTY, TOKENS, mutate_data, mutate_text

LOADER_CODES = ("PG010", "PG011", "PG012", "PG013", "PG014", "PG015", "PG016", "PG017")


def checked(raw: bytes) -> None:
    assume(known_crash(raw) is None)
    validate_and_check(raw)


@examples(300)
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes(raw: bytes) -> None:
    checked(raw)


@examples(300)
@given(st.text(max_size=1_000))
def test_arbitrary_text(text: str) -> None:
    checked(text.encode("utf-8"))


_PIECES = st.one_of(st.sampled_from(TOKENS), st.text(alphabet=NASTY + "ab: -", max_size=4))


@examples(400)
@given(st.lists(_PIECES, max_size=80))
def test_yaml_token_soup(pieces: list[str]) -> None:
    checked("".join(pieces).encode("utf-8"))


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    st.text(max_size=40),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=15,
)


@examples(100)
@given(
    st.dictionaries(st.text(max_size=20), _VALUES, max_size=12),
    st.sampled_from([False, None, True]),
    st.booleans(),
)
def test_arbitrary_yaml_documents(data: dict[str, Any], flow: bool | None, uni: bool) -> None:
    """Any mapping PyYAML writes is read without a syntax-level finding."""
    raw = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=uni).encode("utf-8")
    outcome = validate_and_check(raw)
    assert not [f for f in outcome.findings if f["code"] in LOADER_CODES], raw[:300]


@examples(80)
@given(st.randoms(use_true_random=False))
def test_seed_spec_structural_mutations(rng: random.Random) -> None:
    """Seeds with keys deleted, values retyped or swapped, keys renamed, enums changed,
    references broken, items duplicated, huge or control-character strings, deep nesting."""
    checked(mutate_data(rng))


@examples(400)
@given(st.randoms(use_true_random=False))
def test_seed_spec_textual_mutations(rng: random.Random) -> None:
    """Seed files with lines deleted, duplicated (duplicate keys), swapped, re-indented or
    tab-indented, YAML tokens and control characters inserted, anchors and aliases and
    tags added, truncated, re-encoded (CRLF, BOM, UTF-16) or with invalid bytes."""
    checked(mutate_text(rng))
