"""The unnumbered annexes of the PDF synopsis: what the spec holds outside M11 §1.

Part of the synopsis view model (:mod:`.synopsis_view`): the full eligibility criteria with
the source's own numbers, sponsors with their roles and classes, the responsible party,
contacts and sites (with the source's site count), registry status and dates, and the
further protocol text (detailed description, narrative sections).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from protocolgen import labels
from protocolgen.render.assumed_view import mark
from protocolgen.render.display import Row, join, plain


@dataclass(frozen=True)
class Criterion:
    """An eligibility criterion; ``number`` is the source's number, printed as text."""

    text: str
    number: str
    sub: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    """A titled block of text (a narrative section); ``text`` keeps its paragraphs."""

    title: str
    paragraphs: list[str]


def paragraphs(text: str) -> list[str]:
    """Text split at blank lines, each paragraph's line breaks kept as spaces."""
    return [" ".join(p.split("\n")) for p in text.split("\n\n") if p.strip()]


def criteria(items: Sequence[Any], at: str) -> list[Criterion]:
    """Inclusion or exclusion criteria. A spec number is kept; unnumbered items count on
    from the previous number, so the list a reader sees is numbered as the source is."""
    out = []
    last = 0
    for n, item in enumerate(items):
        pointer = f"{at}/{n}"
        if isinstance(item, str):
            last += 1
            out.append(Criterion(mark(item, pointer), str(last)))
            continue
        last = item.get("number", last + 1)
        out.append(Criterion(mark(plain(item.get("text")), pointer), str(last),
                             [str(s) for s in item.get("sub", [])]))
    return out


def organisation(org: dict[str, Any], at: str) -> str:
    """``Galilee CBR (Industry Sponsor; class: Industry)``."""
    cls = labels.label(labels.AGENCY_CLASS, org.get("class"))
    extra = join(plain(org.get("role")), f"class: {cls}" if cls else "", sep="; ")
    return mark(org["name"] + (f" ({extra})" if extra else ""), at)


def sponsor_rows(data: dict[str, Any]) -> list[Row]:
    """Lead sponsor, collaborators, funders and the responsible party, with roles and classes."""
    sponsors = data["sponsors"]
    rp = sponsors.get("responsible_party", {})
    party = ""
    if rp:
        party = mark(join(labels.label(labels.RESPONSIBLE_PARTY, rp["type"]),
                          join(*(plain(rp.get(k)) for k in ("name", "title", "affiliation"))),
                          sep=": "), "/sponsors/responsible_party")
    return [
        Row("Lead sponsor", organisation(sponsors["lead"], "/sponsors/lead")),
        Row("Collaborators", "; ".join(organisation(c, f"/sponsors/collaborators/{n}")
                                       for n, c in enumerate(sponsors.get("collaborators", [])))
            or "None listed"),
        *([Row("Funders", "; ".join(organisation(c, f"/sponsors/funders/{n}")
                                    for n, c in enumerate(sponsors["funders"])))]
          if sponsors.get("funders") else []),
        Row("Responsible party", party),
    ]


def _dated(value: dict[str, Any] | None, at: str) -> str:
    if not value:
        return ""
    kind = labels.label(labels.DATE_TYPE, value.get("type"))
    return mark(value["date"] + (f" ({kind})" if kind else ""), at)


def status_rows(data: dict[str, Any]) -> list[Row]:
    """Recruitment status, the trial's key dates and the registry record's dates."""
    status = data["status"]
    record = data.get("registry_record") or {}
    rows = [
        Row("Recruitment status", mark(labels.label(labels.STATUS, status["overall"]),
                                       "/status/overall")),
        *([Row("Last known status", labels.label(labels.STATUS, status["last_known"]))]
          if status.get("last_known") else []),
        *([Row("Why stopped", status["why_stopped"])] if status.get("why_stopped") else []),
        Row("Study start", _dated(status.get("start_date"), "/status/start_date")),
        Row("Primary completion", _dated(status.get("primary_completion_date"),
                                         "/status/primary_completion_date")),
        Row("Study completion", _dated(status.get("completion_date"), "/status/completion_date")),
    ]
    if status.get("verified_date"):
        rows.append(Row("Record verified", status["verified_date"]))
    for key, title in (("first_submitted", "First submitted"), ("first_posted", "First posted"),
                       ("last_update_submitted", "Last update submitted"),
                       ("last_update_posted", "Last update posted"),
                       ("results_first_posted", "Results first posted")):
        if record.get(key):
            rows.append(Row(title, mark(record[key], f"/registry_record/{key}")))
    if "has_results" in record:
        rows.append(Row("Results posted", "Yes" if record["has_results"] else "No"))
    if record.get("source"):
        rows.append(Row("Source of this record", record["source"]))
    return rows


def narrative(data: dict[str, Any]) -> list[Section]:
    """The detailed description and the narrative sections, as written."""
    out = []
    detailed = data["description"].get("detailed_description", "")
    if detailed:
        out.append(Section("Detailed description",
                           [mark(p, "/description/detailed_description")
                            for p in paragraphs(detailed)]))
    for key, value in (data.get("narrative") or {}).items():
        if isinstance(value, dict):
            out.append(Section(key, [f"Not applicable: {value['not_applicable']}"]))
        else:
            out.append(Section(key, paragraphs(value)))
    return out
