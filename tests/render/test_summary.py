"""Registry summaries (md/html/txt): section order, labels, [Missing], drafts, escaping, goldens.

Golden files live in tests/render/golden/. After an intended change to the templates or the
view model, regenerate them with ``PROTOCOLGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render``
and review the diff (docs/rendering.md).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from protocolgen import api
from protocolgen.build import Renderer
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.render import SUMMARY_FORMATS
from protocolgen.render.env import md
from protocolgen.render.view import MISSING, build_summary
from tests.conftest import MINIMAL_SPEC, SPECS

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_SPECS = ("als-nasal-sev", "mda5-rpild-nebulized-exosomes")
UPDATE = os.environ.get("PROTOCOLGEN_UPDATE_GOLDEN") == "1"

#: CT.gov study-page sections, in the order every summary must show them.
SECTIONS = [
    "Study Overview",
    "Contacts and Locations",
    "Participation Criteria",
    "Study Plan",
    "Follow-up Schedule",
    "Collaborators and Investigators",
    "Publications",
    "More Information",
    "Study Record Dates",
]
HOSTILE = [
    '<img src="file:///etc/passwd">',
    "<style>@import url(http://127.0.0.1:9/x)</style>",
    "{{ 7*7 }}",
    "</td></tr></table>",
    "<script>alert(1)</script> | a | b |",
]


@functools.cache
def _renderer() -> Renderer:
    return Renderer(SUMMARY_FORMATS)  # compiling the templates once keeps the module fast


def _render(data: dict[str, Any], findings: list[Diagnostic] | None = None) -> dict[str, str]:
    out = _renderer().render(data, findings or [])
    return {fmt: content.decode("utf-8") for fmt, content in out.items()}


def _seed(name: str) -> tuple[dict[str, Any], list[Diagnostic]]:
    checked = api.check_source(str(SPECS / f"{name}.yaml"))
    assert checked.document is not None and not checked.report.has_errors
    return checked.document.data, checked.report.diagnostics


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict[str, str]]:
    """Every seed spec rendered once for the module (rendering is the slow part)."""
    return {p.stem: _render(*_seed(p.stem)) for p in sorted(SPECS.glob("*.yaml"))}


@pytest.fixture
def minimal() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINIMAL_SPEC)
    return data


@pytest.mark.parametrize("fmt", SUMMARY_FORMATS)
def test_sections_appear_once_in_ctgov_order(seeds: dict[str, dict[str, str]], fmt: str) -> None:
    heading = {"md": "\n## {}\n", "html": "<h2>{}</h2>", "txt": "\n{}\n"}[fmt]
    for name, outputs in seeds.items():
        wanted = [heading.format(s.upper() if fmt == "txt" else s) for s in SECTIONS]
        positions = [outputs[fmt].find(section) for section in wanted]
        assert all(outputs[fmt].count(section) == 1 for section in wanted), (name, fmt)
        assert -1 not in positions, (name, fmt, wanted[positions.index(-1)])
        assert positions == sorted(positions), (name, fmt)


def test_header_comes_before_the_overview(seeds: dict[str, dict[str, str]]) -> None:
    md_text = seeds["als-nasal-sev"]["md"]
    header = md_text[: md_text.index("## Study Overview")]
    for item in ("Exploring Nasal Drop Therapy", "NCT06598202", "Recruiting", "Xuanwu Hospital"):
        assert item in header


def test_codes_are_shown_with_their_labels(seeds: dict[str, dict[str, str]]) -> None:
    covid = seeds["covid19-uc-msc"]["txt"]
    assert "Phase 1/Phase 2" in covid
    assert "Parallel Assignment" in covid
    assert "Biological: Umbilical cord mesenchymal stem cells implantation" in covid
    assert "Placebo Comparator: comparator" in covid
    assert "Single Group Assignment" in seeds["lupus-uc-msc"]["html"]
    assert "18 Years and older" in seeds["lupus-uc-msc"]["md"]
    assert "2025-04-15 (Actual)" in seeds["mda5-rpild-nebulized-exosomes"]["html"]
    assert "2027-05-31 (Estimated)" in seeds["mda5-rpild-nebulized-exosomes"]["html"]


def test_open_label_masking_label(minimal: dict[str, Any]) -> None:
    minimal["design"]["masking"] = {"type": "NONE"}
    assert "None (Open Label)" in _render(minimal)["html"]


def test_sites_are_grouped_by_country(minimal: dict[str, Any]) -> None:
    minimal["locations"] = [
        {"facility": "Site B", "city": "Lyon", "country": "France"},
        {"facility": "Site A", "city": "Berlin", "country": "Germany"},
        {"facility": "Site C", "city": "Paris", "country": "France"},
    ]
    view = build_summary(minimal)
    assert [(c.name, [s.facility for s in c.sites]) for c in view.countries] == [
        ("France", ["Site B", "Site C"]),
        ("Germany", ["Site A"]),
    ]


def test_arms_are_joined_with_their_interventions(minimal: dict[str, Any]) -> None:
    view = build_summary(minimal)
    assert [i.title for i in view.arms[0].interventions] == ["Biological: UC-MSC"]


def test_missing_required_items_show_as_missing(minimal: dict[str, Any]) -> None:
    minimal["conditions"] = []
    minimal["description"]["brief_summary"] = ""
    view = build_summary(minimal)
    assert view.conditions == [] and view.brief_summary == MISSING
    assert dict((r.label, r.value) for r in view.overview_rows)["Study Start"] == MISSING
    outputs = _render(minimal)
    conditions = re.search(r"### Conditions\n\n(.*)\n", outputs["md"])
    assert conditions is not None and conditions.group(1) == r"\[Missing\]"
    missing_html = r'<h3>Conditions</h3>\s*<p><span class="missing">\[Missing\]</span>'
    assert re.search(missing_html, outputs["html"])
    assert "Conditions\n  [Missing]" in outputs["txt"]


def test_a_spec_with_warnings_is_marked_as_draft(minimal: dict[str, Any]) -> None:
    warning = Diagnostic("x.yaml", 12, 3, "PG301", Severity.WARNING, "no condition is named")
    outputs = _render(minimal, [warning])
    assert "**DRAFT**" in outputs["md"] and "PG301 no condition is named (line 12)" in outputs["md"]
    assert 'class="draft-flag"' in outputs["html"] and "(draft)</title>" in outputs["html"]
    assert "DRAFT: 1 open finding" in outputs["txt"]
    assert "x.yaml" not in outputs["md"]  # no paths: output must not depend on the cwd
    clean = _render(minimal)
    assert "DRAFT" not in clean["md"] and 'class="draft-flag"' not in clean["html"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_spec_text_is_shown_harmlessly(minimal: dict[str, Any], hostile: str) -> None:
    minimal["identification"]["brief_title"] = hostile
    minimal["eligibility"]["inclusion"] = [hostile]
    minimal["arms"][0]["description"] = hostile
    minimal["outcomes"]["primary"][0]["measure"] = hostile
    outputs = _render(minimal)
    html = outputs["html"]
    if "<" in hostile:
        assert hostile not in html and "&lt;" in html  # every '<', '>' and '&' is escaped
    else:
        assert hostile in html  # '{{ }}' is printed as written, never evaluated
    assert "49" not in html and "49" not in outputs["md"]
    assert html.count("<table>") == html.count("</table>")
    assert html.count("<style>") == 1 and "<script" not in html and "<img" not in html
    assert not re.search(r"(?<!\\)<(?!br>)", outputs["md"])  # only escaped "\\<" remains
    assert hostile in outputs["txt"]  # plain text shows it exactly as written


def test_markdown_escaping_keeps_table_cells_and_text_literal() -> None:
    assert md("a | b") == r"a \| b"
    assert md("<script>") == r"\<script\>"
    assert md("1. first\n- item\n# title") == "1\\. first\n\\- item\n\\# title"
    assert md("*not bold* _nor this_ [no](link) `code` &amp;") == (
        r"\*not bold\* \_nor this\_ \[no\](link) \`code\` \&amp;"
    )


def test_pipe_in_a_table_cell_stays_inside_its_cell(minimal: dict[str, Any]) -> None:
    minimal["outcomes"]["primary"][0]["measure"] = "AE | SAE"
    row = next(
        line for line in _render(minimal)["md"].splitlines() if line.startswith("| AE")
    )
    assert row == r"| AE \| SAE |  | Day 28 |"


def test_rendering_twice_is_byte_identical() -> None:
    data, findings = _seed("lupus-uc-msc")
    first = Renderer(SUMMARY_FORMATS).render(data, findings)
    second = Renderer(SUMMARY_FORMATS).render(data, findings)
    assert first == second


def test_html_is_self_contained(seeds: dict[str, dict[str, str]]) -> None:
    for outputs in seeds.values():
        html = outputs["html"]
        assert "<link" not in html and "<script" not in html and "src=" not in html
        assert "@import" not in html and "url(" not in html
        assert '<meta name="viewport"' in html and "@media print" in html


@pytest.fixture(scope="module")
def golden_outputs() -> dict[str, dict[str, str]]:
    """Seed specs rendered with one fixed finding, so goldens change only with templates
    and the view model, not whenever a validation rule is added."""
    fixed = [Diagnostic("spec.yaml", 7, 3, "PG999", Severity.WARNING, "an example gap")]
    return {name: _render(_seed(name)[0], fixed) for name in GOLDEN_SPECS}


@pytest.mark.parametrize("name", GOLDEN_SPECS)
@pytest.mark.parametrize("fmt", SUMMARY_FORMATS)
def test_golden(golden_outputs: dict[str, dict[str, str]], name: str, fmt: str) -> None:
    path = GOLDEN / f"{name}.{fmt}"
    actual = golden_outputs[name][fmt]
    if UPDATE:
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"no golden file {path.name}: run with PROTOCOLGEN_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is intended, run "
        "PROTOCOLGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render and review the diff"
    )
