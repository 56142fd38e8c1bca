"""What makes a profile item weak, complete or missing, as `coverage` shows it.

A quality finding on one of an item's values makes the item weak; a finding beside the
values (another list, an empty value of an item met by another path) does not.
"""

from __future__ import annotations

from datetime import date

from protocolgen import profiles
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.loading import load_text
from protocolgen.profiles import plan
from protocolgen.rules import base
from tests.conftest import MINIMAL_SPEC

SITES = "".join(
    f"  - {{facility: Site {n}, country: {'Norway' if n else ''}, status: RECRUITING}}\n"
    for n in range(60)
)
SPEC = MINIMAL_SPEC + "locations:\n" + SITES


PROFILE = {"CTGOV": "ctgov", "M11": "m11-synopsis", "SPIRIT-2025": "spirit-2025"}


def _status(spec: str, item: str, extra: tuple[Diagnostic, ...] = ()) -> str:
    doc = load_text(spec, "spec.yaml").document
    assert doc is not None
    found = base.run_rules(doc, today=date(2025, 1, 1)) + list(extra)
    profile = profiles.get(PROFILE[item.split("/")[0]])
    return plan.evaluate(profile, doc.data, found).status[item]


def _finding(pointer: str, code: str = "PG501") -> Diagnostic:
    return Diagnostic("spec.yaml", 1, 1, code, Severity.WARNING, "flagged", "", pointer)


def test_a_finding_on_one_site_of_many_makes_the_item_weak() -> None:
    assert _status(SPEC, "CTGOV/facility") == "complete"
    assert _status(SPEC, "CTGOV/facility", (_finding("/locations/41/facility"),)) == "weak"
    # Below the value counts too; beside it (another key of the site) does not.
    assert _status(SPEC, "CTGOV/facility", (_finding("/locations/41/facility/x"),)) == "weak"
    assert _status(SPEC, "CTGOV/facility", (_finding("/locations/41/status"),)) == "complete"
    assert _status(SPEC, "CTGOV/facility", (_finding("/locations/60/facility"),)) == "complete"


def test_only_rule_families_about_quality_make_an_item_weak() -> None:
    at = "/locations/3/facility"
    assert _status(SPEC, "CTGOV/facility", (_finding(at, "PG406"),)) == "weak"
    assert _status(SPEC, "CTGOV/facility", (_finding(at, "PG806"),)) == "weak"
    assert _status(SPEC, "CTGOV/facility", (_finding(at, "PG202"),)) == "complete"
    # A finding about the whole site is not about its facility name.
    assert _status(SPEC, "CTGOV/facility", (_finding("/locations/3"),)) == "complete"


def test_for_one_of_several_paths_only_a_value_with_content_counts() -> None:
    # Site 0 has an empty country; the item is met by the other sites' countries.
    item = "M11/1.1.2/SiteDistribution"
    assert _status(SPEC, item) == "complete"
    assert _status(SPEC, item, (_finding("/locations/0/country"),)) == "complete"
    assert _status(SPEC, item, (_finding("/locations/7/country"),)) == "weak"


def test_a_real_rule_finding_reaches_the_coverage_table() -> None:
    spec = SPEC.replace("facility: Site 12,", "facility: 'Site 12 TBD',")
    assert _status(spec, "CTGOV/facility") == "weak"
    # Every site needs a country for SPIRIT 13: site 0 has none, so it is missing, not weak.
    assert _status(spec, "SPIRIT-2025/13") == "missing"
    assert _status(spec.replace("country: ,", "country: Chile,"), "SPIRIT-2025/13") == "weak"
