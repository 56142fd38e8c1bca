"""Starter specs for ``protocolgen new``: a commented template, or a copy of an existing spec."""

from __future__ import annotations

import json
import os
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from protocolgen.errors import InputError
from protocolgen.loading import load_path
from protocolgen.resources import schema_path

MODELINE = "# yaml-language-server: $schema={ref}\n"


def schema_ref(target: Path) -> str:
    """How ``target`` should name the schema: a relative path from its folder, '/'-separated."""
    relative = os.path.relpath(schema_path(), target.resolve().parent)
    return Path(relative).as_posix()


def starter_text(target: Path, title: str) -> str:
    """The commented starter spec for a trial called ``title``, to be written at ``target``."""
    template = (files("protocolgen") / "starter.yaml").read_text(encoding="utf-8")
    return template.format(schema_ref=schema_ref(target), title=json.dumps(title))


def copied_text(source: Path, target: Path) -> str:
    """A new spec from ``source``: same design, without the registry-assigned facts.

    Registry ids, the registry record and actual dates belong to the trial ``source``
    describes, not to a new one, so they are dropped; the status starts at NOT_YET_RECRUITING.
    """
    loaded = load_path(source)
    if loaded.document is None:
        first = loaded.diagnostics[0]
        raise InputError(f"{source}:{first.line}:{first.column}: {first.message}")
    data: dict[str, Any] = dict(loaded.document.data)
    data.pop("registry_record", None)
    identification = dict(data.get("identification") or {})
    identification.pop("registrations", None)
    data["identification"] = identification
    data["status"] = {"overall": "NOT_YET_RECRUITING"}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=False)
    header = f"# New spec started from {source.name}: check every section before use.\n"
    return MODELINE.format(ref=schema_ref(target)) + header + body
