"""Semantic rules over schema-valid specs. Importing this package registers every family."""

from __future__ import annotations

from protocolgen.rules import crossrefs, gaps
from protocolgen.rules.base import RULES, Finding, Rule, run_rules

__all__ = ["RULES", "Finding", "Rule", "crossrefs", "gaps", "run_rules"]
