"""Which CT.gov ``protocolSection`` fields the spec models, which it keeps as registry metadata,
and which it leaves out (and why), read from the mapping table ``interop/tables/ctgov.csv``.
docs/ctgov.md is written from that table.

Paths are written without indices: ``armsInterventionsModule.armGroups[].label``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from protocolgen.interop import tables

#: Fields mapped to authored spec fields; export writes them back.
MODELLED: frozenset[str] = tables.paths("ctgov", "modelled", "markup")
#: Modelled fields of CT.gov's ``markup`` type: Markdown in the record, plain text in the spec
#: (import undoes the backslash escapes, export puts them back; see ``markup.py``).
MARKUP: frozenset[str] = tables.paths("ctgov", "markup")
#: Registry-assigned dates kept under the spec's ``registry_record`` (import metadata only).
SYSTEM: frozenset[str] = tables.paths("ctgov", "system")
#: Fields the spec does not model, with the reason (shown in PG916 findings and the docs).
#: Those in :data:`REGISTRY_ASSIGNED` are dropped without a finding: no sponsor writes them.
NOT_MODELLED: dict[str, str] = tables.notes("ctgov", "not_modelled")

REGISTRY_ASSIGNED: frozenset[str] = frozenset(
    path
    for path, reason in NOT_MODELLED.items()
    if reason.startswith(("registry", "results processing", "results-delay"))
)
#: The default of an optional block that says nothing ("no expanded access").
_EMPTY = {"statusModule.expandedAccessInfo": {"hasExpandedAccess": False}}

_PREFIXES = frozenset(
    path[:i].removesuffix("[]")
    for path in MODELLED | SYSTEM
    for i in range(len(path))
    if path[i] in ".["
)


def unmodelled(section: dict[str, Any]) -> Counter[str]:
    """Paths of the protocol section that are neither modelled nor system, with their counts.

    The walk stops at the first unknown key, so a copied block (``locations_nested``) is one
    entry, not one per leaf.
    """
    found: Counter[str] = Counter()
    _walk(section, "", found)
    return found


def _walk(value: Any, path: str, found: Counter[str]) -> None:
    if isinstance(value, list):
        for item in value:
            _walk(item, path + "[]", found)
        return
    if not isinstance(value, dict):
        return
    for key, child in value.items():
        here = f"{path}.{key}" if path else str(key)
        if here in MODELLED or here in SYSTEM or (here + "[]") in MODELLED:
            continue
        if here in REGISTRY_ASSIGNED or _EMPTY.get(here) == child:
            continue
        if here in _PREFIXES:
            _walk(child, here, found)
        else:
            found[here] += 1
