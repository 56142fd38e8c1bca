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

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from protocolgen import spec_paths
from protocolgen.diagnostics import Diagnostic

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

    @cached_property
    def when_missing(self) -> tuple[tuple[Item, str, str], ...]:
        """Each item with the message and hint of its finding when it is missing (the same
        for every spec, so written once per profile)."""
        return tuple(
            (
                item,
                f"{self.name} item {item.id} ({item.label}) is missing",
                f"Add {', '.join(item.requires or item.any)}, or justify it under 'narrative' "
                "with not_applicable.",
            )
            for item in self.items
        )


@dataclass
class Coverage:
    """How one spec covers one profile: each item's status."""

    profile: Profile
    status: dict[str, str] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return self._tally()[2][status]

    def _tally(self) -> tuple[int, int, Counter[str]]:
        """(items met, applicable items, items per status), counted in one pass."""
        counts = Counter(self.status.values())
        met = counts["complete"] + counts["not_applicable"]
        return met, len(self.status) - counts["deferred"] - counts["not_required"], counts

    @property
    def applicable(self) -> int:
        return self._tally()[1]

    @property
    def met(self) -> int:
        return self._tally()[0]

    @property
    def percent(self) -> int:
        return _percent(*self._tally()[:2])

    def summary(self) -> str:
        met, applicable, counts = self._tally()
        extra = [f"{counts[s]} {s.replace('_', ' ')}" for s in ("weak", "missing", "deferred")]
        return (
            f"{self.profile.name}: {met}/{applicable} applicable items met "
            f"({_percent(met, applicable)}%); {', '.join(extra)}"
        )


def _percent(met: int, applicable: int) -> int:
    return round(100 * met / applicable) if applicable else 100


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
        # Quality findings and assumed values (PG806) make an item weak, not complete:
        # their pointers, by the top-level key they are under.
        self.flagged: dict[str, list[tuple[str, ...]]] = {}
        for d in found:
            if d.pointer and (d.code[:3] in ("PG4", "PG5", "PG6") or d.code == "PG806"):
                tokens = spec_paths.parts(d.pointer)
                self.flagged.setdefault(tokens[0], []).append(tokens)
        self._values: dict[str, list[Any]] = {}
        self._filled: dict[str, tuple[bool, bool]] = {}
        self._met: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[bool, bool]] = {}

    def met(self, requires: tuple[str, ...], any_of: tuple[str, ...]) -> tuple[bool, bool]:
        """Whether an item with these paths is there (every ``requires`` path, or one of
        ``any_of``, with content), and whether a quality rule flagged one of its values.
        Profiles share many items' paths, so each answer is worked out once per spec."""
        key = (requires, any_of)
        answer = self._met.get(key)
        if answer is None:
            if requires:
                ok = all(self.filled(path) == (True, True) for path in requires)
            else:
                ok = any(self.filled(path)[0] for path in any_of)
            answer = self._met[key] = ok, ok and self._weak(requires or any_of, not requires)
        return answer

    def _weak(self, paths: tuple[str, ...], only_filled: bool) -> bool:
        """Whether a quality finding lies at or below a value of ``paths`` (one with
        content, when ``only_filled``): checked from the few findings under the same
        top-level key, without listing every value of a long list."""
        for path in paths:
            for tokens in self.flagged.get(spec_paths.steps(path)[0], ()):
                hit, value = spec_paths.under(tokens, path, self.data)
                if hit and not (only_filled and _blank(value)):
                    return True
        return False

    def filled(self, path: str) -> tuple[bool, bool]:
        """(whether a value of ``path`` has content, whether there are values and every one
        has content): worked out once per path, which several items and profiles share."""
        answer = self._filled.get(path)
        if answer is None:
            found = self.values(path)
            blank = sum(1 for v in found if _blank(v))
            answer = self._filled[path] = blank < len(found), bool(found) and not blank
        return answer

    def values(self, path: str) -> list[Any]:
        """Every value ``path`` reaches."""
        found = self._values.get(path)
        if found is None:
            found = self._values[path] = spec_paths.values(self.data, path)
        return found


def _applies(item: Item, lookup: Lookup) -> bool:
    data = lookup.data
    for key, wanted in item.when:
        if key == "start_on_or_after":
            # A spec without a start date is a new registration, so today's rules apply.
            start = (data["status"].get("start_date") or {}).get("date", "9999")
            if start < str(wanted):
                return False
            continue
        if not any(v in wanted for v in lookup.values(key)):
            return False
    return True


def _justified(item: Item, data: dict[str, Any]) -> bool:
    entry = (data.get("narrative") or {}).get(item.id)
    return isinstance(entry, dict) and not _blank(entry.get("not_applicable"))


def evaluate(
    profile: Profile, data: dict[str, Any], found: list[Diagnostic], lookup: Lookup | None = None
) -> Coverage:
    """Each item's status for a schema-valid spec, given the rule findings ``found``.

    ``lookup`` (built from the same data and findings) lets several profiles share lookups.
    """
    lookup = lookup or Lookup(data, found)
    result = Coverage(profile)
    status, met = result.status, lookup.met
    for item in profile.items:
        if item.when and not _applies(item, lookup):
            status[item.id] = "not_required"
            continue
        ok, weak = met(item.requires, item.any)
        if ok:
            status[item.id] = "weak" if weak else "complete"
        elif _justified(item, data):
            status[item.id] = "not_applicable"
        elif item.deferred:
            status[item.id] = "deferred"
        elif item.optional:
            status[item.id] = "not_required"
        else:
            status[item.id] = "missing"
    return result
