"""Semantic rules over schema-valid specs. Importing this package registers every family."""

from __future__ import annotations

from protocolgen.rules import (
    consistency,
    crossrefs,
    design,
    gaps,
    limits,
    meta,
    schedule,
    text_quality,
)
from protocolgen.rules.base import RULES, Finding, Rule, run_rules

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "consistency",
    "crossrefs",
    "design",
    "gaps",
    "limits",
    "meta",
    "run_rules",
    "schedule",
    "text_quality",
]
