"""USDM text → the spec's plain text: syntax-template tags resolved, XHTML flattened.

USDM texts are XHTML fragments (``<p>…</p>``) in which ``<usdm:tag name="min_age"/>`` stands
for a parameter of the text's ``SyntaxTemplateDictionary``; the dictionary maps the tag to
``<usdm:ref klass="Quantity" id="Quantity_9" attribute="value">``, an attribute of another
object of the file. A tag that cannot be resolved is kept as ``[min_age]`` and reported.
"""

from __future__ import annotations

import html
import re
from typing import Any

_TAG = re.compile(r"<usdm:tag\s+name=\"([^\"]*)\"\s*/?>(?:\s*</usdm:tag>)?")
_REF = re.compile(r"<usdm:ref\b([^>]*)>(?:\s*</usdm:ref>)?")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")
_BLOCK = re.compile(r"\s*</p>\s*<p[^>]*>\s*|<br\s*/?>", re.IGNORECASE)
_ITEM = re.compile(r"\s*<li[^>]*>\s*", re.IGNORECASE)
_ANY = re.compile(r"</?[A-Za-z][^<>]*>")


def _value(attrs: str, index: dict[str, dict[str, Any]]) -> str | None:
    found = dict(_ATTR.findall(attrs))
    target = index.get(found.get("id", ""))
    if target is None:
        return None
    value = target.get(found.get("attribute", ""))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dict):
        value = _object_text(value)
    return None if value is None else str(value)


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _object_text(value: dict[str, Any]) -> str | None:
    """A Code's decode, a Quantity as ``18 Year``, a Range as ``18 to 65 Year``."""
    kind = value.get("instanceType")
    if kind == "Code":
        return str(value.get("decode"))
    if kind == "Quantity":
        unit = ((value.get("unit") or {}).get("standardCode") or {}).get("decode")
        return " ".join(filter(None, [_number(value.get("value")), unit]))
    if kind == "Range":
        low, high = value.get("minValue") or {}, value.get("maxValue") or {}
        unit = ((high.get("unit") or {}).get("standardCode") or {}).get("decode")
        parts = [_number(low.get("value")), "to", _number(high.get("value")), unit]
        return " ".join(p for p in parts if p)
    return None


def plain(
    text: str | None,
    dictionary_id: str | None,
    index: dict[str, dict[str, Any]],
    unresolved: list[str],
) -> str:
    """``text`` as plain text; names of tags it could not resolve are added to ``unresolved``."""
    if not text:
        return ""
    maps: dict[str, str] = {}
    dictionary = index.get(dictionary_id or "")
    for item in (dictionary or {}).get("parameterMaps", []):
        if isinstance(item, dict) and isinstance(item.get("tag"), str):
            maps[item["tag"]] = str(item.get("reference", ""))

    def tag(match: re.Match[str]) -> str:
        name = match.group(1)
        ref = _REF.search(maps.get(name, ""))
        value = _value(ref.group(1), index) if ref else None
        if value is None:
            unresolved.append(name)
            return f"[{name}]"
        return value

    text = _TAG.sub(tag, text)
    text = _REF.sub(lambda m: _value(m.group(1), index) or "", text)
    text = _ITEM.sub("\n- ", _BLOCK.sub("\n\n", text))
    return html.unescape(_ANY.sub("", text)).strip()
