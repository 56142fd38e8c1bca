"""Arms, interventions and design parts as the PDF synopsis shows them (M11 §1.2 notes).

Part of the synopsis view model (:mod:`.synopsis_view`): every arm with its description and
what its participants receive (each intervention's description, dose, route and regimen),
and each part of a multi-part design with its method, rules and cohorts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from protocolgen import labels
from protocolgen.render.assumed_view import mark
from protocolgen.render.display import Row, join, plain


@dataclass(frozen=True)
class Treatment:
    """One intervention as given in one arm."""

    name: str
    kind: str
    role: str
    description: str
    other_names: str
    dose: str
    route: str
    regimen: str


@dataclass(frozen=True)
class Arm:
    """An arm and the interventions its participants receive."""

    label: str
    kind: str
    size: str
    description: str
    treatments: list[Treatment]


def _treatment(i: dict[str, Any], n: int) -> Treatment:
    at = f"/interventions/{n}"
    return Treatment(
        mark(i["name"], f"{at}/name"),
        mark(labels.label(labels.INTERVENTION_TYPE, i["type"]), f"{at}/type"),
        mark(labels.label(labels.INTERVENTION_ROLE, i.get("role")), f"{at}/role"),
        mark(plain(i.get("description")), f"{at}/description"),
        "; ".join(i.get("other_names", [])),
        mark(plain(i.get("dose")), f"{at}/dose"),
        mark(plain(i.get("route")), f"{at}/route"),
        mark(plain(i.get("regimen")), f"{at}/regimen"),
    )


def arms(data: dict[str, Any]) -> list[Arm]:
    """The arms, each with what its participants receive."""
    index = {i["id"]: n for n, i in enumerate(data.get("interventions", []))}
    found = []
    for n, arm in enumerate(data["arms"]):
        at = f"/arms/{n}"
        given = [_treatment(data["interventions"][index[ref]], index[ref])
                 for ref in arm["interventions"] if ref in index]
        found.append(Arm(
            mark(arm["label"], f"{at}/label"),
            mark(labels.label(labels.ARM_TYPE, arm["type"]), f"{at}/type"),
            mark(plain(arm.get("size")), f"{at}/size"),
            mark(plain(arm.get("description")), f"{at}/description"),
            given,
        ))
    return found


def part_rows(design: dict[str, Any]) -> list[Row]:
    """Each design part: method, size, cohorts and its rules, as written."""
    out = []
    for n, part in enumerate(design.get("parts", [])):
        at = f"/design/parts/{n}"
        bits = [mark(labels.label(labels.PART_METHOD, part.get("method")), f"{at}/method")]
        if "size" in part:
            bits.append(mark(f"{part['size']} participants", f"{at}/size"))
        bits += [
            mark(join(c["name"], c.get("dose", ""),
                      f"(n = {c['size']})" if "size" in c else "", sep=" "), f"{at}/cohorts/{k}")
            for k, c in enumerate(part.get("cohorts", []))
        ]
        bits.append(mark(plain(part.get("description")), f"{at}/description"))
        out.append(Row(part["name"], "; ".join(b for b in bits if b)))
    return out
