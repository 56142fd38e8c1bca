"""What the importer needs from the trial spec schema: code lists and the key order.

Reading both from ``schemas/trial.schema.json`` (rather than copying them) keeps the importer
in step when the schema gains a code or a property.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from protocolgen.resources import trial_schema

_ARRAY = "[]"


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    root = trial_schema()
    while "$ref" in node:
        ref = node["$ref"]
        node = root["$defs"][ref.rsplit("/", 1)[1]] if ref.startswith("#/$defs/") else root
    return node


def _object_branch(node: dict[str, Any]) -> dict[str, Any]:
    """The object alternative of a ``oneOf`` (criterion, condition, age), or the node itself."""
    node = _resolve(node)
    for branch in node.get("oneOf", []):
        branch = _resolve(branch)
        if branch.get("type") == "object":
            return branch
    return node


def node_at(*keys: str) -> dict[str, Any]:
    """The schema node for a spec path; ``"[]"`` steps into array items."""
    node = _resolve(trial_schema())
    for key in keys:
        node = _object_branch(node)
        node = _resolve(node["items"] if key == _ARRAY else node["properties"][key])
    return node


@cache
def enum_at(*keys: str) -> frozenset[str]:
    """The codes allowed at a spec path, e.g. ``enum_at("design", "allocation")``."""
    node = node_at(*keys)
    if "enum" not in node and "items" in node:
        node = _resolve(node["items"])
    return frozenset(node["enum"])


def ordered(value: Any, node: dict[str, Any] | None = None) -> Any:
    """A copy of ``value`` with every mapping's keys in the schema's property order."""
    node = _object_branch(trial_schema() if node is None else node)
    if isinstance(value, dict):
        props: dict[str, Any] = node.get("properties", {})
        rank = {key: index for index, key in enumerate(props)}
        extra = node.get("additionalProperties")
        out = {}
        for key in sorted(value, key=lambda k: (rank.get(k, len(rank)), str(k))):
            child = props.get(key, extra if isinstance(extra, dict) else {})
            out[key] = ordered(value[key], child)
        return out
    if isinstance(value, list):
        items = node.get("items", {})
        return [ordered(item, items) for item in value]
    return value
