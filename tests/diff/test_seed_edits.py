"""Real edits of the seed specs, diffed through the command line as JSON."""

from __future__ import annotations

import pytest

from tests.conftest import SPECS
from tests.diff.conftest import EditSeed, changes, run

SEEDS = sorted(p.name for p in SPECS.glob("*.yaml"))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seed_against_itself_has_no_changes(seed: str) -> None:
    code, out = run("diff", str(SPECS / seed), str(SPECS / seed), "--exit-code")
    assert (code, out) == (0, f"{SPECS / seed} → {SPECS / seed}: no changes\n")


def test_edited_criterion(edit_seed: EditSeed) -> None:
    old, new = edit_seed(
        "als-nasal-sev.yaml",
        [("'BMI: Between 18 and 30 kg/m²;'", "'BMI: Between 18 and 32 kg/m²;'")],
    )
    assert changes(old, new) == [
        {
            "section": "Eligibility",
            "kind": "changed",
            "label": "Inclusion criterion 4 changed",
            "before": "BMI: Between 18 and 30 kg/m²;",
            "after": "BMI: Between 18 and 32 kg/m²;",
            "substantial": True,
            "pointer": "/eligibility/inclusion/3",
        }
    ]


def test_numbered_criterion_uses_its_number(edit_seed: EditSeed) -> None:
    old, new = edit_seed(
        "ra-uc-msc.yaml", [("Drug abuse and alcoholism.", "Drug or alcohol abuse.")]
    )
    [change] = changes(old, new)
    assert change["label"] == "Exclusion criterion 11 changed"
    assert change["pointer"] == "/eligibility/exclusion/9/text"


def test_reordered_and_removed_criteria(edit_seed: EditSeed) -> None:
    old, new = edit_seed(
        "lupus-uc-msc.yaml",
        [
            # first two inclusion criteria swapped: not a change
            (
                "    - 'Participant able to provide written informed consent'\n"
                "    - 'Must be able to adhere to the study visit schedule and other protocol"
                " requirements'\n",
                "    - 'Must be able to adhere to the study visit schedule and other protocol"
                " requirements'\n"
                "    - 'Participant able to provide written informed consent'\n",
            ),
            (
                "    - 'Confirmed positive test for active hepatitis B, hepatitis C, HIV or TB'\n",
                "",
            ),
        ],
    )
    [change] = changes(old, new)
    assert change["label"] == "Exclusion criterion 2 removed"
    assert (
        change["before"] == "Confirmed positive test for active hepatitis B, hepatitis C, HIV or TB"
    )
    assert change["kind"] == "removed" and change["substantial"] is True


def test_arm_added(edit_seed: EditSeed) -> None:
    arm = (
        "  - id: A2\n    label: Placebo\n    type: PLACEBO_COMPARATOR\n    interventions: []\n\n"
        "interventions:\n"
    )
    old, new = edit_seed("lupus-uc-msc.yaml", [("\ninterventions:\n", "\n" + arm)])
    [change] = changes(old, new)
    assert change["label"] == "Arm 'Placebo' added"
    assert (change["before"], change["after"]) == ("", "Placebo")
    assert change["pointer"] == "/arms/1" and change["substantial"] is True


def test_reordered_visits_are_not_a_change(edit_seed: EditSeed) -> None:
    day14 = (
        "    - id: V1\n      name: Day 14\n"
        '      epoch: TRT  # protocolgen: assumed[the last day of "daily for 14 days"]\n'
        '      timing: {value: 14, unit: DAYS}  # page: "on days 14 and 28"\n'
    )
    day28 = (
        "    - id: V2\n      name: Day 28\n      epoch: FU\n"
        '      timing: {value: 28, unit: DAYS}  # page: "on days 14 and 28"\n'
    )
    old, new = edit_seed("mda5-rpild-nebulized-exosomes.yaml", [(day14 + day28, day28 + day14)])
    assert old.read_text() != new.read_text()
    assert changes(old, new) == []
    assert run("diff", str(old), str(new), "--exit-code")[0] == 0


def test_enrollment_and_status(edit_seed: EditSeed) -> None:
    old, new = edit_seed(
        "lupus-uc-msc.yaml",
        [("    count: 10\n", "    count: 20\n"), ("overall: RECRUITING", "overall: COMPLETED")],
    )
    found = [(c["section"], c["label"], c["substantial"]) for c in changes(old, new)]
    # schema section order (status before design), not the order of the edits
    assert found == [
        ("Status", "Status Recruiting → Completed", True),
        ("Design", "Enrollment 10 → 20 (estimated)", True),
    ]


def test_outcome_time_frame(edit_seed: EditSeed) -> None:
    old, new = edit_seed(
        "mda5-rpild-nebulized-exosomes.yaml",
        [("time_frame: days 14 and 28", "time_frame: days 14, 28 and 90")],
    )
    [change] = changes(old, new)
    assert change["label"] == (
        "Secondary outcome 'clinical improvements, including serolo…' time frame"
        " days 14 and 28 → days 14, 28 and 90"
    )
    assert change["pointer"] == "/outcomes/secondary/0/time_frame"
    assert (change["before"], change["after"]) == ("days 14 and 28", "days 14, 28 and 90")
    assert change["substantial"] is True


def test_visit_window(edit_seed: EditSeed) -> None:
    timing = '      timing: {value: 28, unit: DAYS}  # page: "on days 14 and 28"\n'
    _, old = edit_seed(
        "mda5-rpild-nebulized-exosomes.yaml",
        [(timing, timing + "      window: {before: 2, after: 2, unit: DAYS}\n")],
    )
    new = old.with_name("newer.yaml")
    new.write_text(old.read_text().replace("before: 2, after: 2", "before: 3, after: 3"))
    [change] = changes(old, new)
    assert change["label"] == "Visit 'Day 28' window ±2 → ±3 days"
    assert change["pointer"] == "/schedule/visits/2/window"
    assert change["substantial"] is False


def test_schema_invalid_spec_is_still_compared(edit_seed: EditSeed) -> None:
    old, new = edit_seed("covid19-uc-msc.yaml", [("  sex: ALL\n", "  sex: BOTH\n")])
    assert run("validate", str(new))[0] == 1
    [change] = changes(old, new)
    assert change["label"] == "Sex All → BOTH"
