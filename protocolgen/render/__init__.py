"""Rendering: spec → view model (:mod:`.view`) → Jinja (:mod:`.env`) → files (:mod:`.output`).

The PDF synopsis (:mod:`.pdf`) imports WeasyPrint and is only ever imported lazily, inside the
function that renders a PDF, so ``protocolgen validate`` never pays for it.
"""

from __future__ import annotations

#: Summary formats rendered through ``templates/summary.<format>.j2``.
SUMMARY_FORMATS = ("md", "html", "txt")
#: Every format ``render --to`` and ``build`` know, in the order they are written.
FORMATS = (*SUMMARY_FORMATS, "pdf")
#: File name of each format inside a trial's output folder.
OUTPUT_NAMES = {
    "md": "summary.md",
    "html": "summary.html",
    "txt": "summary.txt",
    "pdf": "synopsis.pdf",
}
