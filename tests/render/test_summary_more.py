"""Registry summaries: the CT.gov items added to the layout (last known status, other study
IDs with their types, standard age groups, observational design, publication types, sites
without a name, and the "More Information" section: oversight and the IPD statement).

Section order and the golden files are in ``test_summary.py``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
import yaml

from protocolgen import labels as L
from protocolgen.build import Renderer
from protocolgen.render import SUMMARY_FORMATS
from protocolgen.render.display import web_link
from protocolgen.render.view import MISSING, build_summary
from tests.conftest import MINIMAL_SPEC


@functools.cache
def _renderer() -> Renderer:
    return Renderer(SUMMARY_FORMATS)


def _render(data: dict[str, Any]) -> dict[str, str]:
    return {fmt: out.decode("utf-8") for fmt, out in _renderer().render(data, []).items()}


@pytest.fixture
def minimal() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINIMAL_SPEC)
    return data


def _rows(rows: list[Any]) -> dict[str, str]:
    return {r.label: r.value for r in rows}


@pytest.mark.parametrize(
    ("low", "high", "groups"),
    [
        ({"value": 5, "unit": "YEARS"}, {"value": 8, "unit": "YEARS"}, ["Child"]),
        ({"value": 18, "unit": "YEARS"}, {"value": 64, "unit": "YEARS"}, ["Adult"]),
        ({"value": 18, "unit": "YEARS"}, "no_limit", ["Adult", "Older Adult"]),
        ({"value": 3, "unit": "YEARS"}, {"value": 18, "unit": "YEARS"}, ["Child", "Adult"]),
        ({"value": 6, "unit": "MONTHS"}, {"value": 216, "unit": "MONTHS"}, ["Child", "Adult"]),
        ({"value": 1, "unit": "DAYS"}, {"value": 215, "unit": "MONTHS"}, ["Child"]),
        ({"value": 65, "unit": "YEARS"}, "no_limit", ["Older Adult"]),
        ("no_limit", "no_limit", ["Child", "Adult", "Older Adult"]),
        (None, "no_limit", []),
    ],
)
def test_standard_age_groups_as_ctgov_derives_them(low: Any, high: Any, groups: list[str]) -> None:
    assert L.std_ages(low, high) == groups


def test_ages_row_names_the_age_groups(minimal: dict[str, Any]) -> None:
    ages = _rows(build_summary(minimal).participation_rows)["Ages Eligible for Study"]
    assert ages == "18 Years and older (Adult, Older Adult)"


def test_last_known_status_of_an_unknown_status_record(minimal: dict[str, Any]) -> None:
    minimal["status"] = {"overall": "UNKNOWN", "last_known": "RECRUITING"}
    outputs = _render(minimal)
    rows = "| **Status** | Unknown status |\n| **Last Known Status** | Recruiting |"
    assert rows in outputs["md"]
    assert "Last Known Status: Recruiting</span>" in outputs["html"]
    assert "Last Known Status:          Recruiting" in outputs["txt"]
    assert "Last Known Status" not in _render(yaml.safe_load(MINIMAL_SPEC))["md"]


def test_other_study_ids_show_their_type_and_link(minimal: dict[str, Any]) -> None:
    minimal["identification"]["secondary_ids"] = [
        {"id": "U19CA021239-37", "type": "NIH", "link": "https://reporter.nih.gov/x"},
        {"id": "ABCSG 42", "type": "OTHER", "domain": "ABCSG GmbH"},
    ]
    outputs = _render(minimal)
    assert "- U19CA021239-37 (U.S. NIH Grant/Contract): https://reporter.nih.gov/x" in outputs["md"]
    assert "- ABCSG 42 (Other Identifier: ABCSG GmbH)\n" in outputs["md"]
    assert '<a href="https://reporter.nih.gov/x" rel="noopener noreferrer">' in outputs["html"]
    assert "  - ABCSG 42 (Other Identifier: ABCSG GmbH)" in outputs["txt"]


def test_observational_design_and_sampling(minimal: dict[str, Any]) -> None:
    minimal["design"] = {
        "study_type": "OBSERVATIONAL",
        "enrollment": {"count": 100, "type": "ESTIMATED"},
        "observational": {
            "model": "CASE_ONLY", "time_perspective": "CROSS_SECTIONAL",
            "patient_registry": True, "target_duration": {"value": 12, "unit": "MONTHS"},
            "biospecimen_retention": "SAMPLES_WITH_DNA", "biospecimen_description": "Blood",
        },
    }
    minimal["eligibility"] |= {"study_population": "Adults with CAD",
                               "sampling_method": "NON_PROBABILITY_SAMPLE"}
    view = build_summary(minimal)
    assert _rows(view.design_rows) == {
        "Observational Model": "Case-Only",
        "Time Perspective": "Cross-Sectional",
        "Patient Registry": "Yes",
        "Target Follow-Up Duration": "12 Months",
        "Biospecimen Retention": "Samples With DNA",
        "Biospecimen Description": "Blood",
    }
    participation = _rows(view.participation_rows)
    assert participation["Study Population"] == "Adults with CAD"
    assert participation["Sampling Method"] == "Non-Probability Sample"


def test_publications_are_marked_with_their_type(minimal: dict[str, Any]) -> None:
    minimal["references"] = [{"citation": "Doe J. Trial. 2020.", "type": "RESULT"},
                             {"citation": "Untyped. 2019."}]
    outputs = _render(minimal)
    assert "- **Result:** Doe J. Trial. 2020.\n- Untyped. 2019.\n" in outputs["md"]
    assert '<span class="ref-type">Result</span> Doe J. Trial. 2020.' in outputs["html"]
    assert "  - Result: Doe J. Trial. 2020." in outputs["txt"]


def test_a_site_without_a_name_shows_missing_and_its_place(minimal: dict[str, Any]) -> None:
    minimal["locations"] = [{"facility": "", "city": "Birmingham", "state": "Alabama",
                             "country": "United States"}]
    outputs = _render(minimal)
    assert "- **\\[Missing\\]**, Birmingham, Alabama" in outputs["md"]
    assert "****" not in outputs["md"]
    assert '<span class="site"><span class="missing">[Missing]</span></span>' in outputs["html"]
    assert "[Missing], Birmingham, Alabama" in outputs["txt"]


def test_more_information_oversight_and_ipd(minimal: dict[str, Any]) -> None:
    minimal["sponsors"]["responsible_party"] = {"type": "SPONSOR"}
    minimal["oversight"] = {"has_dmc": True, "fda_regulated_drug": False, "us_export": False}
    minimal["ipd_sharing"] = {"plan": "YES", "info_types": ["STUDY_PROTOCOL", "SAP", "CSR"],
                              "time_frame": "After 12 months", "url": "http://example.org/ipd"}
    view = build_summary(minimal)
    assert _rows(view.more_rows) == {
        "Responsible Party": "Sponsor",
        "Data Monitoring Committee": "Yes",
        "Studies a U.S. FDA-regulated Drug Product": "No",
        "Product Manufactured in and Exported from the U.S.": "No",
    }  # flags the spec leaves out are not shown
    assert _rows(view.ipd_rows) == {
        "Plan to Share IPD": "Yes",
        "Supporting Information": "Study Protocol, Statistical Analysis Plan (SAP), "
        "Clinical Study Report (CSR)",
        "Time Frame": "After 12 months",
        "URL": "http://example.org/ipd",
    }
    outputs = _render(minimal)
    md = outputs["md"]
    assert md.index("## Publications") < md.index("## More Information") < md.index(
        "### Individual Participant Data (IPD) Sharing Statement") < md.index("## Study Record")
    assert '<dd><a href="http://example.org/ipd" rel="noopener noreferrer">' in outputs["html"]
    assert "Plan to Share IPD:          Yes" in outputs["txt"]


def test_no_more_information_says_so(minimal: dict[str, Any]) -> None:
    outputs = _render(minimal)
    assert "## More Information\n\nNo further information recorded.\n" in outputs["md"]


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a?b=1", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("file:///etc/passwd", False),
        ("//example.org/no-scheme", False),
        ("http://[bad", False),
        ("https://example.org/a b", False),
    ],
)
def test_only_web_addresses_become_links(url: str, link: bool) -> None:
    assert bool(web_link(url)) is link


HOSTILE_URL = 'javascript:alert(1)//"><script>alert(2)</script>'


def test_hostile_ipd_and_secondary_id_text_is_shown_harmlessly(minimal: dict[str, Any]) -> None:
    script = "<script>alert(1)</script> | a |"
    minimal["ipd_sharing"] = {"plan": "YES", "description": script, "access_criteria": script,
                              "url": HOSTILE_URL}
    minimal["identification"]["secondary_ids"] = [
        {"id": script, "type": "OTHER", "domain": script, "link": HOSTILE_URL}]
    minimal["references"] = [{"citation": script, "type": "BACKGROUND", "url": HOSTILE_URL}]
    minimal["locations"] = [{"facility": script, "city": script, "country": "France"}]
    outputs = _render(minimal)
    html = outputs["html"]
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "href" not in html  # a javascript: URL is text, never a link
    assert "javascript:alert(1)//&#34;&gt;&lt;script&gt;" in html
    assert not re.search(r"(?<!\\)<(?!br>)", outputs["md"])  # only escaped "\\<" remains
    assert "\\| a \\|" in outputs["md"]  # the pipe stays inside its table cell
    assert HOSTILE_URL in outputs["txt"]


def test_required_ipd_plan_missing_shows_missing(minimal: dict[str, Any]) -> None:
    minimal["ipd_sharing"] = {"plan": None}  # not schema-valid; the view still says so
    assert _rows(build_summary(minimal).ipd_rows) == {"Plan to Share IPD": MISSING}


def test_an_intervention_no_arm_lists_shows_its_description_in_the_overview(
    minimal: dict[str, Any],
) -> None:
    minimal["interventions"][0]["description"] = "Given in the arm"
    minimal["interventions"].append(
        {"id": "I2", "type": "DRUG", "name": "Warfarin", "description": "As in <routine> care"}
    )
    out = _render(minimal)
    overview = {fmt: text.split("Intervention / Treatment")[1][:300] for fmt, text in out.items()}
    assert "Drug: Warfarin — As in \\<routine\\> care" in overview["md"]
    assert "Drug: Warfarin — As in <routine> care" in overview["txt"]
    assert "Warfarin<p>As in &lt;routine&gt; care</p>" in overview["html"]
    for text in overview.values():
        assert "Given in the arm" not in text  # shown once, in the arm's row
