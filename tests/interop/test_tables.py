"""The mapping tables (interop/tables/*.csv) name real spec fields, one row per field."""

from __future__ import annotations

import re

import pytest

from protocolgen.interop import tables
from protocolgen.interop.specschema import node_at

FORMATS = ["ctgov", "prs", "usdm"]


def _spec_keys(spec: str) -> list[str]:
    """``outcomes.primary[].time_frame`` → ``["outcomes", "primary", "[]", "time_frame"]``."""
    keys: list[str] = []
    for part in re.sub(r"\[[^\]]+=[^\]]+\]", "[]", spec).split("."):
        name, _, rest = part.partition("[]")
        keys.append(name)
        if rest or part.endswith("[]"):
            keys.append("[]")
    return keys


@pytest.mark.parametrize("name", FORMATS)
def test_every_spec_field_of_a_table_is_in_the_schema(name: str) -> None:
    for row in tables.table(name):
        for spec in filter(None, (s.split(" (")[0].strip() for s in row.spec.split("+"))):
            assert node_at(*_spec_keys(spec)), (name, row.path, spec)


@pytest.mark.parametrize("name", FORMATS)
def test_one_row_per_field(name: str) -> None:
    rows = [row.path for row in tables.table(name)]
    assert len(rows) == len(set(rows))
