"""Bounded output for repetitive specs, and the indexes that keep checking linear.

Speed itself is measured in bench/bench_scaling.py; these tests check what a user sees.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from protocolgen import api, suppressions
from protocolgen.cli import main
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.loading import load_path
from tests.conftest import MINIMAL_SPEC


def _with_unknown_visits(count: int, visits: int = 1) -> str:
    extra = "".join(f"    - {{id: V{k}, name: Visit {k}}}\n" for k in range(2, visits + 1))
    refs = "".join(f"        - X{k}\n" for k in range(count))
    return (
        MINIMAL_SPEC
        + extra
        + "  activities:\n    - id: ACT1\n      name: Blood draw\n      visits:\n"
        + refs
    )


def test_findings_of_one_code_are_capped_with_a_note(write_spec) -> None:  # type: ignore[no-untyped-def]
    report = api.check_source(str(write_spec(_with_unknown_visits(250)))).report
    codes = [d.code for d in report.diagnostics]
    assert codes.count("PG202") == 100
    (note,) = [d for d in report.diagnostics if d.code == "PG809"]
    assert "150 more PG202" in note.message
    assert report.has_errors  # capping never hides that the spec fails


def test_a_hint_lists_at_most_twenty_ids(write_spec) -> None:  # type: ignore[no-untyped-def]
    report = api.check_source(str(write_spec(_with_unknown_visits(3, visits=60)))).report
    hints = {d.hint for d in report.diagnostics if d.code == "PG202"}
    (hint,) = hints
    assert "V1, V10" in hint and hint.endswith("and 40 more.")
    assert "V9," not in hint  # sorted: V1, V10, V11, ... the first twenty only


def test_json_output_stays_small_for_a_huge_list_of_bad_ids(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = write_spec(_with_unknown_visits(5000, visits=2000))
    assert path.stat().st_size > 100_000
    result = CliRunner().invoke(main, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert len(result.output) < 200_000
    assert json.loads(result.output)["summary"]["errors"] == 100


def test_the_suppression_index_finds_what_the_definition_says(write_spec) -> None:  # type: ignore[no-untyped-def]
    spec = MINIMAL_SPEC.replace(
        "status:\n", "status:  # protocolgen: ignore[PG305, PG401]\n"
    ).replace(
        "  - {id: A1, label: Active,",
        "  - {id: A1, label: Active,  # protocolgen: ignore[PG417]\n   ",
    )
    doc = load_path(Path(write_spec(spec))).document
    assert doc is not None
    found = suppressions.find(doc)
    assert {s.code for s in found} == {"PG305", "PG401", "PG417"}
    index = suppressions._Index(found)
    pointers = ["", "/status", "/status/overall", "/statusx", "/arms/0/id", "/arms/0", "/arms"]
    for code in ("PG305", "PG401", "PG417", "PG999"):
        for pointer in pointers:
            for line in (1, 4, 5, 34, 35):
                d = Diagnostic("x", line, 1, code, Severity.WARNING, "m", "", pointer)
                assert index.covering(d) == {s for s in found if s.covers(d)}, (code, pointer)


def test_the_sort_key_orders_findings_as_comparing_them_does() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from protocolgen.diagnostics import ORDER

    finding = st.builds(
        Diagnostic,
        st.sampled_from(["a.yaml", "b.yaml"]),
        st.integers(1, 4),
        st.integers(1, 3),
        st.sampled_from(["PG201", "PG501", "PG809"]),
        st.sampled_from(list(Severity)),
        st.sampled_from(["x", "y"]),
    )

    @settings(max_examples=200, deadline=None)
    @given(st.lists(finding, max_size=30))
    def same_order(found: list[Diagnostic]) -> None:
        assert sorted(found, key=ORDER) == sorted(found)
        assert [id(d) for d in sorted(found, key=ORDER)] == [id(d) for d in sorted(found)]

    same_order()


def test_findings_come_back_whole_from_worker_processes() -> None:
    import pickle

    found = Diagnostic("a.yaml", 3, 5, "PG501", Severity.WARNING, "m", "h", "/x/0")
    again = pickle.loads(pickle.dumps([found, found]))
    assert again == [found, found]
    assert [(d.severity, d.message, d.hint, d.pointer) for d in again] == [
        (Severity.WARNING, "m", "h", "/x/0")
    ] * 2
