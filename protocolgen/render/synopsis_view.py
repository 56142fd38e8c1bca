"""Spec data + findings → the typed view model the PDF synopsis templates read.

Shaped like the ICH M11 protocol summary: title block, synopsis (objectives and endpoints,
overall design, population, interventions per arm), trial schema, schedule of activities,
contacts and sites, then what is still missing. Every value is a plain string, list or
dataclass, so templates never reach into the raw spec or call Python.

This module builds the title block, contacts, sites and findings and puts the document
together; the synopsis sections come from :mod:`.synopsis_design`, the trial schema and the
schedule of activities from :mod:`.soa_view`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from protocolgen import labels
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.quoting import clean_data, document_text
from protocolgen.render.display import Row, condition_terms, join, plain
from protocolgen.render.output import build_date
from protocolgen.render.soa_view import (
    SchemaTable,
    Soa,
    build_schema,
    build_soa,
)
from protocolgen.render.synopsis_design import (
    Arm,
    Criterion,
    Endpoint,
    Objective,
    arms,
    criteria,
    design_rows,
    objectives,
    population_rows,
)

__all__ = ["Missing", "Synopsis", "build_synopsis"]


@dataclass(frozen=True)
class Missing:
    """A finding listed on the "what is missing" page."""

    code: str
    severity: str
    where: str
    message: str
    hint: str


@dataclass
class Synopsis:
    """Everything the synopsis templates show."""

    title: str
    short_title: str
    acronym: str
    protocol_id: str
    version: str
    version_date: str
    running_header: str
    lang: str
    author: str
    keywords: str
    #: ``dcterms.created``/``modified``: the spec's protocol version date, never "now".
    meta_date: str
    #: Shown only when ``SOURCE_DATE_EPOCH`` is set, so unset builds stay reproducible.
    build_date: str
    title_rows: list[Row]
    objectives: list[Objective]
    unlinked_endpoints: list[Endpoint]
    design_rows: list[Row]
    population_rows: list[Row]
    inclusion: list[Criterion]
    exclusion: list[Criterion]
    criteria_incomplete: bool
    arms: list[Arm]
    schema: SchemaTable
    soa: Soa
    central_contacts: list[list[str]]
    officials: list[list[str]]
    sites: list[list[str]]
    missing: list[Missing]

    @property
    def draft(self) -> bool:
        """A spec with warnings or errors renders as a marked draft."""
        return bool(self.missing)


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _registry_ids(ident: dict[str, Any]) -> str:
    ids = [f"{r['registry']}: {r['id']}" for r in ident.get("registrations", [])]
    ids += [
        f"{s.get('domain') or s.get('type') or 'Other'}: {s['id']}"
        for s in ident.get("secondary_ids", [])
    ]
    return "; ".join(ids)


def _contact_cells(person: dict[str, Any]) -> list[str]:
    phone = plain(person.get("phone")) + (
        f" ext. {person['phone_ext']}" if person.get("phone_ext") else ""
    )
    return [
        person["name"],
        labels.label(labels.CONTACT_ROLE, person.get("role")),
        phone,
        plain(person.get("email")),
    ]


def build_synopsis(data: dict[str, Any], findings: Sequence[Diagnostic]) -> Synopsis:
    """Build the synopsis view of one schema-valid spec and its findings.

    Control characters in spec text are dropped here, where the view takes its text.
    """
    data = clean_data(data)
    ident = data["identification"]
    version = ident.get("protocol_version", {})
    title = ident.get("official_title") or ident["brief_title"]
    protocol_id = plain(ident.get("sponsor_protocol_id"))
    number = plain(version.get("number"))
    header = join(
        f"Protocol {protocol_id}" if protocol_id else ident.get("acronym", ""),
        f"Version {number}" if number else "",
        plain(version.get("date")),
        sep=" · ",
    )
    sponsors = data["sponsors"]
    linked, unlinked = objectives(data)
    elig = data["eligibility"]
    return Synopsis(
        title=title,
        short_title=ident["brief_title"] if ident["brief_title"] != title else "",
        acronym=plain(ident.get("acronym")),
        protocol_id=protocol_id,
        version=number,
        version_date=plain(version.get("date")),
        running_header=header or _clip(ident["brief_title"], 90),
        lang="en",
        author=sponsors["lead"]["name"],
        keywords=", ".join(condition_terms(data)),
        meta_date=plain(version.get("date")),
        build_date=build_date(),
        title_rows=[
            Row("Sponsor protocol identifier", protocol_id),
            Row("Acronym", plain(ident.get("acronym"))),
            Row(
                "Protocol version",
                join(
                    number,
                    f"({version['date']})" if version.get("date") else "",
                    f"amendment {version['amendment']}" if version.get("amendment") else "",
                    sep=" ",
                ),
            ),
            Row("Sponsor", sponsors["lead"]["name"]),
            Row("Collaborators", "; ".join(c["name"] for c in sponsors.get("collaborators", []))),
            Row("Trial phase", labels.phases(data["design"].get("phases", []))),
            Row("Registry identifiers", _registry_ids(ident)),
            Row("Recruitment status", labels.label(labels.STATUS, data["status"]["overall"])),
        ],
        objectives=linked,
        unlinked_endpoints=unlinked,
        design_rows=design_rows(data),
        population_rows=population_rows(data),
        inclusion=criteria(elig["inclusion"]),
        exclusion=criteria(elig["exclusion"]),
        criteria_incomplete=bool(elig.get("criteria_incomplete")),
        arms=arms(data),
        schema=build_schema(data),
        soa=build_soa(data),
        central_contacts=[_contact_cells(c) for c in data["contacts"]["central"]],
        officials=[
            [
                o["name"],
                labels.label(labels.CONTACT_ROLE, o.get("role")),
                plain(o.get("affiliation")),
            ]
            for o in data["contacts"]["officials"]
        ],
        sites=[
            [
                loc["facility"],
                join(*(plain(loc.get(k)) for k in ("city", "state", "zip"))),
                loc["country"],
                labels.label(labels.STATUS, loc.get("status")),
                "; ".join(
                    ", ".join(x for x in _contact_cells(c) if x and x != "Contact")
                    for c in loc.get("contacts", [])
                ),
            ]
            for loc in data.get("locations", [])
        ],
        missing=[
            Missing(
                d.code,
                d.severity.label,
                document_text(f"line {d.line}, {d.pointer or '/'}"),
                document_text(d.message),
                document_text(d.hint),
            )
            for d in findings
            if d.severity >= Severity.WARNING
        ],
    )
