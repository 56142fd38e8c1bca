"""The unnumbered annexes of the Word synopsis, as in the PDF (templates/_synopsis_annex.j2).

Eligibility criteria are a real Word numbered list that keeps the spec's numbers: a list
instance starts at the spec's first number and a new one starts wherever the spec's numbers
jump (:class:`~.docx_package.Numbering`); a list the spec leaves unnumbered is bulleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from protocolgen.render.docx_package import Numbering, list_item
from protocolgen.render.docx_parts import add_run, heading, para, rows_table, styled, table
from protocolgen.render.protocol_text import Criterion
from protocolgen.render.synopsis_view import Synopsis


def criteria(doc: Any, items: Sequence[Criterion], numbering: Numbering) -> None:
    """``items`` as list paragraphs numbered with the spec's own numbers."""
    if not items:
        para(doc, "")
        return
    num_id, expected = 0, None
    for c in items:
        number = int(c.number) if c.number else None
        if not num_id or number != expected:  # first item, or the spec's numbers jump
            num_id = numbering.start(number)
        expected = number + 1 if number is not None else None
        paragraph = styled(doc, "List Paragraph")
        add_run(paragraph, c.text)
        list_item(paragraph, num_id)
        for sub in c.sub:
            child = styled(doc, "List Paragraph")
            add_run(child, sub)
            list_item(child, num_id, level=1)


def _people(doc: Any, view: Synopsis) -> None:
    heading(doc, "Annex: Sponsors, contacts and sites", 1)
    rows_table(doc, view.sponsor_rows)
    # The columns the PDF leaves empty when the spec has nothing, as in the PDF.
    for title, header, rows, blank in (
        ("Central contacts", ["Name", "Role", "Phone", "Email"], view.central_contacts,
         {0, 1, 2, 3}),
        ("Investigators", ["Name", "Role", "Affiliation"], view.officials, set()),
        ("Sites", ["Site", "Location", "Country", "Status", "Site contact"], view.sites, {4}),
    ):
        heading(doc, title, 2)
        if rows:
            table(doc, header, rows, blank=blank)
        else:
            para(doc, "")
    if view.sites_note:
        para(doc, view.sites_note, note=True)


def annexes(doc: Any, view: Synopsis, *, page_break: bool = True) -> None:
    """Eligibility, people, status, further text, assumed values and what is missing."""
    heading(doc, "Annex: Eligibility criteria", 1, page_break=page_break)
    rows_table(doc, view.population_rows)
    numbering = Numbering(doc)
    heading(doc, "Inclusion criteria", 2)
    criteria(doc, view.inclusion, numbering)
    heading(doc, "Exclusion criteria", 2)
    criteria(doc, view.exclusion, numbering)
    if view.criteria_note:
        para(doc, view.criteria_note, note=True)
    _people(doc, view)
    heading(doc, "Annex: Registry status and dates", 1)
    rows_table(doc, view.status_rows)
    if view.sections:
        heading(doc, "Annex: Further protocol text", 1)
        for section in view.sections:
            heading(doc, section.title, 2)
            for p in section.paragraphs:
                para(doc, p)
    if view.assumed:
        heading(doc, "Annex: Assumed values", 1)
        para(doc, "These values were inferred, not taken from a source; each is marked "
                  "[assumed] where it is printed.")
        table(doc, ["Field", "Value", "Why it is assumed"],
              [[a.field, a.value, a.reason] for a in view.assumed], widths=(5.0, 4.5, 7.0),
              blank={0, 1, 2})
    if view.draft:
        heading(doc, "Annex: What is missing", 1)
        para(doc, "The spec has open findings, so this synopsis is incomplete. Each line gives "
                  "the finding code, where it is in the spec and what to add.")
        table(doc, ["Code", "Where", "Finding"],
              [[f"{m.code} ({m.severity})", m.where, m.message + (f"\n{m.hint}" if m.hint else "")]
               for m in view.missing], widths=(3.0, 4.5, 9.0), blank={0, 1, 2})
