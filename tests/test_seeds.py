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
        (57, "PG302"),  # "Brief Summary" heading with nothing under it
        (62, "PG301"),  # "Conditions" heading with nothing under it
        (145, "PG306"),  # no outcome measures on the page
        (182, "PG307"),  # no visit schedule
    ],
    "covid19-uc-msc.yaml": [
        (17, "PG304"),  # central contact named without phone or email
        (17, "PG305"),  # the location list never loaded ("Loading...")
        (84, "PG306"),
        (123, "PG307"),
    ],
    "lupus-uc-msc.yaml": [
        (12, "PG304"),
        (12, "PG305"),
        (82, "PG306"),
        (97, "PG309"),  # "See 6 more" / "See 8 more"
        (123, "PG307"),
    ],
    "mda5-rpild-nebulized-exosomes.yaml": [
        (35, "PG303"),  # the page has no detailed description
        (113, "PG309"),  # exclusions only summarised ("and other specified conditions")
    ],
    "ra-uc-msc.yaml": [
        (42, "PG310"),  # no contacts or officials at all
        (47, "PG302"),
        (48, "PG303"),  # "Detailed Description" heading with nothing under it
        (50, "PG301"),
        (93, "PG306"),
        (157, "PG307"),
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
