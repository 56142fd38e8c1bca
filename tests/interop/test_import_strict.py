"""The stricter CT.gov import, on constructed records (tests/fixtures/ctgov/SOURCES.md):
criteria headings in other shapes, same-named interventions per arm, values the record does
not give, and Markdown escapes only where the record had them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from protocolgen.cli import main
from protocolgen.interop.ctgov.reader import read_study

from .helpers import FIXTURES, cli, load_record

CONSTRUCTED = FIXTURES / "constructed"


def _read(name: str) -> Any:
    where, study = load_record(CONSTRUCTED / f"{name}.json")
    return read_study(study, where)


def test_same_named_interventions_keep_each_arms_own_link() -> None:
    spec = _read("NCT09000001").spec
    links = {arm["label"]: arm["interventions"] for arm in spec["arms"]}
    assert links == {
        "Low dose": ["I1"],
        "Low dose placebo": ["I2"],
        "High dose": ["I3"],
        "High dose placebo": ["I4"],
    }


def test_headings_in_other_shapes_keep_exclusions_apart_and_say_so() -> None:
    done = _read("NCT09000001")
    elig = done.spec["eligibility"]
    assert elig["inclusion"][1] == {
        "number": 2,
        "text": "Primary ITP for at least 3 months, with either:",
        "sub": ["platelets <30 x 10^9/L, or", "bleeding symptoms"],
    }
    assert elig["exclusion"] == [
        "(patients with any of the following will not be enrolled)",
        "Secondary thrombocytopenia",
        "Pregnancy",
    ]
    notes = [f.message for f in done.findings if f.code == "PG913"]
    assert any("is kept as a exclusion item" in n for n in notes)


def test_lead_in_and_key_headings_of_an_observational_record() -> None:
    done = _read("NCT09000002")
    elig = done.spec["eligibility"]
    assert elig["inclusion"] == [
        "Adults seen in the anticoagulation clinic.",
        "Age 18 or over",
        "Starting apixaban or warfarin",
    ]
    assert elig["exclusion"] == ["Mechanical heart valve"]
    assert any("text before the first heading" in f.message for f in done.findings)
    # Interventions without groups are kept, unlinked.
    assert [i["name"] for i in done.spec["interventions"]] == ["Apixaban", "Warfarin"]
    assert done.spec["arms"] == []


def test_a_value_the_record_does_not_give_is_marked_and_not_exported(tmp_path: Path) -> None:
    """healthyVolunteers is missing: the spec needs a value (false, marked assumed), the
    export leaves it out, as the record did."""
    spec_file = tmp_path / "trial.yaml"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["import", "ctgov", str(CONSTRUCTED / "NCT09000001.json"), "-o", str(spec_file)]
    )
    assert result.exit_code == 0, result.stderr
    text = spec_file.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "healthy_volunteers:" in x)
    assert line.endswith("# protocolgen: assumed[not stated in the record]")
    assert yaml.safe_load(text)["eligibility"]["healthy_volunteers"] is False
    out = tmp_path / "record.json"
    result = runner.invoke(cli, ["export", "ctgov", str(spec_file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))["protocolSection"]
    assert "healthyVolunteers" not in exported["eligibilityModule"]
    # Once the author states it (and drops the mark), it is exported.
    spec_file.write_text(
        text.replace(line, line.split("#")[0].rstrip().replace("false", "true")), "utf-8"
    )
    runner.invoke(cli, ["export", "ctgov", str(spec_file), "-o", str(out)])
    exported = json.loads(out.read_text(encoding="utf-8"))["protocolSection"]
    assert exported["eligibilityModule"]["healthyVolunteers"] is True


def test_markdown_round_trips_byte_for_byte(tmp_path: Path) -> None:
    """Bare ``^ _ # ~`` stay bare and ``\\< \\[ \\&`` stay escaped."""
    source = CONSTRUCTED / "NCT09000001.json"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["import", "ctgov", str(source), "-o", str(tmp_path / "t.yaml")]
        ).exit_code
        == 0
    )
    back = runner.invoke(cli, ["export", "ctgov", str(tmp_path / "t.yaml")])
    assert back.exit_code == 0, back.stderr
    _, study = load_record(source)
    summary = study["protocolSection"]["descriptionModule"]["briefSummary"]
    assert (
        json.loads(back.stdout)["protocolSection"]["descriptionModule"]["briefSummary"] == summary
    )
    assert "\\" not in read_study(study).spec["description"]["brief_summary"]


def test_a_registered_record_is_no_draft_for_lack_of_a_visit_schedule(tmp_path: Path) -> None:
    """NCT03281889 has only the gaps CT.gov cannot fill: its spec renders without the draft
    mark, and the reason is visible on the schedule line."""
    target = tmp_path / "NCT03281889.yaml"
    runner = CliRunner()
    record = FIXTURES / "NCT03281889.json"
    assert runner.invoke(cli, ["import", "ctgov", str(record), "-o", str(target)]).exit_code == 0
    line = next(x for x in target.read_text(encoding="utf-8").splitlines() if "visits:" in x)
    assert "ignore[PG307]" in line and "no field for a visit schedule" in line
    out = str(tmp_path / "out")
    result = runner.invoke(main, ["render", str(target), "--to", "md", "-o", out, "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert "draft" not in result.output + result.stderr


def test_every_kind_of_assumed_value_is_left_out_on_export() -> None:
    """Status, sex, an intervention type and healthy volunteers missing from the record:
    each is written to the spec (the schema needs it), marked, and not exported."""
    from protocolgen.interop.ctgov.writer import export_spec

    where, study = load_record(CONSTRUCTED / "NCT09000001.json")
    section = study["protocolSection"]
    section["armsInterventionsModule"]["interventions"][0].pop("type")
    section["eligibilityModule"].pop("sex")
    section["statusModule"].pop("overallStatus")
    done = read_study(study, where)
    assert set(done.assumed) >= {
        "/status/overall",
        "/interventions/0/type",
        "/eligibility/sex",
        "/eligibility/healthy_volunteers",
    }
    exported, _ = export_spec(done.spec, frozenset(done.assumed))
    assert "overallStatus" not in exported["statusModule"]
    assert "sex" not in exported["eligibilityModule"]
    first = exported["armsInterventionsModule"]["interventions"][0]
    assert "type" not in first
    assert exported["armsInterventionsModule"]["armGroups"][0]["interventionNames"] == ["Drug X"]
