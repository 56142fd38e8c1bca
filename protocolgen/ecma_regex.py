"""JSON Schema ``pattern`` with the meaning JSON Schema gives it (ECMA-262), not Python's.

JSON Schema patterns are ECMA-262 regular expressions, as editors (yaml-language-server)
and jsonschema-rs apply them. Python's :mod:`re` differs where it matters for ids: ``$``
also matches before a final newline, so ``^[A-Za-z][A-Za-z0-9_.-]*$`` accepts ``"A1\\n"``;
and ``\\d``/``\\w`` match any script's digits and letters. :func:`translate` rewrites a
pattern so Python gives ECMA's answer for the constructs the schemas use: ``$`` (outside a
character class) becomes ``\\Z``, ``\\d``/``\\w`` (and their negations) become ASCII classes.
The schema files stay as written, so editors keep working.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_OUTSIDE = {"$": r"\Z", r"\d": "[0-9]", r"\D": "[^0-9]", r"\w": "[A-Za-z0-9_]",
            r"\W": "[^A-Za-z0-9_]"}
_INSIDE = {r"\d": "0-9", r"\w": "A-Za-z0-9_"}


def translate(pattern: str) -> str:
    """``pattern`` (ECMA-262) as a Python pattern with the same matches (see module doc)."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            out.append((_INSIDE if in_class else _OUTSIDE).get(pair, pair))
            i += 2
            continue
        if in_class:
            in_class = char != "]" or out[-1] in ("[", "[^")
        elif char == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                out.append("[^")
                i += 2
                continue
        elif char == "$":
            char = _OUTSIDE["$"]
        out.append(char)
        i += 1
    return "".join(out)


@lru_cache(maxsize=256)
def compiled(pattern: str) -> re.Pattern[str]:
    """The compiled :func:`translate` of ``pattern`` (``re.error`` when it is not valid)."""
    return re.compile(translate(pattern))


def pattern_keyword(validator: Any, pattern: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """jsonschema's ``pattern`` keyword with ECMA-262 semantics (for ``validators.extend``)."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def ecma_validator(cls: Any) -> Any:
    """The jsonschema validator class ``cls`` with :func:`pattern_keyword` for ``pattern``."""
    from jsonschema import validators

    return validators.extend(cls, {"pattern": pattern_keyword})  # type: ignore[no-untyped-call]
