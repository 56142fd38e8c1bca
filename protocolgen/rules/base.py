"""The rule registry: each rule is a function with a stable code, severity and title.

A rule receives the schema-valid spec data and yields :class:`Finding` values that name the
JSON pointer they are about; the engine turns them into positioned diagnostics. Adding a
rule is one decorated function in a family module; nothing else changes.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, TypeVar

from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.loading import Document


class Finding(NamedTuple):
    """What a rule reports: the value it is about, the problem, and how to fix it.

    A named tuple rather than a dataclass: rules make one per problem, tens per spec, and a
    tuple is made in a third of the time of a frozen dataclass.
    """

    pointer: str
    message: str
    hint: str = ""
    #: Point at the key naming the value rather than the value (for empty or missing content).
    at_key: bool = False


Check = Callable[[dict[str, Any]], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A check with a stable code. ``explanation`` is the rule function's docstring."""

    code: str
    name: str
    severity: Severity
    title: str
    explanation: str
    family: str
    check: Check
    #: A YAML fragment that passes the rule, and one that fails it (shown by `rules CODE`).
    passing: str = ""
    failing: str = ""


RULES: dict[str, Rule] = {}

#: The date "now" means for rules about stale dates; set by :func:`run_rules` so that rules
#: stay plain functions of the data and tests can pin the date.
T = TypeVar("T")
TODAY: ContextVar[date] = ContextVar("TODAY")
#: Values several rules derive from the same spec, computed once per :func:`run_rules` call.
_RUN_MEMO: ContextVar[dict[tuple[str, int], Any] | None] = ContextVar("_RUN_MEMO", default=None)
_STRINGS = "loaded strings"


def rule(
    code: str,
    name: str,
    severity: Severity,
    title: str,
    *,
    passing: str = "",
    failing: str = "",
) -> Callable[[Check], Check]:
    """Register the decorated function as rule ``code``."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise RuntimeError(f"rule code {code} registered twice")
        family = check.__module__.rsplit(".", 1)[-1]
        RULES[code] = Rule(
            code,
            name,
            severity,
            title,
            inspect.getdoc(check) or title,
            family,
            check,
            passing,
            failing,
        )
        return check

    return register


def run_rules(
    doc: Document, rules: Iterable[Rule] | None = None, *, today: date | None = None
) -> list[Diagnostic]:
    """Run ``rules`` (default: all) over a schema-valid document.

    ``today`` is the reference date for rules about stale dates (default: the real date).
    """
    token = TODAY.set(today or date.today())
    memo_token = _RUN_MEMO.set({(_STRINGS, id(doc.data)): doc.strings})
    try:
        return _run(doc, RULES.values() if rules is None else rules)
    finally:
        _RUN_MEMO.reset(memo_token)
        TODAY.reset(token)


def shared(name: str, data: Any, compute: Callable[[], T]) -> T:
    """``compute()``, evaluated once per :func:`run_rules` call for ``data``.

    Within one run the spec is neither changed nor freed, so its ``id`` identifies it;
    outside a run (a rule called directly) the value is simply computed.
    """
    memo = _RUN_MEMO.get()
    if memo is None:
        return compute()
    key = (name, id(data))
    if key not in memo:
        memo[key] = compute()
    value: T = memo[key]
    return value


def loaded_strings(data: dict[str, Any]) -> list[tuple[str, str]] | None:
    """(pointer, text) of every string in ``data`` in document order, as the loader listed
    them while parsing, when ``data`` is the spec of the current :func:`run_rules` call and
    the loader could list them; else None (walk the data instead)."""
    memo = _RUN_MEMO.get()
    found: list[tuple[str, str]] | None = memo.get((_STRINGS, id(data))) if memo else None
    return found


def _run(doc: Document, rules: Iterable[Rule]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for item in rules:
        for pointer, message, hint, at_key in item.check(doc.data):
            line, column = doc.position(pointer, key=at_key)
            found.append(
                Diagnostic(doc.path, line, column, item.code, item.severity, message, hint, pointer)
            )
    return found


def items(data: dict[str, Any], *path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, item) for each mapping in the list at ``path`` (missing lists yield nothing)."""
    node: Any = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, list):
        return
    base = "/" + "/".join(path)
    for index, item in enumerate(node):
        if isinstance(item, dict):
            yield f"{base}/{index}", item


def get(data: dict[str, Any], *path: str) -> Any:
    """The value at ``path``, or None when any step is missing."""
    node: Any = data
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node
