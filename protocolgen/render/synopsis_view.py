"""Spec data + findings → the typed view model the PDF synopsis templates read.

Shaped like ICH M11 (Step 4): a title page with every title-page field, then "1 Protocol
Summary" — 1.1 Protocol Synopsis (1.1.1 objectives and estimands, 1.1.2 overall design),
1.2 Trial Schema, 1.3 Schedule of Activities — and then unnumbered annexes for what the
spec holds outside M11 §1 (criteria, sponsors, contacts and sites, registry dates, further
text, assumed values, what is missing). Every value is a plain string, list or dataclass,
so templates never reach into the raw spec or call Python.

This module puts the document together; the title page rows come from
:mod:`.synopsis_title`, 1.1 from
:mod:`.synopsis_design`, the arms from :mod:`.synopsis_arms`, 1.2 and 1.3 from
:mod:`.soa_view`, the annexes from :mod:`.synopsis_annex`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from protocolgen import labels
from protocolgen.assumptions import CODE as ASSUMED
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.quoting import clean_data, document_text
from protocolgen.render.assumed_view import AssumedNote, mark, marking, notes
from protocolgen.render.display import Row, condition_terms, join, plain
from protocolgen.render.output import build_date
from protocolgen.render.protocol_text import (
    Criterion,
    Section,
    criteria,
    criteria_note,
    narrative,
    paragraphs,
    sites_note,
)
from protocolgen.render.soa_view import (
    SchemaTable,
    Soa,
    build_schema,
    build_soa,
)
from protocolgen.render.synopsis_annex import sponsor_rows, status_rows
from protocolgen.render.synopsis_arms import Arm, arms
from protocolgen.render.synopsis_design import (
    Endpoint,
    Objective,
    design_rows,
    objectives,
)
from protocolgen.render.synopsis_title import title_rows

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
    confidentiality: str
    title_rows: list[Row]
    brief_summary: list[str]
    plain_summary: list[str]
    questions: list[tuple[str, list[str]]]
    objectives: list[Objective]
    unlinked_endpoints: list[Endpoint]
    design_rows: list[Row]
    population_rows: list[Row]
    inclusion: list[Criterion]
    exclusion: list[Criterion]
    #: "The source shows only part of the criteria", with its count when it gives one.
    criteria_note: str
    arms: list[Arm]
    schema: SchemaTable
    soa: Soa
    sponsor_rows: list[Row]
    status_rows: list[Row]
    central_contacts: list[list[str]]
    officials: list[list[str]]
    sites: list[list[str]]
    sites_note: str
    sections: list[Section]
    assumed: list[AssumedNote]
    missing: list[Missing]

    @property
    def draft(self) -> bool:
        """A spec with warnings or errors (assumed values included) renders as a marked draft."""
        return bool(self.missing or self.assumed)

    @property
    def draft_note(self) -> str:
        """What a draft says under its title, in every format: the open findings and the
        assumed values, each only when there are some."""
        note = "This synopsis is a draft:"
        if self.missing:
            n = len(self.missing)
            note += (f" the spec has {n} open finding{'s' if n != 1 else ''}, listed in the "
                     "annex \"What is missing\".")
        if self.assumed:
            n = len(self.assumed)
            note += (f" {n} value{'s are' if n != 1 else ' is'} assumed, not taken from a "
                     "source: each is marked [assumed] and listed in the annex \"Assumed "
                     "values\".")
        return note


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


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


def _people(data: dict[str, Any]) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    central = [_contact_cells(c) for c in data["contacts"]["central"]]
    officials = [
        [o["name"], labels.label(labels.CONTACT_ROLE, o.get("role")), plain(o.get("affiliation"))]
        for o in data["contacts"]["officials"]
    ]
    sites = [
        [
            mark(loc["facility"], f"/locations/{n}/facility"),
            join(*(plain(loc.get(k)) for k in ("city", "state", "zip"))),
            loc["country"],
            labels.label(labels.STATUS, loc.get("status")),
            "; ".join(
                ", ".join(x for x in _contact_cells(c) if x and x != "Contact")
                for c in loc.get("contacts", [])
            ),
        ]
        for n, loc in enumerate(data.get("locations", []))
    ]
    return central, officials, sites


def _population_rows(data: dict[str, Any]) -> list[Row]:
    elig = data["eligibility"]
    return [
        Row("Sex", mark(labels.label(labels.SEX, elig["sex"]), "/eligibility/sex")),
        Row("Healthy volunteers", mark("Accepted" if elig["healthy_volunteers"]
                                       else "Not accepted", "/eligibility/healthy_volunteers")),
    ]


def build_synopsis(data: dict[str, Any], findings: Sequence[Diagnostic]) -> Synopsis:
    """Build the synopsis view of one schema-valid spec and its findings.

    Control characters in spec text are dropped here, where the view takes its text.
    """
    data = clean_data(data)
    """Build the synopsis view of one schema-valid spec and its findings."""
    with marking(findings):
        return _build(data, findings)


def _build(data: dict[str, Any], findings: Sequence[Diagnostic]) -> Synopsis:
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
    description = data["description"]
    pls = description.get("plain_language_summary", {})
    central, officials, sites = _people(data)
    # An assumed lead sponsor is not the document's author: name every sponsor instead.
    author = sponsors["lead"]["name"]
    if mark("x", "/sponsors/lead") != "x":
        author = "; ".join([author] + [c["name"] for c in sponsors.get("collaborators", [])])
    return Synopsis(
        title=mark(title, "/identification/official_title" if ident.get("official_title")
                   else "/identification/brief_title"),
        short_title="",
        acronym=plain(ident.get("acronym")),
        protocol_id=protocol_id,
        version=number,
        version_date=plain(version.get("date")),
        running_header=header or _clip(ident["brief_title"], 90),
        lang="en",
        author=author,
        keywords=", ".join(condition_terms(data)),
        meta_date=plain(version.get("date")),
        build_date=build_date(),
        confidentiality=plain(ident.get("confidentiality_statement")),
        title_rows=title_rows(data),
        brief_summary=[mark(p, "/description/brief_summary")
                       for p in paragraphs(description["brief_summary"])],
        plain_summary=paragraphs(pls.get("text", "")),
        questions=[(q["question"], paragraphs(q["answer"])) for q in pls.get("questions", [])],
        objectives=linked,
        unlinked_endpoints=unlinked,
        design_rows=design_rows(data),
        population_rows=_population_rows(data),
        inclusion=criteria(elig["inclusion"], "/eligibility/inclusion"),
        exclusion=criteria(elig["exclusion"], "/eligibility/exclusion"),
        criteria_note=criteria_note(elig),
        arms=arms(data),
        schema=build_schema(data),
        soa=build_soa(data),
        sponsor_rows=sponsor_rows(data),
        status_rows=status_rows(data),
        central_contacts=central,
        officials=officials,
        sites=sites,
        sites_note=sites_note(data),
        sections=narrative(data),
        assumed=notes(data),
        missing=[
            Missing(
                d.code,
                d.severity.label,
                document_text(f"line {d.line}, {d.pointer or '/'}"),
                document_text(d.message),
                document_text(d.hint),
            )
            for d in findings
            # Assumed values are listed with their reasons in their own annex.
            if d.severity >= Severity.WARNING and d.code != ASSUMED
        ],
    )
