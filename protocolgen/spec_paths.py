"""Spec paths with wildcards ("/locations/*/country"): the values they reach, with or
without their pointers.

Profiles and the character-limit rule name the parts of a spec they need as such paths; a
``*`` step matches every key of a mapping or every item of a list. Paths are split once per
process, and a path without ``*`` (most of them) is followed without building pointers.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any


@cache
def steps(path: str) -> tuple[str, ...]:
    """The steps of ``path`` ("/a/*/b" → ("a", "*", "b"))."""
    return tuple(path.lstrip("/").split("/")) if path else ()


@cache
def _plain(path: str) -> bool:
    """Whether ``path`` names one place (no ``*``) and is written as its own pointer."""
    parts = steps(path)
    return (
        "*" not in parts
        and path == "/" + "/".join(parts)
        and all(not token.isdigit() or token == str(int(token)) for token in parts)
    )


#: What :func:`step` returns when there is no such child.
MISSING = object()


def step(value: Any, head: str) -> Any:
    """The child ``head`` names below ``value`` (a key or a list index), or ``MISSING``."""
    if isinstance(value, dict):
        return value.get(head, MISSING)
    if isinstance(value, list) and head.isdigit() and int(head) < len(value):
        return value[int(head)]
    return MISSING


def below(level: list[Any], head: str) -> list[Any]:
    """The values one step ``head`` reaches from each value of ``level``, in document order
    (``*``: every value of a mapping and every item of a list)."""
    if head == "*":
        found: list[Any] = []
        for value in level:
            if isinstance(value, dict):
                found.extend(value.values())
            elif isinstance(value, list):
                found.extend(value)
        return found
    if len(level) == 1 and type(level[0]) is dict:  # the usual case: one mapping
        child = level[0].get(head, MISSING)
        return [] if child is MISSING else [child]
    if not head.isdigit():  # a key: lists have no such child
        return [value[head] for value in level if isinstance(value, dict) and head in value]
    return [child for child in (step(value, head) for value in level) if child is not MISSING]


def values(node: Any, path: str) -> list[Any]:
    """Every value ``path`` reaches from ``node``, in document order (no pointers made)."""
    if _plain(path):
        for head in steps(path):
            node = node.get(head, MISSING) if type(node) is dict else step(node, head)
            if node is MISSING:
                return []
        return [node]
    level = [node]
    for head in steps(path):
        level = below(level, head)
        if not level:
            break
    return level


def resolve(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(pointer, value) for every value ``path`` reaches from ``node``, in document order."""
    if _plain(path):
        found = values(node, path)
        return iter([(path, found[0])] if found else [])
    level: list[tuple[str, Any]] = [("", node)]
    for head in steps(path):
        below: list[tuple[str, Any]] = []
        for here, value in level:
            if head != "*":
                child = step(value, head)
                if child is not MISSING:
                    index = str(int(head)) if isinstance(value, list) else head
                    below.append((f"{here}/{index}", child))
            elif isinstance(value, dict):
                below.extend((f"{here}/{key}", item) for key, item in value.items())
            elif isinstance(value, list):
                below.extend((f"{here}/{n}", item) for n, item in enumerate(value))
        level = below
        if not level:
            break
    return iter(level)


def parts(pointer: str) -> tuple[str, ...]:
    """The reference tokens of a JSON pointer, unescaped ("/a~1b/0" → ("a/b", "0"))."""
    tokens = pointer.split("/")[1:]
    return tuple(t.replace("~1", "/").replace("~0", "~") if "~" in t else t for t in tokens)
