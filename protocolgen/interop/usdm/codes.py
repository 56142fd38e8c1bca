"""USDM building blocks: stable ids, CDISC CT codes from ``tables/usdm_codes.csv``, durations.

Ids are ``<Class>_<n>`` numbered in the order the writer meets the objects, so the same spec
always gives the same ids (and the same bytes). A spec code with no row in the table is
written as a Code of the spec's own code system (``protocolgen``) with a readable decode, so
nothing is dropped and nothing is given a CDISC code it was not checked against.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from protocolgen import labels

CDISC = "http://www.cdisc.org"
#: The CDISC CT release the C-codes were taken from (the one the CDISC Pilot example uses).
CDISC_VERSION = "2024-09-27"
SPEC_SYSTEM = "protocolgen"
_TABLE = Path(__file__).resolve().parent.parent / "tables" / "usdm_codes.csv"
#: Display labels of spec codes, for the decode of codes with no CDISC row.
_LABELS: dict[str, dict[str, str]] = {
    "model": {**labels.INTERVENTION_MODEL, **labels.OBSERVATIONAL_MODEL},
    "timePerspective": labels.TIME_PERSPECTIVE,
    "intentTypes": labels.PRIMARY_PURPOSE,
    "intervention.type": labels.INTERVENTION_TYPE,
}


@cache
def cdisc_codes() -> dict[tuple[str, str], tuple[str, str]]:
    """(attribute, spec code) → (C-code, decode)."""
    with _TABLE.open(encoding="utf-8", newline="") as handle:
        return {
            (row["attribute"], row["spec"]): (row["code"], row["decode"])
            for row in csv.DictReader(handle)
        }


class Ids:
    """Hands out ``<Class>_<n>`` ids in order."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def next(self, cls: str) -> str:
        self._counts[cls] += 1
        return f"{cls}_{self._counts[cls]}"

    @staticmethod
    def of(cls: str, spec_id: str) -> str:
        """The USDM id of a spec object: ``<Class>_<spec id>``, or the spec id itself when it
        already is one (a spec imported from USDM keeps its ids both ways)."""
        return spec_id if spec_id.startswith(f"{cls}_") else f"{cls}_{spec_id}"

    def code(self, attribute: str, value: str) -> dict[str, Any]:
        """A USDM Code for the spec code ``value`` used as ``attribute``."""
        found = cdisc_codes().get((attribute, value))
        if found is not None:
            code, decode, system, version = *found, CDISC, CDISC_VERSION
        else:
            label = _LABELS.get(attribute, {}).get(value)
            code, decode, system, version = (
                value,
                label or value.replace("_", " ").title(),
                SPEC_SYSTEM,
                "1",
            )
        return {
            "id": self.next("Code"),
            "extensionAttributes": [],
            "code": code,
            "codeSystem": system,
            "codeSystemVersion": version,
            "decode": decode,
            "instanceType": "Code",
        }

    def alias(self, attribute: str, value: str) -> dict[str, Any]:
        return {
            "id": self.next("AliasCode"),
            "extensionAttributes": [],
            "standardCode": self.code(attribute, value),
            "standardCodeAliases": [],
            "instanceType": "AliasCode",
        }

    def quantity(self, value: float, unit: str | None) -> dict[str, Any]:
        return {
            "id": self.next("Quantity"),
            "extensionAttributes": [],
            "value": value,
            "unit": self.alias("unit", unit) if unit else None,
            "instanceType": "Quantity",
        }


def base(ids: Ids, cls: str, *, spec_id: str | None = None, **fields: Any) -> dict[str, Any]:
    """A USDM object of class ``cls`` with no extension attributes and the id
    :meth:`Ids.of` gives for ``spec_id`` (the next counted id without one)."""
    ident = ids.of(cls, spec_id) if spec_id else ids.next(cls)
    return {"id": ident, "extensionAttributes": [], **fields, "instanceType": cls}


def named(
    ids: Ids, cls: str, name: str, *, spec_id: str | None = None, **fields: Any
) -> dict[str, Any]:
    """:func:`base` with ``name`` and empty ``label`` / ``description``."""
    return base(ids, cls, spec_id=spec_id, name=name or cls, label=None, description=None, **fields)


def chain(items: list[dict[str, Any]]) -> None:
    """Set previousId / nextId along a list (USDM orders epochs, encounters, criteria so)."""
    for before, after in pairwise(items):
        before["nextId"], after["previousId"] = after["id"], before["id"]


_ISO = {"YEARS": "Y", "MONTHS": "M", "WEEKS": "W", "DAYS": "D"}


def iso_duration(value: float, unit: str) -> str:
    """``14 DAYS`` → ``P14D``, ``6 HOURS`` → ``PT6H`` (the magnitude; the sign is the caller's)."""
    number = abs(value)
    text = str(int(number)) if number == int(number) else str(number)
    if unit == "HOURS":
        return f"PT{text}H"
    return f"P{text}{_ISO[unit]}"
