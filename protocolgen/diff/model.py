"""The semantic diff: two spec mappings in, a list of field-level :class:`Change` values out.

The walk follows the data, not the text: mappings key by key, lists item by item after
pairing (:mod:`protocolgen.diff.matching`, :mod:`protocolgen.diff.items`), and a few small
mappings (enrolment, dates, ages, visit timing and windows) as single values. It needs no
schema-valid input: any parseable spec is compared, shapes the schema does not know included.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from protocolgen.diff import labels
from protocolgen.diff.items import DEFAULT, ListRule, list_rule
from protocolgen.diff.matching import canonical, match, same
from protocolgen.loading import pointer_join

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a spec, worded for a summary-of-changes table."""

    #: Section column: "Eligibility", "Schedule".
    section: str
    #: Change column: "Inclusion criterion 3 changed", "Status Recruiting → Completed".
    label: str
    #: Display value before and after ("" when the value is absent).
    before: str
    after: str
    #: Whether registries and ethics committees review this kind of change.
    substantial: bool
    #: JSON pointer of the value in the new spec (in the old one for removals).
    pointer: str
    #: ``added``, ``removed`` or ``changed``.
    kind: str = CHANGED


@dataclass
class FileDiff:
    """The changes of one spec between two versions; ``old``/``new`` name each side's source."""

    old: str | None
    new: str | None
    changes: list[Change] = field(default_factory=list)

    @property
    def status(self) -> str:
        """``added``, ``deleted``, ``modified`` or ``unchanged``."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "deleted"
        return "modified" if self.changes else "unchanged"


@dataclass(frozen=True)
class _At:
    """Where the walk is: pointer, pattern (``*`` for positions), and how to name things."""

    pointer: str
    pattern: str
    #: This value's name in labels ("Visit 'Day 28' window").
    subject: str
    #: The nearest enclosing list item's name, for items of nested lists.
    owner: str = ""
    #: Rule of the list this value is an item of (``None`` outside list items).
    rule: ListRule | None = None
    #: The value is a whole item (a criterion's text): its label says "changed", no values.
    whole: bool = False


def diff_specs(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every field-level change from ``old`` to ``new``.

    Ordered by the schema's section order, then by item order in the new spec; items removed
    from a list follow that list's remaining items, in their old order.
    """
    walker = _Walker()
    for key in labels.section_order(old, new):
        pointer = pointer_join("", key)
        # Inside a section, fields are named on their own ("Brief title", not
        # "Identification brief title"): the Section column already says where they are.
        at = _At(pointer, pointer, labels.humanise(key).capitalize())
        walker.section = labels.section_name(key)
        walker.node(old.get(key), new.get(key), at)
    return walker.changes


class _Walker:
    """Collects changes while walking two values side by side."""

    def __init__(self) -> None:
        self.section = ""
        self.changes: list[Change] = []

    def node(self, old: Any, new: Any, at: _At) -> None:
        if _equal(old, new):
            return
        if at.pattern in labels.ATOMIC:
            self.leaf(old, new, at)
        elif isinstance(old, dict | None) and isinstance(new, dict | None):
            self.mapping(old or {}, new or {}, at)
        elif isinstance(old, list | None) and isinstance(new, list | None):
            self.sequence(old or [], new or [], at)
        else:
            self.leaf(old, new, at)

    def mapping(self, old: dict[str, Any], new: dict[str, Any], at: _At) -> None:
        section_root = at.pattern.count("/") == 1
        parent = "" if section_root else at.subject
        for key in dict.fromkeys((*new, *old)):
            pattern = pointer_join(at.pattern, key)
            whole = at.rule is not None and key == at.rule.text_field
            # The criterion's text is the criterion: "Inclusion criterion 3 changed".
            subject = at.subject if whole else labels.field_subject(parent, key, pattern)
            child = _At(pointer_join(at.pointer, key), pattern, subject, at.owner, whole=whole)
            self.node(old.get(key), new.get(key), child)

    def sequence(self, old: list[Any], new: list[Any], at: _At) -> None:
        rule = list_rule(at.pattern)
        if rule is None:
            if all(_plain(v) for v in (*old, *new)):
                self.leaf(old, new, at)  # phases, id lists, keywords: compared as a whole
                return
            rule = replace(DEFAULT, kind=f"{at.subject} item")
        if rule.text_field and any(isinstance(v, dict) for v in (*old, *new)):
            old, new = _as_items(old, rule.text_field), _as_items(new, rule.text_field)
        pattern = at.pattern + "/*"
        found = match(old, new, rule.keys, pair_leftovers=rule.pair_leftovers)
        for old_index, new_index in found.pairs:
            subject = rule.subject(new[new_index], new_index, at.owner)
            child = _At(
                pointer_join(at.pointer, new_index), pattern, subject, subject, rule, whole=True
            )
            self.node(old[old_index], new[new_index], child)
        for index in found.added:
            subject = rule.subject(new[index], index, at.owner)
            self.item(None, new[index], pointer_join(at.pointer, index), pattern, subject, rule)
        for index in found.removed:
            subject = rule.subject(old[index], index, at.owner)
            self.item(old[index], None, pointer_join(at.pointer, index), pattern, subject, rule)

    def item(
        self, old: Any, new: Any, pointer: str, pattern: str, subject: str, rule: ListRule
    ) -> None:
        before = rule.summary(old, pattern) if old is not None else ""
        after = rule.summary(new, pattern) if new is not None else ""
        kind = ADDED if old is None else REMOVED
        self.emit(f"{subject} {kind}", before, after, pattern, pointer, kind)

    def leaf(self, old: Any, new: Any, at: _At) -> None:
        before, after = labels.display(at.pattern, old), labels.display(at.pattern, new)
        if before == after == "":
            return  # None against "" or []: nothing written either way
        kind = ADDED if not before else REMOVED if not after else CHANGED
        label = labels.change_label(at.subject, before, after, values=not at.whole)
        self.emit(label, before, after, at.pattern, at.pointer, kind)

    def emit(
        self, label: str, before: str, after: str, pattern: str, pointer: str, kind: str
    ) -> None:
        label = label[:1].upper() + label[1:]
        substantial = labels.is_substantial(pattern)
        self.changes.append(Change(self.section, label, before, after, substantial, pointer, kind))


def _plain(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _equal(old: Any, new: Any) -> bool:
    """Equal for the diff: surrounding whitespace and list order of plain values don't count.

    Block scalars gain or lose a final newline with ``|`` versus ``|-``; no reader sees that.
    """
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    if isinstance(old, list) and isinstance(new, list) and all(_plain(v) for v in old + new):
        return Counter(map(_plain_key, old)) == Counter(map(_plain_key, new))
    if (old in ("", []) and new is None) or (new in ("", []) and old is None):
        return True
    return same(old, new)


def _plain_key(value: Any) -> Any:
    return canonical(value.strip() if isinstance(value, str) else value)


def _as_items(items: list[Any], text_field: str) -> list[Any]:
    """Criteria may mix plain strings and mappings: compare a string as ``{text: ...}``.

    Only done when either version holds mappings, so string-only lists keep their pointers.
    """
    return [{text_field: v} if isinstance(v, str) else v for v in items]
