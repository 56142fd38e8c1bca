"""The five seed specs validate with exactly their real gaps, at the right lines."""

from __future__ import annotations

from protocolgen import api
from protocolgen.rules import RULES
from tests.conftest import SPECS

GAP_CODES = {code for code, rule in RULES.items() if rule.family == "gaps"}

#: What each seed page leaves out (see docs/seed-transcription.md), as (line, gap code).
EXPECTED_GAPS = {
    "als-nasal-sev.yaml": [
        (16, "PG304"),  # recruiting, but the page's contact sections are empty
        (16, "PG305"),  # its one site has no recruitment status
        (56, "PG302"),  # "Brief Summary" heading with nothing under it
        (61, "PG301"),  # "Conditions" heading with nothing under it
        (144, "PG306"),  # no outcome measures on the page
        (181, "PG307"),  # no visit schedule
    ],
    "covid19-uc-msc.yaml": [
        (16, "PG304"),  # central contact named without phone or email
        (16, "PG305"),  # the location list never loaded ("Loading...")
        (83, "PG306"),
        (122, "PG307"),
    ],
    "lupus-uc-msc.yaml": [
        (13, "PG304"),
        (13, "PG305"),
        (101, "PG306"),
        (116, "PG309"),  # "See 6 more" / "See 8 more"
        (142, "PG307"),
    ],
    "mda5-rpild-nebulized-exosomes.yaml": [
        (35, "PG303"),  # the page has no detailed description
        (113, "PG309"),  # exclusions only summarised ("and other specified conditions")
    ],
    "ra-uc-msc.yaml": [
        (41, "PG310"),  # no contacts or officials at all
        (46, "PG302"),
        (47, "PG303"),  # "Detailed Description" heading with nothing under it
        (49, "PG301"),
        (91, "PG306"),
        (155, "PG307"),
    ],
}


def test_seed_specs_have_no_errors() -> None:
    for path in sorted(SPECS.glob("*.yaml")):
        report = api.check_source(str(path)).report
        assert not report.has_errors, [d for d in report.diagnostics]


def test_seed_specs_report_exactly_their_real_gaps() -> None:
    found = {}
    for path in sorted(SPECS.glob("*.yaml")):
        report = api.check_source(str(path)).report
        found[path.name] = [(d.line, d.code) for d in report.diagnostics if d.code in GAP_CODES]
    assert found == EXPECTED_GAPS


def test_every_seed_starts_with_the_schema_modeline() -> None:
    for path in sorted(SPECS.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/trial.schema.json"
