"""The compiled fast path may only ever confirm what jsonschema itself accepts."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocolgen import schema
from protocolgen.loading import load_bytes
from tests.conftest import SPECS
from tests.fuzz.mutations import mutate_data


def jsonschema_accepts(data: object) -> bool:
    return not any(True for _ in schema.validator().iter_errors(data))


def test_seed_specs_take_the_fast_path() -> None:
    for path in sorted(SPECS.glob("*.yaml")):
        doc = load_bytes(path.read_bytes(), str(path)).document
        assert doc is not None
        assert schema.surely_valid(doc.data) and jsonschema_accepts(doc.data)


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(st.randoms(use_true_random=False))
def test_fast_path_never_accepts_what_jsonschema_rejects(rng: random.Random) -> None:
    doc = load_bytes(mutate_data(rng), "mutated.yaml").document
    if doc is None:
        return
    if schema.surely_valid(doc.data):
        assert jsonschema_accepts(doc.data)
    else:
        # Not a contract, but the two should agree; a disagreement only costs speed.
        pass


def test_values_the_compiled_validator_cannot_convert_fall_back() -> None:
    data = {"spec_version": float("nan")}
    assert schema.surely_valid(data) is False


def test_without_the_compiled_validator_jsonschema_alone_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_rust(name: str, *args: object, **kwargs: object) -> object:
        if name == "jsonschema_rs":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    schema._compiled_is_valid.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_rust)
    try:
        assert schema.surely_valid({"spec_version": 1}) is False
        doc = load_bytes((SPECS / "ra-uc-msc.yaml").read_bytes(), "ra.yaml").document
        assert doc is not None and schema.check(doc) == []
    finally:
        monkeypatch.undo()
        schema._compiled_is_valid.cache_clear()
