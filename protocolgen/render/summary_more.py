"""The record-keeping parts of the registry summary: other study IDs, publications, and the
"More Information" section (responsible party, oversight flags, IPD sharing statement).

Part of the summary view model (:mod:`.view`); the dataclasses here are what the summary
templates read under ``other_ids``, ``references``, ``more_rows`` and ``ipd_rows``.
Web addresses from the spec are kept as text; only an ``http``/``https`` one also gets an
``href`` (:func:`.display.web_link`), so a ``javascript:`` URL is never an active link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from protocolgen import labels as L
from protocolgen.render.display import (
    Row,
    dicts,
    join,
    required,
    rows,
    strings,
    text,
    web_link,
)

#: The oversight flags of a spec, with the wording of the CT.gov study page.
OVERSIGHT = (
    ("has_dmc", "Data Monitoring Committee"),
    ("fda_regulated_drug", "Studies a U.S. FDA-regulated Drug Product"),
    ("fda_regulated_device", "Studies a U.S. FDA-regulated Device Product"),
    ("unapproved_device", "Device Product Not Approved or Cleared by U.S. FDA"),
    ("us_export", "Product Manufactured in and Exported from the U.S."),
)


@dataclass(frozen=True)
class OtherId:
    """One of the "Other Study ID Numbers": the sponsor's own ID or a secondary ID."""

    id: str
    detail: str  # "U.S. NIH Grant/Contract", "Other Identifier: ABCSG GmbH"
    link: str  # the address as written
    href: str  # the same address when it may be a link, else ""


@dataclass(frozen=True)
class Reference:
    type: str  # "Background", "Result", "Derived"; "" when the spec does not say
    text: str  # citation, PMID and URL


def other_ids(ident: dict[str, Any]) -> list[OtherId]:
    """The sponsor protocol ID, then each secondary ID with its type label and issuer."""
    found = [OtherId(i, "", "", "") for i in strings([ident.get("sponsor_protocol_id")])]
    for raw in dicts(ident.get("secondary_ids")):
        link = text(raw.get("link"))
        kind = L.label(L.SECONDARY_ID_TYPE, raw.get("type"))
        found.append(OtherId(required(raw.get("id")), join(kind, text(raw.get("domain")),
                                                           sep=": "), link, web_link(link)))
    return found


def references(data: dict[str, Any]) -> list[Reference]:
    """The publications as listed, each marked with its type."""
    return [
        Reference(
            L.label(L.REFERENCE_TYPE, r.get("type")),
            join(text(r.get("citation")), f"PMID {r['pmid']}" if r.get("pmid") else "",
                 text(r.get("url")), sep=" "),
        )
        for r in dicts(data.get("references"))
    ]


def responsible_party(data: dict[str, Any]) -> str:
    """"Principal Investigator: Junwei Hao, MD, Director of Neurology Department"."""
    party = (data.get("sponsors") or {}).get("responsible_party") or {}
    who = join(text(party.get("name")), text(party.get("title")), text(party.get("affiliation")))
    return join(L.label(L.RESPONSIBLE_PARTY, party.get("type")), who, sep=": ")


def more_rows(data: dict[str, Any]) -> list[Row]:
    """Responsible party and the oversight flags (Yes/No); an absent flag is left out."""
    oversight = data.get("oversight") or {}
    return rows(
        ("Responsible Party", responsible_party(data)),
        *((label, text(oversight.get(key))) for key, label in OVERSIGHT),
    )


def ipd_rows(data: dict[str, Any]) -> list[Row]:
    """The IPD sharing statement; ``[]`` when the spec has none."""
    ipd = data.get("ipd_sharing") or {}
    if not ipd:
        return []
    url = text(ipd.get("url"))
    info = ", ".join(L.label(L.IPD_INFO_TYPE, t) for t in strings(ipd.get("info_types")))
    return [
        Row("Plan to Share IPD", required(L.label(L.IPD_SHARING, ipd.get("plan")))),
        *rows(
            ("Plan Description", text(ipd.get("description"))),
            ("Supporting Information", info),
            ("Time Frame", text(ipd.get("time_frame"))),
            ("Access Criteria", text(ipd.get("access_criteria"))),
        ),
        *([Row("URL", url, web_link(url))] if url else []),
    ]
