"""The plain-language summary ⇄ USDM narrative content items: written so it validates,
read back by meaning (paragraphs, questions and answers, markup kept as text); a file
without protocolgen's items imports no summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from protocolgen.interop.usdm import write_wrapper
from protocolgen.interop.usdm.importing import import_file
from protocolgen.loading import load_path

from .usdm_helpers import USDM, usdm_errors

RICH = Path(__file__).resolve().parents[1] / "render" / "fixtures" / "rich-soa.yaml"
SUMMARY = {
    "text": "Why: lupus hurts the kidneys.\n\nWhat: 4 infusions of <b>cells</b> & placebo.",
    "questions": [
        {"question": "How long will I take part?", "answer": "About 8 months."},
        {"question": "Will I be paid?", "answer": "Travel costs.\n\nNothing else."},
    ],
}


def _spec(path: Path) -> dict[str, Any]:
    doc = load_path(path).document
    assert doc is not None
    return doc.data


def test_the_summary_round_trips_as_narrative_content(tmp_path: Path) -> None:
    spec = _spec(RICH)
    spec["description"]["plain_language_summary"] = SUMMARY
    wrapper = write_wrapper(spec)
    assert usdm_errors(wrapper) == []
    items = wrapper["study"]["versions"][0]["narrativeContentItems"]
    assert len(items) == 3
    assert "&lt;b&gt;cells&lt;/b&gt; &amp; placebo" in items[0]["text"]
    source = tmp_path / "rich.usdm.json"
    source.write_text(json.dumps(wrapper), encoding="utf-8")
    target = tmp_path / "spec.yaml"
    assert import_file(source, target).exit_code == 0
    assert _spec(target)["description"]["plain_language_summary"] == SUMMARY


def test_a_spec_without_a_summary_writes_no_items() -> None:
    spec = _spec(RICH)
    del spec["description"]["plain_language_summary"]
    assert write_wrapper(spec)["study"]["versions"][0]["narrativeContentItems"] == []


def test_other_narrative_content_is_no_summary(tmp_path: Path) -> None:
    target = tmp_path / "pilot.yaml"
    assert import_file(USDM / "CDISC_Pilot_Study.json", target).exit_code == 0
    assert "plain_language_summary" not in _spec(target)["description"]
