"""Plain YAML scalars read with the YAML 1.2 core schema, as editors read them.

PyYAML resolves plain scalars by YAML 1.1, where ``yes``, ``NO``, ``on`` and ``off`` are
booleans, ``010`` is octal and ``1_000`` or ``1:30`` are numbers. yaml-language-server (and
VS Code, and most tools written since 2009) read YAML 1.2, where all of those are strings.
A spec means one thing in the editor and in ``protocolgen validate`` only if both use the
same rules, so specs are read with the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema):

* booleans: ``true``/``True``/``TRUE`` and ``false``/``False``/``FALSE`` only;
* null: ``~``, ``null``/``Null``/``NULL`` and the empty value;
* integers: ``[-+]?[0-9]+`` (decimal, ``010`` is ten), ``0o17``, ``0x1F``;
* floats: ``1.5``, ``.5``, ``1e3``, ``.inf``, ``-.inf``, ``.nan`` (and their capitalised forms);
* anything else, dates included, is a string.

docs/spec-format.md ("YAML version") shows the differences a spec author may meet.
"""

from __future__ import annotations

import re
from typing import Any

CORE = "tag:yaml.org,2002:"

_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}
#: Most digits in a number (Python converts at most 4300-digit integers to text).
MAX_DIGITS = 1000


def resolve(value: str) -> str:
    """The core-schema tag of a plain (unquoted, untagged) scalar written as ``value``."""
    if value in _NULL:
        return CORE + "null"
    if value in _BOOL:
        return CORE + "bool"
    if _INT.fullmatch(value):
        return CORE + "int"
    if _FLOAT.fullmatch(value) or value in _SPECIAL_FLOAT:
        return CORE + "float"
    return CORE + "str"


def plain_is_text(value: str) -> bool:
    """Whether ``value`` written unquoted reads back as this text (writers quote it if not)."""
    return resolve(value) == CORE + "str"


def convert(tag: str, value: str) -> Any:
    """``value`` as the Python value of core-schema ``tag``.

    Raises :class:`ValueError` when ``value`` cannot be that type (an explicit ``!!int`` on
    other text, say) or a number has more than :data:`MAX_DIGITS` digits.
    """
    kind = tag[len(CORE):]
    if kind in ("str", "timestamp"):  # dates stay as written
        return value
    if kind == "null":
        if value not in _NULL:
            raise ValueError(f"not null: {value!r}")
        return None
    if kind == "bool":
        if value not in _BOOL:
            raise ValueError(f"not a boolean: {value!r}")
        return _BOOL[value]
    if sum(c.isalnum() for c in value) > MAX_DIGITS:
        # Python refuses decimal conversions of over 4300 digits, and every message
        # quoting such a number would fail; no spec field needs more than a few digits.
        raise ValueError("too many digits")
    if kind == "int":
        if not _INT.fullmatch(value):
            raise ValueError(f"not an integer: {value!r}")
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value, 10)
    if value in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[value]
    if not _FLOAT.fullmatch(value):
        raise ValueError(f"not a float: {value!r}")
    return float(value)
