"""Honour the ``# yaml-language-server: $schema=…`` modeline a spec names.

Editors read the modeline to find the schema. protocolgen always validates against its own
packaged schema (the rules depend on its shape), and in addition:

* a modeline naming the packaged schema (by path, or by its ``$id``) needs nothing more;
* a modeline naming another local schema file validates the spec against that file too,
  reporting its violations as PG107, so a sponsor's stricter house schema is enforced;
* a modeline protocolgen cannot honour (a remote URL it will not fetch, a missing or
  unreadable file, a file that is not a JSON Schema) is a PG018 warning saying why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.loading import Document
from protocolgen.resources import schema_path, trial_schema

_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")
#: The modeline must be among the first lines, as yaml-language-server expects.
_SEARCH_LINES = 5


@dataclass(frozen=True)
class Modeline:
    """The schema reference a spec names, and the line it is on (1-based)."""

    ref: str
    line: int
    column: int


def find(text: str) -> Modeline | None:
    """The modeline in the first lines of ``text``, if any."""
    for number, line in enumerate(text.splitlines()[:_SEARCH_LINES], start=1):
        match = _MODELINE.match(line.strip())
        if match:
            return Modeline(match.group(1), number, line.index("$schema=") + 1)
    return None


def check(doc: Document, spec_path: Path | None) -> list[Diagnostic]:
    """Findings from the modeline of ``doc`` (see the module docstring)."""
    mode = find(doc.text)
    if mode is None or _is_packaged(mode.ref, spec_path):
        return []
    if re.match(r"^[a-z][a-z0-9+.-]*://", mode.ref, re.IGNORECASE) and not mode.ref.startswith(
        "file://"
    ):
        return [_warn(doc, mode, f"the modeline names a remote schema ({mode.ref}); protocolgen "
                      "never fetches schemas and validated against its packaged schema",
                      "Point the modeline at a local file, e.g. the path from "
                      "'protocolgen schema --path'.")]
    if spec_path is None:
        return [_warn(doc, mode, "a relative schema path cannot be resolved for standard input",
                      "Validate the file by its path to honour its modeline.")]
    from jsonschema.exceptions import SchemaError  # only for a house schema

    target = (spec_path.parent / mode.ref.removeprefix("file://")).resolve()
    try:
        other = _load_schema(str(target))
    except (OSError, ValueError, SchemaError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return [_warn(doc, mode, f"the modeline's schema {mode.ref} cannot be used: "
                      f"{reason.splitlines()[0]}; validated against the packaged schema only",
                      "Fix the path, or remove the modeline to use the packaged schema.")]
    found = []
    for error in other.iter_errors(doc.data):
        pointer = "".join(f"/{p}" for p in error.absolute_path)
        line, column = doc.position(pointer, key=error.validator == "required")
        found.append(Diagnostic(doc.path, line, column, "PG107", Severity.ERROR,
                                f"breaks the schema named in the modeline ({mode.ref}): "
                                f"{error.message}", "", pointer))
    return found


def _is_packaged(ref: str, spec_path: Path | None) -> bool:
    if ref == trial_schema().get("$id"):
        return True
    if spec_path is None or "://" in ref:
        return False
    target = (spec_path.parent / ref).resolve()
    try:
        return target == schema_path().resolve() or target.read_bytes() == _packaged_bytes()
    except OSError:
        return False


@lru_cache(maxsize=1)
def _packaged_bytes() -> bytes:
    return schema_path().read_bytes()


@lru_cache(maxsize=16)
def _load_schema(path: str) -> Any:
    with open(path, encoding="utf-8") as handle:
        schema = json.load(handle)
    if not isinstance(schema, dict):
        raise ValueError("the file is not a JSON Schema object")
    from jsonschema import Draft202012Validator, validators

    cls = validators.validator_for(schema, default=Draft202012Validator)
    cls.check_schema(schema)
    return cls(schema)


def _warn(doc: Document, mode: Modeline, message: str, hint: str) -> Diagnostic:
    return Diagnostic(doc.path, mode.line, mode.column, "PG018", Severity.WARNING, message, hint)
