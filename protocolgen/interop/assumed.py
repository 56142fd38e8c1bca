"""Values a spec marks as inferred (``# protocolgen: assumed[reason]``) are not exported.

An importer writes a value the source did not give only where the spec schema requires one,
and marks its line (:func:`~protocolgen.interop.yaml_writer.mark_assumed`). A writer for a
registry must not present that guess as the sponsor's statement, so every exporter starts
from :func:`without_assumed`: the data with the marked values removed.
"""

from __future__ import annotations

import copy
from typing import Any

from protocolgen import assumptions
from protocolgen.document import Document


def assumed_pointers(doc: Document) -> frozenset[str]:
    """JSON pointers of the values the spec marks as assumed (:mod:`protocolgen.assumptions`,
    the same reading validate and the documents use)."""
    return frozenset(assumptions.assumed(doc))


def without_assumed(data: dict[str, Any], pointers: frozenset[str]) -> dict[str, Any]:
    """A copy of ``data`` without the values at ``pointers`` (deepest first)."""
    out: dict[str, Any] = copy.deepcopy(data)
    for pointer in sorted(pointers, key=lambda p: (-p.count("/"), p), reverse=False):
        *parents, last = [_unescape(t) for t in pointer.split("/")[1:]]
        node: Any = out
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node.get(token, {})
        if isinstance(node, dict):
            node.pop(last, None)
        elif isinstance(node, list) and last.isdigit() and int(last) < len(node):
            node[int(last)] = None  # keep the other indexes; None is dropped on export
    return out


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")
