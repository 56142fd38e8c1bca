"""USDM import: both CDISC examples import to valid specs and round-trip through export
(compared by id and by meaning, not bytes); bad input is a finding, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from protocolgen.interop.usdm import write_wrapper
from protocolgen.interop.usdm.importing import import_file
from protocolgen.interop.usdm.terms import spec_code
from protocolgen.interop.usdm.text import plain
from protocolgen.loading import load_path

from .helpers import cli
from .usdm_helpers import USDM, usdm_errors

EXAMPLES = ["CDISC_Pilot_Study.json", "observational.json"]


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((USDM / name).read_text(encoding="utf-8"))
    return data


def _summary(wrapper: dict[str, Any]) -> dict[str, Any]:
    """What a reader of the protocol would compare, keyed by USDM id."""
    version = wrapper["study"]["versions"][0]
    design = version["studyDesigns"][0]
    index: dict[str, Any] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "id" in value and "instanceType" in value:
                index[value["id"]] = value
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(wrapper)
    items = {i["id"]: i for i in version["eligibilityCriterionItems"]}
    timeline = next(t for t in design["scheduleTimelines"] if t["mainTimeline"])
    grid: dict[str, set[str]] = {}
    for instance in timeline["instances"]:
        if instance.get("encounterId"):
            grid.setdefault(instance["encounterId"], set()).update(instance["activityIds"])
    label = lambda x: x.get("label") or x["name"]  # noqa: E731
    return {
        "type": design["studyType"]["code"],
        "phase": design["studyPhase"]["standardCode"]["code"],
        "arms": {a["id"]: (label(a), a["type"]["code"]) for a in design["arms"]},
        # Epoch types the spec has no code for (Baseline Epoch C125938) come back as Other.
        "epochs": {
            e["id"]: (
                label(e),
                e["type"]["code"] if spec_code("epoch.type", e["type"]) else "C17649",
            )
            for e in design["epochs"]
        },
        "encounters": [(e["id"], label(e)) for e in design["encounters"]],
        "activities": [(a["id"], label(a)) for a in design["activities"]],
        "grid": grid,
        "objectives": {
            o["id"]: (plain(o["text"], o.get("dictionaryId"), index, []), o["level"]["code"])
            for o in design["objectives"]
        },
        "endpoints": {
            e["id"]: (plain(e["text"], e.get("dictionaryId"), index, []), e["level"]["code"])
            for o in design["objectives"]
            for e in o["endpoints"]
        },
        "criteria": {
            c["id"]: (
                c["category"]["code"],
                plain(
                    items[c["criterionItemId"]]["text"],
                    items[c["criterionItemId"]].get("dictionaryId"),
                    index,
                    [],
                ),
            )
            for c in design["eligibilityCriteria"]
        },
        "sex": [c["code"] for c in design["population"]["plannedSex"]],
    }


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_round_trip_by_id_and_meaning(tmp_path: Path, name: str) -> None:
    target = tmp_path / "spec.yaml"
    result = import_file(USDM / name, target)
    assert result.exit_code == 0, [f.message for f in result.findings]
    doc = load_path(target).document
    assert doc is not None
    exported = write_wrapper(doc.data)
    assert usdm_errors(exported) == []
    before, after = _summary(_load(name)), _summary(exported)
    for key in before:
        assert after[key] == before[key], key


def test_pilot_texts_resolve_their_tags_and_keep_the_protocol_words() -> None:
    result = import_file(USDM / "CDISC_Pilot_Study.json", None)
    assert result.exit_code == 0
    assert "Males and postmenopausal females at least 50 years of age." in result.text
    assert "<usdm:tag" not in result.text and "<p>" not in result.text


def test_an_unresolved_tag_is_a_finding() -> None:
    result = import_file(USDM / "observational.json", None)
    found = [f for f in result.findings if f.code == "PG926"]
    assert found and "max_agexxx" in found[0].message
    assert "[max_agexxx]" in result.text


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_usdm_3_is_refused_with_the_version_found(tmp_path: Path) -> None:
    data = _load("observational.json")
    data["usdmVersion"] = "3.0.0"
    result = import_file(_write(tmp_path, data), tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert [f.code for f in result.findings] == ["PG921"]
    assert "'3.0.0'" in result.findings[0].message
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("data", [[1, 2], {"studies": []}, {"study": "x", "usdmVersion": "4.0.0"}])
def test_another_shape_is_refused(tmp_path: Path, data: Any) -> None:
    result = import_file(_write(tmp_path, data), None)
    assert result.exit_code == 1
    assert [f.code for f in result.findings] == ["PG920"]


def test_duplicate_ids_and_unresolved_references(tmp_path: Path) -> None:
    data = _load("observational.json")
    design = data["study"]["versions"][0]["studyDesigns"][0]
    design["studyCells"][0]["armId"] = "StudyArm_99"
    result = import_file(_write(tmp_path, data), None)
    unresolved = [f for f in result.findings if f.code == "PG923"]
    assert unresolved[0].path == "$.study.versions[0].studyDesigns[0].studyCells[0].armId"
    design["arms"][1]["id"] = design["arms"][0]["id"]
    result = import_file(_write(tmp_path, data), None)
    assert result.exit_code == 1
    assert any(f.code == "PG922" and "StudyArm_1" in f.message for f in result.findings)


def test_several_designs_name_the_one_taken(tmp_path: Path) -> None:
    data = _load("observational.json")
    designs = data["study"]["versions"][0]["studyDesigns"]
    second = json.loads(
        json.dumps(designs[0]).replace('"ObservationalStudyDesign_1"', '"Design_B"')
    )
    designs.append(second)
    data = json.loads(json.dumps(data))
    result = import_file(_write(tmp_path, data), None)
    # the copy repeats every id inside the design: reported, not imported
    assert any(f.code == "PG922" for f in result.findings)
    only_ids = _load("observational.json")
    extra = {"id": "Design_B", "name": "B", "instanceType": "ObservationalStudyDesign"}
    only_ids["study"]["versions"][0]["studyDesigns"].append(extra)
    result = import_file(_write(tmp_path, only_ids), None)
    notes = [f.message for f in result.findings if f.code == "PG924"]
    assert notes and "ObservationalStudyDesign_1" in notes[0] and "Design_B" in notes[0]
    chosen = import_file(_write(tmp_path, only_ids), None, design="Nope")
    assert chosen.exit_code == 1


def test_not_json_and_huge_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert [f.code for f in import_file(bad, None).findings] == ["PG901"]
    from protocolgen.interop.usdm import reading

    monkeypatch.setattr(reading, "MAX_USDM_BYTES", 1000)
    result = import_file(USDM / "observational.json", None)
    assert result.exit_code == 2 and result.findings[0].code == "PG905"


def test_cli(tmp_path: Path) -> None:
    out = tmp_path / "pilot.yaml"
    result = CliRunner().invoke(
        cli, ["import", "usdm", str(USDM / "CDISC_Pilot_Study.json"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server")
    missing = CliRunner().invoke(cli, ["import", "usdm", str(tmp_path / "none.json")])
    assert missing.exit_code == 2


def test_mutated_files_give_findings_never_tracebacks(tmp_path: Path) -> None:
    """60 seeded mutations of the observational example (a value anywhere replaced by null,
    a number, a string, a list or an object): every import ends with an exit code."""
    import random

    base = _load("observational.json")
    paths: list[list[Any]] = []

    def walk(value: Any, path: list[Any]) -> None:
        paths.append(path)
        children = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else []
        )
        for key, child in children:
            walk(child, [*path, key])

    walk(base, [])
    rng = random.Random(12)
    for _ in range(60):
        data = json.loads(json.dumps(base))
        path = rng.choice(paths[1:])
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = rng.choice([None, 1, "x", [], {}, [1], {"a": 1}])
        result = import_file(_write(tmp_path, data), None)
        assert result.exit_code in (0, 1), path
