"""Profiles compiled into one evaluation plan: how a spec covers each of them.

The four profiles name about 100 distinct spec paths between them, many sharing their first
steps ("/status/...", "/design/..."). A plan puts every path of the chosen profiles in one
tree of steps, walked once per spec, and gives each distinct (``requires``, ``any``) pair an
index; an item's status then needs list lookups, not path resolution. The result is the same
as resolving every item's paths on its own (``tests/rules/test_profile_plan.py`` checks it
against that direct reading of the rules in :mod:`protocolgen.profiles`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from protocolgen import spec_paths
from protocolgen.diagnostics import Diagnostic
from protocolgen.profiles import Coverage, Profile, get
from protocolgen.spec_paths import MISSING

_NONE: list[Any] = []
#: Codes whose findings make an item weak: quality rules (PG4, PG5, PG6) and assumed values.
_WEAKENING = ("PG4", "PG5", "PG6")


@dataclass
class _Step:
    """One step of the path tree: the paths ending here and the steps below, by name."""

    name: str
    ends: list[int] = field(default_factory=list)
    below: dict[str, _Step] = field(default_factory=dict)

    def child(self, name: str) -> _Step:
        """The step ``name`` below this one, added when new."""
        if name not in self.below:
            self.below[name] = _Step(name)
        return self.below[name]


#: What an item is when its values are there: by need state (see :meth:`Plan.evaluate`).
_THERE = ("", "complete", "weak")


class Plan:
    """The items of ``profiles``, over one tree of every path they name."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.profiles = tuple(profiles)
        self.paths: list[str] = []
        index: dict[str, int] = {}
        needs: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        self.root = _Step("")

        def path_id(path: str) -> int:
            if path not in index:
                index[path] = len(self.paths)
                self.paths.append(path)
                step = self.root
                for name in spec_paths.steps(path):
                    step = step.child(name)
                step.ends.append(index[path])
            return index[path]

        #: Per distinct (requires, any) pair: its path indexes and whether all are required.
        self.needs: list[tuple[tuple[int, ...], bool]] = []
        #: Each distinct ``when`` of the items, as conditions: (path index, wanted values)
        #: or (-1, earliest start date). Items share a few of them.
        self.whens: list[tuple[tuple[int, Any], ...]] = []
        known_whens: dict[str, int] = {}
        #: Per profile, per item: (id, need index, index of its ``when`` or -1, status when
        #: absent and not justified).
        self.entries: list[tuple[tuple[str, int, int, str], ...]] = []
        for profile in self.profiles:
            compiled = []
            for item in profile.items:
                pair = (item.requires, item.any)
                if pair not in needs:
                    needs[pair] = len(self.needs)
                    named = item.requires or item.any
                    self.needs.append((tuple(path_id(p) for p in named), bool(item.requires)))
                when = -1
                if item.when:
                    key = repr(item.when)  # the wanted values are lists: not hashable
                    if key not in known_whens:
                        known_whens[key] = len(self.whens)
                        self.whens.append(tuple(
                            (-1, str(wanted)) if name == "start_on_or_after"
                            else (path_id(name), wanted)
                            for name, wanted in item.when
                        ))
                    when = known_whens[key]
                absent = (
                    "deferred" if item.deferred else "not_required" if item.optional else "missing"
                )
                compiled.append((item.id, needs[pair], when, absent))
            self.entries.append(tuple(compiled))

    def evaluate(self, data: dict[str, Any], found: Iterable[Diagnostic]) -> list[Coverage]:
        """Each profile's coverage of the schema-valid spec ``data``, given the rule findings
        ``found`` (a quality finding or assumed value on a value makes its item weak)."""
        values: list[list[Any]] = [_NONE] * len(self.paths)
        has, full = [False] * len(self.paths), [False] * len(self.paths)
        _walk(self.root, [data], values, has, full)
        # A quality finding or assumed value at or below a value of a path makes the items
        # needing that path weak (for ``any`` items, only when that value has content).
        flagged_any, flagged_filled = [False] * len(self.paths), [False] * len(self.paths)
        for d in found:
            if d.pointer and (d.code[:3] in _WEAKENING or d.code == "PG806"):
                self._flag(spec_paths.parts(d.pointer), data, flagged_any, flagged_filled)
        # Each need: 0 when its values are not there, 1 when they are, 2 when weak.
        state = []
        for ids, required in self.needs:
            src, flags = (full, flagged_any) if required else (has, flagged_filled)
            if len(ids) == 1:
                ok, weak = src[ids[0]], flags[ids[0]]
            else:
                ok = all(src[i] for i in ids) if required else any(src[i] for i in ids)
                weak = any(flags[i] for i in ids)
            state.append((2 if weak else 1) if ok else 0)
        applies = [_applies(when, values, data) for when in self.whens]
        narrative = data.get("narrative") or {}
        result = []
        for profile, entries in zip(self.profiles, self.entries, strict=True):
            status: dict[str, str] = {}
            for item, need, when, absent in entries:
                if when >= 0 and not applies[when]:
                    status[item] = "not_required"
                elif state[need]:
                    status[item] = _THERE[state[need]]
                elif narrative and _justified(narrative.get(item)):
                    status[item] = "not_applicable"
                else:
                    status[item] = absent
            result.append(Coverage(profile, status))
        return result

    def _flag(
        self, tokens: tuple[str, ...], data: Any, flagged_any: list[bool], filled: list[bool]
    ) -> None:
        """Mark every path with a value at or above the pointer ``tokens`` (its steps match
        the first tokens, ``*`` matching any) in ``flagged_any``, and in ``filled`` when that
        value has content."""
        steps, value = [self.root], data
        for token in tokens:
            value = (
                value.get(token, MISSING) if type(value) is dict else spec_paths.step(value, token)
            )
            if value is MISSING:
                return
            below = []
            for step in steps:
                if token in step.below:
                    below.append(step.below[token])
                if token != "*" and "*" in step.below:
                    below.append(step.below["*"])
            if not below:
                return
            steps = below
            content: bool | None = None
            for step in steps:
                for path in step.ends:
                    if content is None:
                        content = not _blank(value)
                    flagged_any[path] = True
                    filled[path] = filled[path] or content


def _walk(
    parent: _Step, level: list[Any], values: list[list[Any]], has: list[bool], full: list[bool]
) -> None:
    """The values each step below ``parent`` reaches from ``level``, the values of
    ``parent``, and for each path ending there whether one of those values has content and
    whether all of them have."""
    for step in parent.below.values():
        below = spec_paths.below(level, step.name)
        if not below:
            continue
        if step.ends:
            blank = _blank(below[0]) if len(below) == 1 else sum(map(_blank, below))
            for path in step.ends:
                values[path] = below
                has[path], full[path] = blank < len(below), not blank
        if step.below:
            _walk(step, below, values, has, full)


def _blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, (list, dict)) and not value)


def _applies(when: tuple[tuple[int, Any], ...], values: list[list[Any]], data: Any) -> bool:
    for path, wanted in when:
        if path < 0:
            # A spec without a start date is a new registration, so today's rules apply.
            if (data["status"].get("start_date") or {}).get("date", "9999") < wanted:
                return False
        elif not any(v in wanted for v in values[path]):
            return False
    return True


def _justified(entry: Any) -> bool:
    return isinstance(entry, dict) and not _blank(entry.get("not_applicable"))


@cache
def for_names(names: tuple[str, ...]) -> Plan:
    """The plan of the shipped profiles ``names``, compiled once per process."""
    return Plan([get(name) for name in names])


def evaluate(profile: Profile, data: dict[str, Any], found: Iterable[Diagnostic]) -> Coverage:
    """How the schema-valid spec ``data`` covers ``profile``, given the rule findings."""
    return Plan([profile]).evaluate(data, found)[0]
