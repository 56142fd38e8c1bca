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
:mod:`protocolgen.profiles.plan` works the statuses out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

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
