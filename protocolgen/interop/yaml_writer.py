"""Spec dict → readable YAML, written atomically.

Readable means what a person would write by hand: the schema modeline first, keys in the
schema's order, block style, multi-line or long text as ``|`` literal blocks (so Markdown
reads as written), and dates as quoted strings (YAML would otherwise read ``2015-08-01`` as
a date object, not the string the schema checks).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from protocolgen import schema
from protocolgen.errors import OutputError
from protocolgen.interop.specschema import ordered
from protocolgen.loading import load_text
from protocolgen.yaml_core import plain_is_text

#: The comment marking an inferred value (the contract shared with the validator's findings).
ASSUMED = "# protocolgen: assumed"
ASSUMED_BAD = re.compile(r"[\]\[\n\r#]+")
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
#: Single-line text longer than this is written as a literal block too (no line folding).
_LONG = 80


class SpecDumper(_Dumper):  # type: ignore[misc,valid-type]
    """PyYAML dumper for specs: block style, literal blocks for text, quoted dates."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    tag = "tag:yaml.org,2002:str"
    if "\n" in value or len(value) > _LONG:
        # The emitter falls back to quotes when a literal block cannot hold the text exactly
        # (trailing spaces, control characters), so this never changes the value.
        return dumper.represent_scalar(tag, value, style="|")
    if _DATE.match(value) or not plain_is_text(value):  # "01852", "true": quoted (YAML 1.2)
        return dumper.represent_scalar(tag, value, style="'")
    return dumper.represent_scalar(tag, value)


SpecDumper.add_representer(str, _represent_str)


def modeline(target: Path | None) -> str:
    """The ``yaml-language-server`` line pointing editors at the schema, as ``protocolgen new``
    writes it: relative to ``target`` when a project ``schemas/`` is above it, else the
    per-user copy (never one installation's site-packages)."""
    from protocolgen.starter import schema_ref

    ref = schema_ref(target if target is not None else Path.cwd() / "spec.yaml").ref
    return f"# yaml-language-server: $schema={ref}\n"


def dump_spec(
    spec: dict[str, Any],
    target: Path | None = None,
    comment: str = "",
    assumed: dict[str, str] | None = None,
    notes: dict[str, str] | None = None,
) -> str:
    """The YAML text of ``spec``: modeline, optional comment lines, then the data.

    Each value named in ``assumed`` (JSON pointer → reason) was inferred by the importer, not
    read from the source: its line ends with ``# protocolgen: assumed[reason]``. ``notes``
    (JSON pointer → a whole comment) end their lines as given, e.g. an inline suppression.
    """
    body = yaml.dump(
        ordered(spec),
        Dumper=SpecDumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=10_000,  # never fold plain scalars: long text is a literal block already
        indent=2,
    )
    lead = "".join(f"# {line}\n" if line else "#\n" for line in comment.splitlines())
    head = modeline(target) + lead
    comments = {
        p: f"{ASSUMED}[{ASSUMED_BAD.sub(' ', r).strip()}]" for p, r in (assumed or {}).items()
    }
    comments.update(notes or {})
    if comments:
        body = mark_lines(head, body, comments)
    return head + body


def mark_lines(head: str, body: str, comments: dict[str, str]) -> str:
    """``body`` with each comment (``# protocolgen: assumed[reason]``) at the end of the line
    of its pointer's key (or, for a list item, its value). Lines are found by loading the text
    back with the spec loader, so they are the lines ``validate`` reports."""
    loaded = load_text(head + body, "<import>").document
    if loaded is None:
        return body
    offset = head.count("\n")
    lines = body.split("\n")
    for pointer, comment in sorted(comments.items()):
        where = loaded.key_positions.get(pointer) or loaded.positions.get(pointer)
        if where is None:
            continue
        index = where[0] - 1 - offset
        if 0 <= index < len(lines) and "# protocolgen:" not in lines[index]:
            lines[index] += f"  {comment}"
    return "\n".join(lines)


def self_check(text: str, spec: dict[str, Any], display: str) -> list[str]:
    """Problems with writing ``spec`` as ``text``: it must load back to the same data and pass
    the spec schema. Any problem is a protocolgen bug, reported instead of writing a spec that
    ``validate`` would reject."""
    loaded = load_text(text, display)
    problems = [d.message for d in loaded.diagnostics]
    if loaded.document is not None:
        if loaded.document.data != spec:
            problems.append("the YAML does not load back to the imported data")
        problems += [d.message for d in schema.check(loaded.document)]
    return problems[:5]


def write_atomic(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` through a temporary file in the same directory, so a
    reader never sees a half-written spec and a failure leaves the old file in place."""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write in {target.parent}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, target)
    except BaseException as exc:  # also Ctrl-C: no temporary file is left behind
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise
