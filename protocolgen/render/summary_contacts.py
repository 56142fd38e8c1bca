"""The people sections of the registry summary: contacts, locations by country, investigators.

Part of the summary view model (:mod:`.view`); the dataclasses here are what the summary
templates read under ``central_contacts``, ``countries``, ``people_rows`` and ``officials``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from protocolgen import labels as L
from protocolgen.render.display import Row, dicts, join, required, text
from protocolgen.render.synopsis_annex import organisation


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True)
class Site:
    facility: str
    status: str
    place: str  # "City, State, Zip"
    contacts: list[Contact]


@dataclass(frozen=True)
class Country:
    name: str
    sites: list[Site]


def contact(raw: dict[str, Any]) -> Contact:
    """A central or site contact; the extension follows the phone number."""
    phone = join(text(raw.get("phone")), text(raw.get("phone_ext")), sep=" ext. ")
    role = L.label(L.CONTACT_ROLE, raw.get("role"))
    return Contact(text(raw.get("name")), role, phone, text(raw.get("email")))


def countries(data: dict[str, Any]) -> list[Country]:
    """The locations grouped by country, as CT.gov lists them."""
    grouped: dict[str, list[Site]] = {}
    for raw in dicts(data.get("locations")):
        place = join(text(raw.get("city")), text(raw.get("state")), text(raw.get("zip")))
        site = Site(
            # Required: a site without a name shows [Missing] with its place, not "****".
            facility=required(raw.get("facility")),
            status=L.label(L.STATUS, raw.get("status")),
            place=place,
            contacts=[contact(c) for c in dicts(raw.get("contacts"))],
        )
        grouped.setdefault(required(raw.get("country")), []).append(site)
    # Countries alphabetically, sites in the order the spec lists them (as CT.gov does).
    return [Country(name, sites) for name, sites in sorted(grouped.items())]


def people(data: dict[str, Any]) -> tuple[list[Row], list[Row]]:
    """(the lead sponsor row, one row per official).

    The responsible party is shown under "More Information", as on CT.gov
    (:mod:`.summary_more`).
    """
    sponsors = data.get("sponsors") or {}
    lead = sponsors.get("lead") or {}
    found = [Row("Lead Sponsor", organisation(lead, "/sponsors/lead") if lead.get("name")
                 else required(None))]
    officials = [
        Row(L.label(L.CONTACT_ROLE, o.get("role")) or "Official",
            join(text(o.get("name")), text(o.get("affiliation"))))
        for o in dicts((data.get("contacts") or {}).get("officials"))
    ]
    return found, officials
