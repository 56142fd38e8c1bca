"""Render coverage of the five seed specs: nothing the spec says is lost.

Every leaf of each seed spec must appear in its Markdown registry summary, shown the way a
reader sees it (codes as their display labels, dates and counts with their type, ages with
their unit), and the values ICH M11 §1 calls for must appear in its PDF synopsis. Leaves
that only wire the spec together (ids and the id lists that refer to them) are not printed
by design; they are listed in :data:`NOT_PRINTED` with the reason.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pypdf
import pytest

from protocolgen import labels as L
from protocolgen.api import check_source
from protocolgen.build import Renderer
from protocolgen.diff.labels import ATOMIC, display
from protocolgen.render.display import age_span
from protocolgen.render.pdf import PdfRenderer
from protocolgen.resources import data_dir
from tests.conftest import SPECS
from tests.interop.test_render_coverage import normalise

SEEDS = sorted(p.stem for p in SPECS.glob("*.yaml"))

#: Patterns (list positions as ``*``) of leaves no document prints, with the reason.
NOT_PRINTED: dict[str, str] = {
    "/spec_version": "the format version, not trial content",
    "/arms/*/id": "ids only link sections",
    "/interventions/*/id": "ids only link sections",
    "/arms/*/interventions/*": "shown as the intervention itself, in the arm's row",
    "/objectives/*/id": "ids only link sections",
    "/objectives/*/outcomes/*": "shown as the endpoint's measure",
    **{f"/outcomes/{g}/*/id": "ids only link sections" for g in ("primary", "secondary", "other")},
    **{f"/outcomes/{g}/*/visits/*": "shown as the X in the schedule of activities"
       for g in ("primary", "secondary", "other")},
    "/schedule/anchor": "shown as the visit the timings count from",
    "/schedule/epochs/*/id": "ids only link sections",
    "/schedule/epochs/*/type": "decides where the epoch sits in the trial schema",
    "/schedule/visits/*/id": "ids only link sections",
    "/schedule/visits/*/epoch": "shown as the visit's period",
    "/design/parts/*/id": "ids only link sections",
    "/design/parts/*/arms/*": "the part's arms are the arms listed",
    "/design/parts/*/cohorts/*/id": "ids only link sections",
    "/eligibility/criteria_incomplete": "shown as a sentence about the criteria left out",
    "/eligibility/criteria_not_shown/*": "shown in that sentence (checked below)",
    "/registry_record/location_count": "shown in the sentence about sites (checked below)",
    "/registry_record/has_results": "a yes/no without its own words",
    "/locations/*/contacts/*/role": "the generic role 'Contact' is not repeated per site",
}


def _leaves(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, f"{pointer}/{key}")
    elif isinstance(value, list):
        for n, child in enumerate(value):
            yield from _leaves(child, f"{pointer}/{n}")
    else:
        yield pointer, value


def _pattern(pointer: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/*", pointer)


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def expected(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(pointer, text a reader must find) for every printed leaf of ``data``."""
    atomic_done: set[str] = set()
    for pointer, value in _leaves(data):
        pattern = _pattern(pointer)
        if pattern in NOT_PRINTED or isinstance(value, bool):
            continue
        parent = pointer.rsplit("/", 1)[0]
        parent_pattern = _pattern(parent)
        if parent_pattern in ATOMIC and parent_pattern != "/schedule/visits/*/timing":
            if parent not in atomic_done:
                atomic_done.add(parent)
                node = data
                for part in parent.strip("/").split("/"):
                    node = node[int(part)] if part.isdigit() else node[part]
                yield parent, display(parent_pattern, node)
            continue
        if parent_pattern == "/schedule/visits/*/timing":
            if parent not in atomic_done:
                atomic_done.add(parent)
                timing = data["schedule"]["visits"][int(parent.split("/")[3])]["timing"]
                yield parent, f"{timing['unit'].rstrip('S').title()} {timing['value']:g}"
            continue
        if pattern in ("/eligibility/minimum_age", "/eligibility/maximum_age"):
            elig = data["eligibility"]
            yield pointer, age_span(elig["minimum_age"], elig["maximum_age"])
            continue
        yield pointer, display(pattern, value)


@cache
def _checked(seed: str) -> tuple[dict[str, Any], list[Any]]:
    result = check_source(str(SPECS / f"{seed}.yaml"))
    assert result.document is not None
    return result.document.data, result.report.diagnostics


@cache
def summary(seed: str) -> str:
    data, findings = _checked(seed)
    md = Renderer(["md"]).render(data, findings)["md"].decode("utf-8")
    return _fold(normalise(md))


@cache
def synopsis(seed: str) -> str:
    data, findings = _checked(seed)
    pdf = PdfRenderer([data_dir("templates")]).render(data, findings)
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    # Drop the running header, draft mark and page footer, so text split across a page
    # break reads on.
    chrome = re.compile(r"^(.*DRAFT — incomplete|Page \d+ of \d+)$")
    return _fold(" ".join(
        " ".join(line for line in page.splitlines() if not chrome.match(line.strip()))
        for page in pages))


def _present(needle: str, haystack: str) -> bool:
    return _fold(needle) in haystack


@pytest.mark.parametrize("seed", SEEDS)
def test_every_spec_leaf_is_in_the_summary(seed: str) -> None:
    data, _ = _checked(seed)
    text = summary(seed)
    lost = [(p, v) for p, v in expected(data) if v and not _present(v, text)]
    assert lost == []


@pytest.mark.parametrize("seed", SEEDS)
def test_source_counts_are_kept(seed: str) -> None:
    data, _ = _checked(seed)
    hidden = data["eligibility"].get("criteria_not_shown", {})
    count = (data.get("registry_record") or {}).get("location_count")
    for text in (summary(seed), synopsis(seed)):
        for kind, n in hidden.items():
            assert f"{n} more {kind} criteria" in text
        if count is not None:
            assert f"the source reports {count} location" in text


def m11_values(data: dict[str, Any]) -> Iterator[str]:
    """The values M11 §1 (title page, 1.1-1.3) and the annexes must print from ``data``."""
    ident, design = data["identification"], data["design"]
    yield ident.get("official_title") or ident["brief_title"]
    yield ident["brief_title"]
    for key in ("sponsor_protocol_id", "acronym"):
        if ident.get(key):
            yield ident[key]
    yield from (r["id"] for r in ident.get("registrations", []))
    yield L.phases(design.get("phases", []))
    yield data["sponsors"]["lead"]["name"]
    yield from (c["name"] for c in data["sponsors"].get("collaborators", []))
    yield from (i["name"] for i in data["interventions"])
    yield from (str(c if isinstance(c, str) else c["term"]) for c in data["conditions"])
    yield age_span(data["eligibility"]["minimum_age"], data["eligibility"]["maximum_age"])
    yield f"{design['enrollment']['count']} participants"
    yield from (a["label"] for a in data["arms"])
    yield from (a["description"] for a in data["arms"] if a.get("description"))
    yield from (i["description"] for i in data["interventions"] if i.get("description"))
    yield from (o["text"] for o in data.get("objectives", []))
    for group in data["outcomes"].values():
        yield from (o["measure"] for o in group)
    yield from (v["name"] for v in data["schedule"].get("visits", []))
    yield from (e["name"] for e in data["schedule"].get("epochs", []))
    for part in design.get("parts", []):
        yield part["name"]
        if part.get("description"):
            yield part["description"]
    desc = data["description"]
    if desc["brief_summary"]:
        yield desc["brief_summary"]
    pls = desc.get("plain_language_summary", {})
    for q in pls.get("questions", []):
        yield q["question"]
        yield q["answer"]
    for key, value in (data.get("narrative") or {}).items():
        yield key
        if isinstance(value, str):
            yield value
    status = data["status"]
    for key in ("start_date", "primary_completion_date", "completion_date"):
        if status.get(key):
            yield status[key]["date"]
    rp = data["sponsors"].get("responsible_party")
    if rp and rp.get("name"):
        yield rp["name"]
    for criterion in data["eligibility"]["inclusion"] + data["eligibility"]["exclusion"]:
        yield criterion if isinstance(criterion, str) else criterion["text"]


@pytest.mark.parametrize("seed", SEEDS)
def test_m11_fields_are_in_the_pdf(seed: str) -> None:
    data, _ = _checked(seed)
    text = synopsis(seed).replace(" ", "")
    # PDF text extraction breaks lines and sometimes words: compare without spaces.
    lost = [v for v in m11_values(data) if _fold(v).replace(" ", "") not in text]
    assert lost == []


def test_numbered_criteria_keep_their_numbers_everywhere() -> None:
    """Seed 004's lists start at 2 on the page and in the spec: every format says so."""
    data, findings = _checked("ra-uc-msc")
    out = Renderer(["md", "html", "txt"]).render(data, findings)
    md, html, txt = (out[f].decode("utf-8") for f in ("md", "html", "txt"))
    assert "- 2\\. Age limits" in md and "- 1\\." not in md
    assert '<span class="num">2.</span> Age limits' in html
    assert re.search(r"^\s*2\.\s+Age limits", txt, re.M)
    assert re.search(r"^\s*21\.\s+Other cases", txt, re.M)
    assert not re.search(r"^\s*1\.\s", txt.split("Inclusion Criteria")[1], re.M)


def test_ages_read_the_same_in_every_format() -> None:
    data, findings = _checked("lupus-uc-msc")
    out = Renderer(["md", "html", "txt"]).render(data, findings)
    for fmt in ("md", "html", "txt"):
        assert "18 Years and older" in out[fmt].decode("utf-8")
    assert "18 years and older" in synopsis("lupus-uc-msc")
    assert "no limit" not in synopsis("lupus-uc-msc")


def test_assumed_values_are_marked_in_every_format() -> None:
    data, findings = _checked("als-nasal-sev")
    out = Renderer(["md", "html", "txt"]).render(data, findings)
    for fmt in ("md", "html", "txt"):
        # Markdown escapes the brackets, HTML the apostrophe.
        text = normalise(html.unescape(out[fmt].decode("utf-8")))
        assert "2024-12-01 (Estimated) [assumed]" in text, fmt
        assert "type not on the page; the date was ahead of the record's last update" in text
    pdf = synopsis("als-nasal-sev")
    assert "2024-12-01 (estimated) [assumed]" in pdf
    assert "annex: assumed values" in pdf
    assert "a 3+3 design starts each cohort with 3" in pdf

