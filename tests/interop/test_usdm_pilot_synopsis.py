"""The CDISC Pilot study imported from USDM renders a synopsis that agrees with the protocol
PDF it was built from (CDISC_Pilot_Study.pdf, protocol H2Q-MC-LZZT(c)): title, phase,
objectives and endpoints, arms, and the schedule's visits and activities. The strings below
were read side by side from the PDF (title page, §2 Objectives, §3.1 design, Attachment
LZZT.1 schedule) and the rendered synopsis."""

from __future__ import annotations

import html
import re

import pytest

from protocolgen.interop.usdm.importing import import_file
from protocolgen.loading import load_text
from protocolgen.resources import data_dir

from .usdm_helpers import USDM

PROTOCOL = [
    # title page
    "Safety and Efficacy of the Xanomeline Transdermal Therapeutic System (TTS) in Patients "
    "with Mild to Moderate Alzheimer's Disease",
    "H2Q-MC-LZZT",
    "Phase 2",
    # §2.1 primary objective, endpoints at Week 24
    "ADAS-Cog (11)",
    "CIBIC+",
    # §3.1 arms: placebo, low dose (54 mg), high dose (81 mg)
    "Placebo",
    "Xanomeline Low Dose",
    "Xanomeline High Dose",
    # schedule of events: screening, baseline, weeks 2 to 26
    "Screening 1",
    "Baseline",
    "Week 2",
    "Week 24",
    "Week 26",
    "Informed consent",
    "ECG",
]


@pytest.fixture(scope="module")
def synopsis() -> str:
    pdf = pytest.importorskip("protocolgen.render.pdf")
    result = import_file(USDM / "CDISC_Pilot_Study.json", None)
    assert result.exit_code == 0
    doc = load_text(result.text, "pilot.yaml").document
    assert doc is not None
    renderer = pdf.PdfRenderer([data_dir("templates")])
    text = html.unescape(re.sub(r"<[^>]+>", " ", renderer.render_html(doc.data, [])))
    return re.sub(r"\s+", " ", text).replace("’", "'")


@pytest.mark.parametrize("words", PROTOCOL)
def test_synopsis_agrees_with_the_protocol(synopsis: str, words: str) -> None:
    assert words in synopsis
