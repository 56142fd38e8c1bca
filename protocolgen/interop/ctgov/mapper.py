"""The importer's working state: read typed values out of a record, noting each problem once.

Every getter returns ``None`` for a missing value and, for a value of the wrong type or an
unknown code, also records a PG915 finding and returns ``None``: a bad field never stops the
import of the rest of the record.
"""

from __future__ import annotations

import re
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.interop.findings import RecordFinding, json_path
from protocolgen.interop.markup import unescape

#: Current PRS character limits (REPORT.md §4) checked on import; older records may exceed them.
LIMITS = {
    "briefTitle": 300,
    "officialTitle": 600,
    "acronym": 14,
    "whyStopped": 250,
    "briefSummary": 5000,
    "detailedDescription": 32000,
    "eligibilityCriteria": 20000,
    "label": 100,
    "measure": 255,
    "timeFrame": 255,
    "facility": 254,
}


class Mapper:
    """Collects findings while one study is mapped; ``base`` is the protocolSection's path."""

    def __init__(self, where: str) -> None:
        self.base = json_path(where, "protocolSection")
        self.findings: list[RecordFinding] = []
        #: Spec JSON pointer → why the value there is inferred, not read from the record;
        #: the YAML writer marks those lines ``# protocolgen: assumed[reason]``.
        self.assumed: dict[str, str] = {}
        #: Spec JSON pointer → a whole comment for its line (an inline suppression).
        self.notes: dict[str, str] = {}

    def assume(self, pointer: str, reason: str) -> None:
        """Mark the spec value at ``pointer`` as inferred by the importer."""
        self.assumed[pointer] = reason

    def required_code(
        self,
        parent: dict[str, Any],
        key: str,
        path: str,
        allowed: frozenset[str],
        default: tuple[str, str, str],
    ) -> str:
        """A code the spec requires: the record's, else ``default`` = (code, pointer, reason),
        noted as PG914 ("no <key words>; written as <code>") and marked assumed."""
        value = self.code(parent, key, path, allowed)
        if value is not None:
            return value
        code, pointer, reason = default
        what = " ".join(re.findall(r"[a-z]+|[A-Z][a-z]*", key)).lower()
        self.note("PG914", json_path(path, key), f"no {what}; written as {code}")
        self.assume(pointer, reason)
        return code

    def note(
        self, code: str, path: str, message: str, severity: Severity = Severity.WARNING
    ) -> None:
        self.findings.append(RecordFinding(path, code, severity, message))

    def module(self, section: dict[str, Any], name: str) -> tuple[dict[str, Any], str]:
        """A module of the protocol section (``{}`` when absent) and its path."""
        path = json_path(self.base, name)
        value = section.get(name)
        if value is None:
            return {}, path
        if not isinstance(value, dict):
            self.note("PG915", path, f"{name} is not an object; it is ignored")
            return {}, path
        return value, path

    def obj(self, parent: dict[str, Any], key: str, path: str) -> dict[str, Any]:
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.note("PG915", json_path(path, key), f"{key} is not an object; it is ignored")
            return {}
        return value

    def objects(
        self, parent: dict[str, Any], key: str, path: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """The objects of an array field with their paths; other items are noted and skipped."""
        value = parent.get(key)
        if value is None:
            return []
        here = json_path(path, key)
        if not isinstance(value, list):
            self.note("PG915", here, f"{key} is not an array; it is ignored")
            return []
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append((json_path(here, index), item))
            else:
                self.note("PG915", json_path(here, index), f"an item of {key} is not an object")
        return out

    def text(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        value = self._string(parent, key, path)
        if value is not None:
            self._check_limit(value, key, path)
        return value

    def markup(
        self, parent: dict[str, Any], key: str, path: str, *, plain: bool = True
    ) -> str | None:
        """A ``markup`` field: CT.gov Markdown as the plain text a spec holds, backslash
        escapes undone (:func:`~protocolgen.interop.markup.unescape`); with ``plain=False``
        the Markdown itself, for a caller that reads its structure first (the criteria)."""
        value = self._string(parent, key, path)
        if value is None:
            return None
        text = unescape(value)
        self._check_limit(text, key, path)  # PRS counts the text as entered, not the escapes
        return text if plain else value

    def _string(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        value = parent.get(key)
        if value is None or isinstance(value, str):
            return value
        self.note("PG915", json_path(path, key), f"{key} is not a string; it is ignored")
        return None

    def _check_limit(self, value: str, key: str, path: str) -> None:
        limit = LIMITS.get(key)
        if limit is not None and len(value) > limit:
            self.note(
                "PG917",
                json_path(path, key),
                f"{key} has {len(value)} characters, over today's PRS limit of {limit}; "
                "kept as written",
            )

    def texts(self, parent: dict[str, Any], key: str, path: str) -> list[str]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.note("PG915", json_path(path, key), f"{key} is not an array of strings")
            return []
        return list(value)

    def flag(self, parent: dict[str, Any], key: str, path: str) -> bool | None:
        value = parent.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.note("PG915", json_path(path, key), f"{key} is not true or false; it is ignored")
        return None

    def code(
        self, parent: dict[str, Any], key: str, path: str, allowed: frozenset[str]
    ) -> str | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in allowed:
            self.note(
                "PG915",
                json_path(path, key),
                f"{key} {value!r} is not one of the spec's codes ({', '.join(sorted(allowed))}); "
                "it is left out",
            )
            return None
        return str(value)

    def codes(
        self, parent: dict[str, Any], key: str, path: str, allowed: frozenset[str]
    ) -> list[str]:
        out = []
        for index, value in enumerate(self.texts(parent, key, path)):
            if isinstance(value, str) and value in allowed:
                out.append(value)
            else:
                here = json_path(path, key, index)
                self.note("PG915", here, f"{key} {value!r} is not one of the spec's codes")
        return out

    def integer(self, parent: dict[str, Any], key: str, path: str) -> int | None:
        value = parent.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.note("PG915", json_path(path, key), f"{key} is not a whole number; it is ignored")
            return None
        return value


def put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` only when the record has a value: absent stays absent, as on CT.gov."""
    if value is not None and value != [] and value != {}:
        target[key] = value
