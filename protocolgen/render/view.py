"""Spec data + findings → the typed view model the summary templates get, and nothing else.

Every decision about *what* a reader sees is made here, where it can be tested: codes become
display labels, sites are grouped by country, arms are joined with their interventions by id,
dates carry "(Actual)"/"(Estimated)", and a required item that is empty becomes
:data:`MISSING` instead of silently vanishing. Templates only decide how it looks.

Only schema-valid data (a spec without error findings) is passed here. The sections are
built in :mod:`.summary_contacts`, :mod:`.summary_design` and :mod:`.summary_more`, from the
display helpers in :mod:`.display`; this module puts them together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from protocolgen import labels as L
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.quoting import clean_data, document_text
from protocolgen.render.assumed_view import AssumedNote, mark, marking, notes
from protocolgen.render.display import (
    MISSING,
    Row,
    condition_terms,
    dated,
    dicts,
    join,
    required,
    rows,
    strings,
    text,
)
from protocolgen.render.protocol_text import (
    Criterion,
    Section,
    criteria,
    criteria_note,
    narrative,
    paragraphs,
    sites_note,
)
from protocolgen.render.summary_contacts import Contact, Country, contact, countries, people
from protocolgen.render.summary_design import (
    Arm,
    Intervention,
    OutcomeGroup,
    Visit,
    ages,
    arms,
    design_rows,
    outcomes,
    overview_interventions,
    visits,
)
from protocolgen.render.summary_more import OtherId, Reference, ipd_rows, more_rows, other_ids
from protocolgen.render.summary_more import references as publications
from protocolgen.render.synopsis_annex import organisation
from protocolgen.render.synopsis_arms import part_rows
from protocolgen.render.synopsis_design import Objective, objectives
from protocolgen.render.synopsis_design import design_rows as m11_design_rows

__all__ = ["MISSING", "Gap", "Summary", "build_summary"]


@dataclass(frozen=True)
class Gap:
    """An open finding of a draft (no file path: output must not depend on the cwd)."""

    line: int
    code: str
    message: str


@dataclass(frozen=True)
class Summary:
    """The registry summary of one trial; fields follow the CT.gov section order."""

    # header
    title: str
    acronym: str
    registry_ids: list[Row]
    status: str
    #: For an "Unknown status" record: the status the registry last knew ("" otherwise).
    last_known_status: str
    sponsor: str
    protocol_version: str
    # overview
    brief_summary: str
    detailed_description: str
    official_title: str
    conditions: list[str]
    keywords: list[str]
    interventions: list[Intervention]
    other_ids: list[OtherId]
    overview_rows: list[Row]
    # contacts and locations
    central_contacts: list[Contact]
    countries: list[Country]
    # participation criteria
    inclusion: list[Criterion]
    exclusion: list[Criterion]
    criteria_incomplete: bool
    #: What the source says it leaves out ("See 6 more"), as a sentence ("" when nothing).
    criteria_note: str
    participation_rows: list[Row]
    # study plan
    design_rows: list[Row]
    #: The ICH M11 §1.1.2 overall-design elements the registry record has no place for.
    m11_rows: list[Row]
    parts: list[Row]
    arms: list[Arm]
    outcome_groups: list[OutcomeGroup]
    objectives: list[Objective]
    plain_summary: list[str]
    questions: list[tuple[str, list[str]]]
    sites_note: str
    sections: list[Section]
    assumed: list[AssumedNote]
    # follow-up schedule
    schedule_text: str
    epochs: list[Row]
    visits: list[Visit]
    # collaborators and investigators
    people_rows: list[Row]
    collaborators: list[str]
    officials: list[Row]
    # references
    references: list[Reference]
    links: list[Row]
    # more information: responsible party, oversight flags; the IPD sharing statement
    more_rows: list[Row]
    ipd_rows: list[Row]
    # record dates
    record_dates: list[Row]
    #: True when the spec still has warnings: it renders, but is marked as a draft.
    draft: bool = False
    gaps: list[Gap] = field(default_factory=list)
    missing: str = MISSING


def _gaps(findings: Sequence[Diagnostic]) -> list[Gap]:
    return [
        Gap(d.line, d.code, document_text(d.message))
        for d in sorted(findings)
        if d.severity is Severity.WARNING
    ]


def build_summary(data: dict[str, Any], findings: Sequence[Diagnostic] = ()) -> Summary:
    """Build the :class:`Summary` of one schema-valid spec and its (non-error) findings.

    Control characters in spec text are dropped here, where the view takes its text.
    """
    data = clean_data(data)
    with marking(findings):
        return _build(data, findings)


def _build(data: dict[str, Any], findings: Sequence[Diagnostic]) -> Summary:
    ident, status = data.get("identification") or {}, data.get("status") or {}
    design, desc = data.get("design") or {}, data.get("description") or {}
    elig, schedule = data.get("eligibility") or {}, data.get("schedule") or {}
    record = data.get("registry_record") or {}
    version = ident.get("protocol_version") or {}
    enrollment = design.get("enrollment") or {}
    people_rows, officials = people(data)
    pls = desc.get("plain_language_summary") or {}
    gaps = _gaps(findings)
    phase = L.phases(strings(design.get("phases")))
    if design.get("study_type") == "INTERVENTIONAL":
        phase = required(phase)  # CT.gov requires a phase ("Not Applicable" counts)
    return Summary(
        title=required(ident.get("brief_title")),
        acronym=text(ident.get("acronym")),
        registry_ids=[
            Row(text(r.get("registry")), text(r.get("id")))
            for r in dicts(ident.get("registrations"))
        ],
        status=mark(required(L.label(L.STATUS, status.get("overall"))), "/status/overall"),
        last_known_status=L.label(L.STATUS, status.get("last_known")),
        sponsor=mark(required(((data.get("sponsors") or {}).get("lead") or {}).get("name")),
                     "/sponsors/lead"),
        protocol_version=join(
            text(version.get("number")), text(version.get("date")), text(version.get("amendment"))
        ),
        brief_summary=required(desc.get("brief_summary")),
        detailed_description=required(desc.get("detailed_description")),
        official_title=text(ident.get("official_title")),
        conditions=[mark(text(term), f"/conditions/{n}")
                    for n, term in enumerate(condition_terms(data))],
        keywords=strings(data.get("keywords")),
        interventions=overview_interventions(data),
        other_ids=other_ids(ident),
        overview_rows=[
            Row("Study Start", mark(dated(status.get("start_date")), "/status/start_date")),
            Row("Primary Completion", mark(dated(status.get("primary_completion_date")),
                                           "/status/primary_completion_date")),
            Row("Study Completion", mark(dated(status.get("completion_date")),
                                         "/status/completion_date")),
            Row(
                "Enrollment",
                mark(dated({"date": enrollment.get("count"), "type": enrollment.get("type")}),
                     "/design/enrollment"),
            ),
            Row("Study Type", mark(required(L.label(L.STUDY_TYPE, design.get("study_type"))),
                                   "/design/study_type")),
            *rows(("Phase", mark(phase, "/design/phases")),
                  ("Why Stopped", text(status.get("why_stopped")))),
        ],
        central_contacts=[contact(c) for c in dicts((data.get("contacts") or {}).get("central"))],
        countries=countries(data),
        inclusion=criteria(elig.get("inclusion") or [], "/eligibility/inclusion"),
        exclusion=criteria(elig.get("exclusion") or [], "/eligibility/exclusion"),
        criteria_incomplete=elig.get("criteria_incomplete") is True,
        criteria_note=criteria_note(elig),
        participation_rows=[
            Row("Ages Eligible for Study", mark(ages(elig), "/eligibility/minimum_age",
                                                "/eligibility/maximum_age")),
            Row("Sexes Eligible for Study", mark(required(L.label(L.SEX, elig.get("sex"))),
                                                 "/eligibility/sex")),
            Row("Accepts Healthy Volunteers", mark(required(elig.get("healthy_volunteers")),
                                                   "/eligibility/healthy_volunteers")),
            *rows(
                ("Study Population", text(elig.get("study_population"))),
                ("Sampling Method", L.label(L.SAMPLING_METHOD, elig.get("sampling_method"))),
            ),
        ],
        design_rows=design_rows(design),
        m11_rows=[r for r in m11_design_rows(data) if r.value],
        parts=part_rows(design),
        arms=arms(data),
        outcome_groups=outcomes(data.get("outcomes") or {}),
        objectives=objectives(data)[0],
        plain_summary=paragraphs(pls.get("text", "")),
        questions=[(q["question"], paragraphs(q["answer"])) for q in pls.get("questions", [])],
        sites_note=sites_note(data),
        sections=[s for s in narrative(data) if s.title != "Detailed description"],
        assumed=notes(data),
        schedule_text=mark(text(schedule.get("description")), "/schedule/description"),
        epochs=[
            Row(
                text(e.get("name")),
                join(text(e.get("duration")), text(e.get("description")), sep=" — "),
            )
            for e in dicts(schedule.get("epochs"))
        ],
        visits=visits(schedule),
        people_rows=people_rows,
        collaborators=[
            organisation(c, f"/sponsors/collaborators/{n}")
            for n, c in enumerate(dicts(data.get("sponsors", {}).get("collaborators")))
        ],
        officials=officials,
        references=publications(data),
        links=[
            Row(text(k.get("label")) or text(k.get("url")), text(k.get("url")))
            for k in dicts(data.get("links"))
        ],
        more_rows=more_rows(data),
        ipd_rows=ipd_rows(data),
        record_dates=rows(
            ("First Submitted", text(record.get("first_submitted"))),
            ("First Posted", text(record.get("first_posted"))),
            ("Last Update Submitted", text(record.get("last_update_submitted"))),
            ("Last Update Posted", text(record.get("last_update_posted"))),
            ("Results First Posted", text(record.get("results_first_posted"))),
            ("Last Verified", text(status.get("verified_date"))),
            ("Source", text(record.get("source"))),
        ),
        draft=bool(gaps),
        gaps=gaps,
    )
