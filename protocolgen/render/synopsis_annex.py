"""Rows of the unnumbered annexes of the PDF synopsis: sponsors, status and dates.

Part of the synopsis view model (:mod:`.synopsis_view`): sponsors with their roles and
agency classes, the responsible party, the recruitment status, the trial's key dates and
the registry record's dates. Criteria and narrative text come from :mod:`.protocol_text`.
"""

from __future__ import annotations

from typing import Any

from protocolgen import labels
from protocolgen.render.assumed_view import mark
from protocolgen.render.display import Row, join, plain


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


