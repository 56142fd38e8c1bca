"""Codes the engine reports itself: profile items (PG7xx), configuration and comments (PG8xx).

They are registered like rules so that ``protocolgen rules`` lists and explains them and
``select``/``ignore``/``severity`` apply to them, but their checks find nothing on their own:
profile findings come from :mod:`protocolgen.rules.engine`, configuration findings from
:mod:`protocolgen.config` and :mod:`protocolgen.suppressions`, assumed values from
:mod:`protocolgen.assumptions`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.rules.base import Finding, rule


def _engine(data: dict[str, Any]) -> Iterator[Finding]:
    return iter(())


def _register(code: str, name: str, severity: Severity, title: str, doc: str, **ex: str) -> None:
    def check(data: dict[str, Any]) -> Iterator[Finding]:
        return _engine(data)

    check.__doc__ = doc
    check.__module__ = __name__
    rule(code, name, severity, title, **ex)(check)


_PROFILE_DOC = (
    'With `--profile {name}` (or `profiles = ["{name}"]` in the configuration), each '
    "required item of the {title} profile that the spec does not carry is reported at its "
    "parent section. An item that does not apply can be justified with "
    '`narrative: {{"ITEM-ID": {{not_applicable: reason}}}}`; registry-assigned and '
    "post-completion items are deferred, not missing. See docs/profiles.md."
)
_register(
    "PG700",
    "profile-coverage",
    Severity.INFO,
    "Coverage of each selected profile",
    "One finding per selected profile at the top of the spec: items met out of the items "
    "that apply, with the percentage and the number of weak, missing and deferred items.",
    passing="(no --profile: nothing is reported)",
    failing="protocolgen validate --profile who-trds spec.yaml",
)
for _code, _name, _title in (
    ("PG701", "ctgov", "ClinicalTrials.gov PRS"),
    ("PG702", "who-trds", "WHO TRDS 1.3.1"),
    ("PG703", "spirit-2025", "SPIRIT 2025"),
    ("PG704", "m11-synopsis", "ICH M11 synopsis"),
):
    _register(
        _code,
        f"{_name}-item-missing",
        Severity.WARNING,
        f"{_title} items are present",
        _PROFILE_DOC.format(name=_name, title=_title),
        passing="identification: {official_title: A Phase 1 Study of ...}",
        failing="identification: {brief_title: Only a brief title}",
    )
_register(
    "PG801",
    "config-syntax",
    Severity.ERROR,
    "The configuration file parses",
    "protocolgen.toml or pyproject.toml must be valid TOML; the finding points at the "
    "position the TOML parser reports.",
    passing='select = ["PG4"]',
    failing='select = ["PG4"',
)
_register(
    "PG802",
    "config-unknown-key",
    Severity.ERROR,
    "Configuration keys are known",
    "The configuration accepts `select`, `ignore`, `severity` and `profiles`; any other key "
    "is a misspelling that would otherwise be ignored silently.",
    passing='ignore = ["PG422"]',
    failing='ignores = ["PG422"]',
)
_register(
    "PG803",
    "config-invalid-value",
    Severity.ERROR,
    "Configuration values are valid",
    "Codes in `select`, `ignore` and `severity` must name rules (or code prefixes such as "
    "PG4), severities are error, warning or info, and profiles must exist.",
    passing='[tool.protocolgen.severity]\nPG402 = "error"',
    failing='[tool.protocolgen.severity]\nPG402 = "fatal"',
)
_register(
    "PG804",
    "unused-suppression",
    Severity.WARNING,
    "Suppressions suppress something",
    "A `# protocolgen: ignore[CODE]` comment whose line (or the keys below it) has no "
    "finding with that code is stale; remove it so it cannot hide a future finding.",
    passing="overall: RECRUITING  # protocolgen: ignore[PG305]   (PG305 is reported here)",
    failing="overall: COMPLETED  # protocolgen: ignore[PG305]",
)
_register(
    "PG805",
    "unknown-suppression-code",
    Severity.WARNING,
    "Suppressions name real codes",
    "A suppression comment names a code no rule has, usually a typo.",
    passing="# protocolgen: ignore[PG305]",
    failing="# protocolgen: ignore[PG3O5]",
)
_register(
    "PG809",
    "findings-capped",
    Severity.INFO,
    "Repeated findings are summarised",
    "A spec reports at most 100 findings of one code; one note at the last of them says "
    "how many more were left out, so a pasted list of thousands of bad ids gives a readable "
    "report instead of megabytes of near-identical findings.",
    passing="(100 or fewer findings of each code)",
    failing="activities: [{id: A1, visits: [X1, X2, ..., X500]}]   (500 unknown visits)",
)
_register(
    "PG806",
    "assumed-value",
    Severity.WARNING,
    "Values are sourced, not assumed",
    "A value marked `# protocolgen: assumed` or `# protocolgen: assumed[reason]` on its line "
    "(or below a key so marked) was inferred, not read from a source. It is kept and every "
    "document prints it with an [assumed] mark and the reason in a note; this finding lists "
    "it so `--strict` fails until it is confirmed. A profile with `assumed: forbid` reports "
    "it as an error.",
    passing="count: 38  # page: \"38 participants\"",
    failing="type: ESTIMATED  # protocolgen: assumed[trial still recruiting]",
)
