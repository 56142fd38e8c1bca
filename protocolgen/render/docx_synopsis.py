"""The synopsis as a Word document: the PDF's view model laid out with python-docx.

One view model (:class:`~.synopsis_view.Synopsis`), a writer per format, as pandoc does:
this module never reads the spec, it lays out what the PDF templates lay out, in the same
order and with the same M11 numbering — a title page, "1 Protocol Summary" (Heading 1) with
1.1, 1.2 and 1.3 (Heading 2) and 1.1.1, 1.1.2 (Heading 3), the schedule of activities in a
landscape section when it is wide, then the unnumbered annexes (:mod:`.docx_annex`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from protocolgen.render import docx_annex, docx_parts
from protocolgen.render.docx_package import base_document, properties, save
from protocolgen.render.docx_parts import add_run, heading, para, rows_table, table
from protocolgen.render.soa_docx import soa_tables
from protocolgen.render.synopsis_view import Synopsis

SUBJECT = "Clinical trial protocol synopsis"


def _title_page(doc: Any, view: Synopsis) -> None:
    if view.confidentiality:
        para(doc, view.confidentiality, note=True)
    para(doc, "Clinical Trial Protocol Synopsis", note=True)
    add_run(docx_parts.styled(doc, "Title"), view.title)
    rows_table(doc, view.title_rows)
    if view.draft:
        paragraph = doc.add_paragraph()
        add_run(paragraph, "DRAFT. ", bold=True)
        add_run(paragraph, view.draft_note)
    if view.build_date:
        para(doc, f"Document built {view.build_date}", note=True)


def _objectives(doc: Any, view: Synopsis) -> None:
    heading(doc, "1.1.1 Primary and Secondary Objectives and Estimands", 3)
    rows: list[list[str]] = []
    for o in view.objectives:
        objective = f"{o.level}: {o.text}"
        if not o.endpoints:
            rows.append([objective, "", ""])
        for n, e in enumerate(o.endpoints):
            # The PDF spans the objective over its endpoints; Word repeats it as "(continued)"
            # so every row can stand alone on a page.
            rows.append([objective if n == 0 else f"({o.level} objective, continued)",
                         f"{e.level}: {e.measure}", e.time_frame])
    rows += [["", f"{e.level}: {e.measure}", e.time_frame] for e in view.unlinked_endpoints]
    if rows:
        table(doc, ["Objective", "Endpoint", "Time frame"], rows, widths=(7.0, 6.5, 3.0),
              blank={2})
    else:
        para(doc, "Not provided (no objectives or endpoints)", note=True)
    with_estimands = [o for o in view.objectives if o.estimands]
    for o in with_estimands:
        for estimand in o.estimands:
            paragraph = doc.add_paragraph()
            add_run(paragraph, f"Estimand {estimand.id} ", bold=True)
            add_run(paragraph, f"({o.level.lower()} objective: {o.text})", grey=True)
            paragraph.paragraph_format.keep_with_next = True
            rows_table(doc, estimand.rows)
    if view.objectives and not with_estimands:
        para(doc, "Estimands: not provided for any objective.", note=True)
    if view.plain_summary or view.questions:
        heading(doc, "Plain-language summary", 4)
        for p in view.plain_summary:
            para(doc, p)
        for question, answer in view.questions:
            para(doc, question, bold=True).paragraph_format.keep_with_next = True
            for p in answer:
                para(doc, p)


def _summary(doc: Any, view: Synopsis) -> None:
    heading(doc, "1 Protocol Summary", 1, page_break=True)
    heading(doc, "1.1 Protocol Synopsis", 2)
    for p in view.brief_summary:
        para(doc, p)
    if not view.brief_summary:
        para(doc, "Not provided (no brief summary)", note=True)
    _objectives(doc, view)
    heading(doc, "1.1.2 Overall Design", 3)
    rows_table(doc, view.design_rows)


def _schema(doc: Any, view: Synopsis) -> None:
    s = view.schema
    heading(doc, "1.2 Trial Schema", 2)
    para(doc, f"Participant flow: {s.entry}.")
    header = ["Arm", *(c.name + (f" ({c.duration})" if c.duration else "") for c in s.columns)]
    rows = []
    for n, (arm, cells) in enumerate(s.rows):
        label = arm.label + f" — {arm.kind}" + (f", n = {arm.size}" if arm.size else "")
        # A shared epoch (screening, follow-up) is one box for all arms in the PDF; here its
        # text is in the first arm's row and a "(all arms)" mark in the others.
        rows.append([label, *(((c.text or c.name) if n == 0 else "(all arms)") if c.shared
                              else cells[k] for k, c in enumerate(s.columns))])
    table(doc, header, rows)
    if s.parts:
        heading(doc, "Parts and cohorts", 3)
        rows_table(doc, s.parts)
    heading(doc, "Arms and trial interventions", 3)
    for arm in view.arms:
        paragraph = doc.add_paragraph()
        add_run(paragraph, arm.label, bold=True)
        add_run(paragraph, f"  {arm.kind}" + (f" · n = {arm.size}" if arm.size else ""),
                grey=True)
        paragraph.paragraph_format.keep_with_next = True
        if arm.description:
            para(doc, arm.description)
        if not arm.treatments:
            para(doc, "No trial intervention is assigned to this arm.", note=True)
            continue
        grid = table(doc, ["Intervention", "Dose", "Route", "Regimen"],
                     [[t.name, t.dose, t.route, t.regimen] for t in arm.treatments],
                     label_column=True)
        for row, t in zip(grid.rows[1:], arm.treatments, strict=True):
            also = f" · also: {t.other_names}" if t.other_names else ""
            sub = t.kind + (f" · {t.role}" if t.role else "") + also
            add_run(row.cells[0].add_paragraph(), sub, grey=True, size=8)
            if t.description:
                add_run(row.cells[0].add_paragraph(), t.description, grey=True, size=8)


def write_synopsis(view: Synopsis, reference: Path | None = None) -> bytes:
    """The Word synopsis of ``view``; ``reference`` is a sponsor's reference.docx."""
    doc = base_document(reference)
    properties(doc, title=view.title, subject=SUBJECT, author=view.author,
               language=view.lang, keywords=view.keywords, date=view.meta_date)
    docx_parts.running_header(doc.sections[0], view.running_header, draft=view.draft)
    _title_page(doc, view)
    _summary(doc, view)
    _schema(doc, view)
    soa = view.soa
    if soa.wide:
        docx_parts.new_section(doc, landscape=True)
    heading(doc, "1.3 Schedule of Activities", 2, page_break=not soa.wide)
    soa_tables(doc, soa)
    if soa.wide:
        docx_parts.new_section(doc, landscape=False)
    docx_annex.annexes(doc, view, page_break=not soa.wide)
    return save(doc)
