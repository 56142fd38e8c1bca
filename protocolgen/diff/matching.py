"""Pair the items of an old and a new list, so that reordering is never reported as a change.

Items are paired in passes: each pass computes a key per item (an id, a label, the text, the
whole value) and pairs items whose keys agree, first come first served, so duplicates (which
only schema-invalid specs have) still pair deterministically. Items left over after every pass
may be paired by position among the leftovers: that is how an edited criterion without an id is
recognised as "criterion 3 changed" instead of one removal and one addition.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

#: Returns the item's key for one pass, or ``None`` when the item has no such key.
KeyFunction = Callable[[Any], Hashable | None]


@dataclass(frozen=True)
class Matching:
    """The outcome of matching: index pairs in new-list order, and the unpaired indices."""

    #: (old index, new index) for every paired item, ordered by new index.
    pairs: tuple[tuple[int, int], ...]
    #: Indices of new items without a partner (added), in new-list order.
    added: tuple[int, ...]
    #: Indices of old items without a partner (removed), in old-list order.
    removed: tuple[int, ...]


def canonical(value: Any) -> Hashable:
    """A hashable stand-in for ``value`` that tells ``True`` from ``1`` but not ``2`` from ``2.0``.

    Python's ``True == 1`` would hide a boolean turned into a number in a schema-invalid spec.
    """
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("str", value)
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), canonical(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("list", tuple(canonical(v) for v in value))
    return ("other", repr(value))


def same(old: Any, new: Any) -> bool:
    """Whether two values are equal in the sense of :func:`canonical`."""
    return canonical(old) == canonical(new)


def field_key(name: str) -> KeyFunction:
    """A pass keyed by the field ``name`` of mapping items (ids, labels, names)."""

    def key(item: Any) -> Hashable | None:
        if isinstance(item, dict):
            value = item.get(name)
            if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
                return canonical(value)
        return None

    return key


def text_key(*fields: str) -> KeyFunction:
    """A pass keyed by an item's text: the item itself when it is a string, else a field."""

    def key(item: Any) -> Hashable | None:
        if isinstance(item, str):
            return item.strip()
        if isinstance(item, dict):
            for name in fields:
                value = item.get(name)
                if isinstance(value, str):
                    return value.strip()
        return None

    return key


def match(
    old: Sequence[Any],
    new: Sequence[Any],
    keys: Sequence[KeyFunction],
    *,
    pair_leftovers: bool,
) -> Matching:
    """Pair ``old`` and ``new`` items by ``keys`` (in order), then by equal value.

    With ``pair_leftovers`` the items still unpaired are paired by their order among the
    leftovers; the surplus on either side is added or removed.
    """
    partner: dict[int, int] = {}  # new index → old index
    free_old = set(range(len(old)))
    for key in (*keys, canonical):
        waiting: dict[Hashable, deque[int]] = defaultdict(deque)
        for index in sorted(free_old):
            found = key(old[index])
            if found is not None:
                waiting[found].append(index)
        for index, item in enumerate(new):
            if index in partner:
                continue
            found = key(item)
            if found is not None and waiting.get(found):
                old_index = waiting[found].popleft()
                partner[index] = old_index
                free_old.discard(old_index)
    if pair_leftovers:
        spare_new = [i for i in range(len(new)) if i not in partner]
        for new_index, old_index in zip(spare_new, sorted(free_old), strict=False):
            partner[new_index] = old_index
            free_old.discard(old_index)
    pairs = tuple((partner[i], i) for i in range(len(new)) if i in partner)
    added = tuple(i for i in range(len(new)) if i not in partner)
    return Matching(pairs, added, tuple(sorted(free_old)))
