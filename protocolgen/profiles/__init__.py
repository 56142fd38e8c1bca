"""Completeness profiles: standards' item lists as data, and how a spec covers them.

Each ``*.yaml`` file beside this module is one profile: items with an id from the standard,
a label, the spec paths that satisfy it (``requires``: all of them; ``any``: one of them;
``*`` matches every list item) and when it applies (``when``: values of spec paths, or
``start_on_or_after`` a date). An item's status is:

* ``complete``: every required value is there;
* ``weak``: there, but a quality rule reported one of its values, or one is assumed (PG806);
* ``missing``: not there (reported as a finding, at the item's ``at`` pointer);
* ``not_applicable``: the spec justifies the absence, with
  ``narrative: {<item id>: {not_applicable: reason}}``;
* ``deferred``: absent but assigned later (``deferred: registry`` or ``completion``);
* ``not_required``: the item's ``when`` does not hold, or it is ``optional`` and absent.

Coverage = (complete + not_applicable) / (items that are neither deferred nor not required).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from protocolgen.diagnostics import Diagnostic
from protocolgen.document import pointer_ancestors
from protocolgen.rules.limits import resolve

_DIR = Path(__file__).resolve().parent
#: Profile name → its data file, in name order.
PROFILES: dict[str, Path] = {p.stem: p for p in sorted(_DIR.glob("*.yaml"))}
STATUSES = ("complete", "weak", "missing", "not_applicable", "deferred", "not_required")


@dataclass(frozen=True)
class Item:
    """One requirement of a standard, as the spec paths that satisfy it."""

    id: str
    label: str
    requires: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    at: str = ""
    when: tuple[tuple[str, Any], ...] = ()
    deferred: str = ""
    optional: bool = False


@dataclass(frozen=True)
class Profile:
    """A named list of items; ``code`` is the finding code for a missing item."""

    name: str
    title: str
    code: str
    items: tuple[Item, ...]
    #: ``assumed: forbid`` in the profile file: assumed values (PG806) become errors.
    forbid_assumed: bool = False


@dataclass
class Coverage:
    """How one spec covers one profile: each item's status."""

    profile: Profile
    status: dict[str, str] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(1 for s in self.status.values() if s == status)

    @property
    def applicable(self) -> int:
        return sum(1 for s in self.status.values() if s not in ("deferred", "not_required"))

    @property
    def met(self) -> int:
        return self.count("complete") + self.count("not_applicable")

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.applicable) if self.applicable else 100

    def summary(self) -> str:
        extra = [f"{self.count(s)} {s.replace('_', ' ')}" for s in ("weak", "missing", "deferred")]
        return (
            f"{self.profile.name}: {self.met}/{self.applicable} applicable items met "
            f"({self.percent}%); {', '.join(extra)}"
        )


@cache
def get(name: str) -> Profile:
    """The profile called ``name`` (a key of :data:`PROFILES`), parsed once."""
    raw = yaml.safe_load(PROFILES[name].read_text(encoding="utf-8"))
    items = tuple(
        Item(
            id=entry["id"],
            label=entry["label"],
            requires=tuple(entry.get("requires", ())),
            any=tuple(entry.get("any", ())),
            at=entry.get("at") or _parent((entry.get("requires") or entry.get("any"))[0]),
            when=tuple((entry.get("when") or {}).items()),
            deferred=entry.get("deferred", ""),
            optional=bool(entry.get("optional", False)),
        )
        for entry in raw["items"]
    )
    forbid = raw.get("assumed", "allow") == "forbid"
    return Profile(raw["name"], raw["title"], raw["code"], items, forbid_assumed=forbid)


def _parent(path: str) -> str:
    """The pointer of the first path step, without wildcards: where a missing item is shown."""
    return "/" + path.strip("/").split("/")[0]


def _blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, (list, dict)) and not value)


class Lookup:
    """One spec's values by path and the pointers its quality findings are at, shared by
    every profile evaluated on it (the profiles ask for many of the same paths)."""

    def __init__(self, data: dict[str, Any], found: Iterable[Diagnostic]) -> None:
        self.data = data
        # Quality findings and assumed values (PG806) make an item weak, not complete.
        self.flagged = _prefixes(
            d.pointer for d in found if d.code[:3] in ("PG4", "PG5", "PG6") or d.code == "PG806"
        )
        self._values: dict[str, list[tuple[str, Any]]] = {}
        self._met: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[bool, bool]] = {}

    def met(self, requires: tuple[str, ...], any_of: tuple[str, ...]) -> tuple[bool, bool]:
        """Whether an item with these paths is there (every ``requires`` path, or one of
        ``any_of``, with content), and whether a quality rule flagged one of its values.
        Profiles share many items' paths, so each answer is worked out once per spec."""
        key = (requires, any_of)
        if key not in self._met:
            if requires:
                groups = [self.values(path) for path in requires]
                ok = all(g and not any(_blank(v) for _, v in g) for g in groups)
                present = [p for g in groups for p, _ in g] if ok else []
            else:
                present = [p for path in any_of for p, v in self.values(path) if not _blank(v)]
                ok = bool(present)
            self._met[key] = ok, ok and any(p in self.flagged for p in present)
        return self._met[key]

    def values(self, path: str) -> list[tuple[str, Any]]:
        """(pointer, value) for every value ``path`` reaches."""
        if path not in self._values:
            self._values[path] = list(resolve(self.data, path))
        return self._values[path]


def _applies(item: Item, lookup: Lookup) -> bool:
    data = lookup.data
    for key, wanted in item.when:
        if key == "start_on_or_after":
            # A spec without a start date is a new registration, so today's rules apply.
            start = (data["status"].get("start_date") or {}).get("date", "9999")
            if start < str(wanted):
                return False
            continue
        values = [v for _, v in lookup.values(key)]
        if not any(v in wanted for v in values):
            return False
    return True


def _justified(item: Item, data: dict[str, Any]) -> bool:
    entry = (data.get("narrative") or {}).get(item.id)
    return isinstance(entry, dict) and not _blank(entry.get("not_applicable"))


def _prefixes(pointers: Iterable[str]) -> set[str]:
    """Every pointer and each of its ancestors (prefixes ending before a '/'), so that
    "a finding at or below ``p``" is one set lookup of ``p``."""
    return {above for pointer in pointers for above in pointer_ancestors(pointer)}


def evaluate(
    profile: Profile, data: dict[str, Any], found: list[Diagnostic], lookup: Lookup | None = None
) -> Coverage:
    """Each item's status for a schema-valid spec, given the rule findings ``found``.

    ``lookup`` (built from the same data and findings) lets several profiles share lookups.
    """
    lookup = lookup or Lookup(data, found)
    result = Coverage(profile)
    for item in profile.items:
        if not _applies(item, lookup):
            result.status[item.id] = "not_required"
            continue
        ok, weak = lookup.met(item.requires, item.any)
        if ok:
            result.status[item.id] = "weak" if weak else "complete"
        elif _justified(item, data):
            result.status[item.id] = "not_applicable"
        elif item.deferred:
            result.status[item.id] = "deferred"
        elif item.optional:
            result.status[item.id] = "not_required"
        else:
            result.status[item.id] = "missing"
    return result
