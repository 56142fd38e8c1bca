"""The plain-language summary ⇄ USDM ``StudyVersion.narrativeContentItems``.

USDM v4 has no attribute for a lay summary (nor has the M11 template a section for one), so
the summary is written as protocolgen's own narrative content items, found again by name:
``Plain-language summary`` holds the text (one ``<p>`` per paragraph) and each question is an
item ``Plain-language summary: question <n>`` whose first paragraph is the question and the
others its answer. Other tools see them as unplaced narrative text (docs/usdm.md).
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from protocolgen.interop.usdm.codes import Ids, base
from protocolgen.interop.usdm.read_state import State

NAME = "Plain-language summary"
_QUESTION = f"{NAME}: question "
_PARAGRAPHS = re.compile(r"\n\s*\n")


def _xhtml(*paragraphs: str) -> str:
    return "".join(
        f"<p>{escape(part.strip(), quote=False)}</p>"
        for text in paragraphs
        for part in _PARAGRAPHS.split(text)
        if part.strip()
    )


def write_summary(ids: Ids, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The narrative content items of ``description.plain_language_summary``."""
    summary = spec.get("description", {}).get("plain_language_summary") or {}
    items = []
    if summary.get("text"):
        items.append(base(ids, "NarrativeContentItem", name=NAME, text=_xhtml(summary["text"])))
    for number, qa in enumerate(summary.get("questions", []), 1):
        question = " ".join(qa["question"].split())  # one paragraph, so it reads back whole
        items.append(
            base(
                ids,
                "NarrativeContentItem",
                name=f"{_QUESTION}{number}",
                text=_xhtml(question, qa["answer"]),
            )
        )
    return items


def read_summary(s: State, version: dict[str, Any]) -> dict[str, Any]:
    """``plain_language_summary`` from the items :func:`write_summary` names; ``{}`` without."""
    out: dict[str, Any] = {}
    questions = []
    for item in version.get("narrativeContentItems", []):
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or "")
        if name == NAME:
            out["text"] = s.text(item)
        elif name.startswith(_QUESTION):
            question, _, answer = s.text(item).partition("\n\n")
            questions.append({"question": question, "answer": answer.strip()})
    if questions:
        out["questions"] = questions
    return out
