"""CDISC codes back to spec codes (the reverse of ``tables/usdm_codes.csv``), and ISO 8601
durations back to spec durations."""

from __future__ import annotations

import re
from typing import Any

from protocolgen.interop.usdm.codes import SPEC_SYSTEM, cdisc_codes

_ISO = re.compile(
    r"^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)
_UNITS = ("YEARS", "MONTHS", "WEEKS", "DAYS", "HOURS", "MINUTES", "SECONDS")
_HOURS = {"WEEKS": 168.0, "DAYS": 24.0, "HOURS": 1.0, "MINUTES": 1 / 60, "SECONDS": 1 / 3600}


def spec_code(attribute: str, code: Any) -> str | None:
    """The spec code of a USDM Code used as ``attribute``: by C-code, then by decode; a
    ``protocolgen`` code is the spec code itself."""
    if not isinstance(code, dict):
        return None
    if code.get("codeSystem") == SPEC_SYSTEM:
        return str(code.get("code"))
    for (attr, spec), (cdisc, _) in cdisc_codes().items():
        if attr == attribute and code.get("code") == cdisc:
            return spec
    for (attr, spec), (_, decode) in cdisc_codes().items():
        if attr == attribute and str(code.get("decode", "")).lower() == decode.lower():
            return spec
    return None


def alias_code(attribute: str, alias: Any) -> str | None:
    return spec_code(attribute, alias.get("standardCode")) if isinstance(alias, dict) else None


def duration(text: Any) -> dict[str, Any] | None:
    """``P2W`` → ``{value: 2, unit: WEEKS}``; mixed parts (``P1DT12H``) in hours; minutes and
    seconds as (fractions of) hours; ``None`` when it is not an ISO 8601 duration."""
    match = _ISO.match(text) if isinstance(text, str) else None
    if match is None or not any(match.groups()[1:]):
        return None
    parts = [
        (u, float(v)) for u, v in zip(_UNITS, match.groups()[1:], strict=True) if v is not None
    ]
    sign = -1 if match.group(1) else 1
    if len(parts) == 1 and parts[0][0] in ("YEARS", "MONTHS", "WEEKS", "DAYS", "HOURS"):
        unit, value = parts[0]
    elif all(u in _HOURS for u, _ in parts):
        unit, value = "HOURS", sum(v * _HOURS[u] for u, v in parts)
    else:
        return None
    return {"value": _number(sign * value), "unit": unit}


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 4)


def add(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    """The sum of two durations, in their unit when they share one, else in hours."""
    if a["unit"] == b["unit"]:
        return {"value": _number(a["value"] + b["value"]), "unit": a["unit"]}
    if a["unit"] in _HOURS and b["unit"] in _HOURS:
        small = min((a, b), key=lambda d: _HOURS[d["unit"]])["unit"]
        total = (a["value"] * _HOURS[a["unit"]] + b["value"] * _HOURS[b["unit"]]) / _HOURS[small]
        return {"value": _number(total), "unit": small}
    return None
