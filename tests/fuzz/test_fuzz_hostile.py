"""Fuzzing `diff`, configuration loading and house schemas (docs/reliability.md, class 6),
as `validate` is fuzzed: every input ends with exit 0/1/2 and never a traceback."""

from __future__ import annotations

import random

from hypothesis import event, given
from hypothesis import strategies as st

from tests.fuzz.hostile import (
    config_and_check,
    config_case,
    diff_and_check,
    diff_case,
    house_and_check,
    house_schema_case,
)
from tests.fuzz.invariants import examples


@examples(120)
@given(st.randoms(use_true_random=False))
def test_diff_of_mutated_specs(rng: random.Random) -> None:
    event(f"exit {diff_and_check(*diff_case(rng))}")


@examples(150)
@given(st.randoms(use_true_random=False))
def test_configuration_files(rng: random.Random) -> None:
    event(f"exit {config_and_check(*config_case(rng))}")


@examples(150)
@given(st.randoms(use_true_random=False))
def test_house_schemas(rng: random.Random) -> None:
    event(f"exit {house_and_check(house_schema_case(rng))}")
