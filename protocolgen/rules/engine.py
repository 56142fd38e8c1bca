"""Run the selected rules and profiles over a schema-valid document and apply the settings.

Order: rules and assumed values (PG806) → profile items and coverage → inline suppressions →
severity overrides → select/ignore. Suppressions come before severity so a suppression works
whatever severity the configuration gives the code.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from protocolgen import assumptions, suppressions
from protocolgen import profiles as profile_data
from protocolgen.config import Settings
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.loading import Document
from protocolgen.profiles import plan
from protocolgen.rules.base import RULES, run_rules


def check_document(
    doc: Document,
    settings: Settings,
    *,
    profiles: Sequence[str] = (),
    today: date | None = None,
) -> list[Diagnostic]:
    """Every finding about a schema-valid ``doc`` under ``settings``."""
    rules = [r for r in RULES.values() if settings.enabled(r.code)]
    found = run_rules(doc, rules, today=today)
    chosen = [profile_data.get(name) for name in profiles]
    if settings.enabled(assumptions.CODE):
        forbid = any(p.forbid_assumed for p in chosen)
        found += assumptions.findings(doc, Severity.ERROR if forbid else Severity.WARNING)
    if chosen:
        covered = plan.for_names(tuple(profiles)).evaluate(doc.data, found)
        found += [d for coverage in covered for d in profile_findings(doc, coverage)]
    found = suppressions.apply(doc, found, enabled=settings.enabled)
    if settings.severity:
        found = [
            dataclasses.replace(d, severity=settings.severity[d.code])
            if d.code in settings.severity
            else d
            for d in found
        ]
    if settings.select or settings.ignore:  # else every code is enabled
        found = [d for d in found if settings.enabled(d.code)]
    return found


def profile_findings(doc: Document, coverage: profile_data.Coverage) -> list[Diagnostic]:
    """A finding per missing item of ``coverage``'s profile and one coverage line (PG700)."""
    profile, status, position = coverage.profile, coverage.status, doc.position
    rule = RULES[profile.code]
    result = [
        Diagnostic(doc.path, *position(item.at, key=True), rule.code, rule.severity, message,
                   hint, item.at)
        for item, message, hint in profile.when_missing
        if status[item.id] == "missing"
    ]
    info = RULES["PG700"]
    result.append(Diagnostic(doc.path, 1, 1, "PG700", info.severity, coverage.summary(), "", ""))
    return result
