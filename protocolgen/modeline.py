"""Honour the ``# yaml-language-server: $schema=…`` modeline a spec names.

Editors read the modeline to find the schema. protocolgen always validates against its own
packaged schema (the rules depend on its shape), and in addition:

* a modeline naming the packaged schema (by path, or by its ``$id``) needs nothing more;
* a modeline naming another local schema file validates the spec against that file too,
  reporting its violations as PG107, so a sponsor's stricter house schema is enforced
  (under the limits of :mod:`protocolgen.house_schema`: no retrieval, a time budget);
* a modeline protocolgen cannot honour (a remote URL it will not fetch, a missing file, a
  file outside the project or that is not a regular file, a file that is not a JSON Schema,
  a schema referring to other files or running out of time) is a PG018 warning saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from protocolgen import house_schema
from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.loading import MAX_SPEC_BYTES, Document
from protocolgen.project import Refused, read_inside, root_of
from protocolgen.resources import schema_path, trial_schema, user_schema_path

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
    if "yaml-language-server" not in text:
        return None
    for number, line in enumerate(text.splitlines()[:_SEARCH_LINES], start=1):
        match = _MODELINE.match(line.strip())
        if match:
            return Modeline(match.group(1), number, line.index("$schema=") + 1)
    return None


def check(doc: Document, spec_path: Path | None) -> list[Diagnostic]:
    """Findings from the modeline of ``doc`` (see the module docstring)."""
    mode = find(doc.text)
    if mode is None or mode.ref == trial_schema().get("$id"):
        return []
    if re.match(r"^[a-z][a-z0-9+.-]+:", mode.ref, re.IGNORECASE) and not mode.ref.startswith(
        "file://"
    ):
        return [_warn(doc, mode, f"the modeline names a remote schema ({mode.ref}); protocolgen "
                      "never fetches schemas and validated against its packaged schema",
                      "Point the modeline at a local file, e.g. the path from "
                      "'protocolgen schema --path'.")]
    if spec_path is None:
        return [_warn(doc, mode, "a relative schema path cannot be resolved for standard input",
                      "Validate the file by its path to honour its modeline.")]
    folder = spec_path.absolute().parent
    target = folder / unquote(mode.ref.removeprefix("file://"))
    try:
        if target.resolve() in (schema_path().resolve(), _user_copy()):
            # The packaged schema, or the per-user copy of it that `protocolgen new` writes
            # for specs outside a project (it is protocolgen's own file, not a house schema).
            return []
        raw = read_inside(target, root_of(folder.resolve()), MAX_SPEC_BYTES)
        if raw == _packaged_bytes():
            return []
        return house_schema.violations(doc, raw, mode.ref)
    except (Refused, house_schema.Unusable) as exc:
        return [_warn(doc, mode, f"the modeline's schema {mode.ref} cannot be used: {exc}; "
                      "validated against the packaged schema only",
                      "Name a JSON Schema file inside the project, or remove the modeline "
                      "to use the packaged schema.")]
    except (OSError, RuntimeError) as exc:  # resolve() of a loop of links
        return [_warn(doc, mode, f"the modeline's schema {mode.ref} cannot be used: {exc}",
                      "Fix the path, or remove the modeline.")]


def _user_copy() -> Path:
    return user_schema_path().resolve()


@lru_cache(maxsize=1)
def _packaged_bytes() -> bytes:
    return schema_path().read_bytes()


def _warn(doc: Document, mode: Modeline, message: str, hint: str) -> Diagnostic:
    return Diagnostic(doc.path, mode.line, mode.column, "PG018", Severity.WARNING, message, hint)
