"""Rendering: spec → view model (:mod:`.view`) → Jinja (:mod:`.env`) → files (:mod:`.output`).

The PDF synopsis (:mod:`.pdf`) imports WeasyPrint and is only ever imported lazily, inside the
function that renders a PDF, so ``protocolgen validate`` never pays for it; the Word and
Excel writers of the same view model (:mod:`.documents`) are imported as lazily.
"""

from __future__ import annotations

#: Summary formats rendered through ``templates/summary.<format>.j2``.
SUMMARY_FORMATS = ("md", "html", "txt")
#: Every format ``render --to`` and ``build`` know, in the order they are written: the
#: summaries, the synopsis as PDF and Word, the schedule of activities as Word and Excel.
FORMATS = (*SUMMARY_FORMATS, "pdf", "docx", "soa-docx", "soa-xlsx")
#: What ``render`` and ``build`` write without ``--to`` (the SoA files are asked for).
DEFAULT_FORMATS = (*SUMMARY_FORMATS, "pdf", "docx")
#: File name of each format inside a trial's output folder.
OUTPUT_NAMES = {
    "md": "summary.md",
    "html": "summary.html",
    "txt": "summary.txt",
    "pdf": "synopsis.pdf",
    "docx": "synopsis.docx",
    "soa-docx": "soa.docx",
    "soa-xlsx": "soa.xlsx",
}
