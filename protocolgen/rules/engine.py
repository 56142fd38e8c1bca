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
    lookup = profile_data.Lookup(doc.data, found) if chosen else None
    for profile in chosen:
        found.extend(profile_findings(doc, profile, found, lookup))
    found = suppressions.apply(doc, found, enabled=settings.enabled)
    found = [
        dataclasses.replace(d, severity=settings.severity[d.code])
        if d.code in settings.severity
        else d
        for d in found
    ]
    return [d for d in found if settings.enabled(d.code)]


def profile_findings(
    doc: Document,
    profile: profile_data.Profile,
    found: list[Diagnostic],
    lookup: profile_data.Lookup | None = None,
) -> list[Diagnostic]:
    """A finding per missing item of ``profile`` and one coverage line (PG700)."""
    coverage = profile_data.evaluate(profile, doc.data, found, lookup)
    rule = RULES[profile.code]
    result: list[Diagnostic] = []
    for item, message, hint in profile.when_missing:
        if coverage.status[item.id] == "missing":
            line, column = doc.position(item.at, key=True)
            result.append(
                Diagnostic(doc.path, line, column, rule.code, rule.severity, message, hint, item.at)
            )
    info = RULES["PG700"]
    result.append(Diagnostic(doc.path, 1, 1, "PG700", info.severity, coverage.summary(), "", ""))
    return result

