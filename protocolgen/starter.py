"""Starter specs for ``protocolgen new``: a commented template, or a copy of an existing spec."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from protocolgen.errors import InputError, OutputError
from protocolgen.interop.yaml_writer import SpecDumper
from protocolgen.loading import load_path
from protocolgen.render.output import write_atomic
from protocolgen.resources import schema_path, trial_schema, user_schema_path

MODELINE = "# yaml-language-server: $schema={ref}\n"
@dataclass(frozen=True)
class SchemaRef:
    """What a new spec's modeline names, and a note on where that is, for the user."""

    ref: str
    where: str


def project_schema(folder: Path) -> Path | None:
    """The nearest ``schemas/trial.schema.json`` in ``folder`` or above it that is a trial
    spec schema (a checkout of protocolgen, or a project that keeps the schema with its specs)."""
    wanted = trial_schema().get("$id")
    for parent in (folder, *folder.parents):
        candidate = parent / "schemas" / "trial.schema.json"
        try:
            if candidate.is_file() and json.loads(candidate.read_bytes()).get("$id") == wanted:
                return candidate
        except (OSError, ValueError, AttributeError):
            continue
    return None


def schema_ref(target: Path) -> SchemaRef:
    """The modeline for a spec to be written at ``target``.

    A path relative to the spec when a project ``schemas/`` is above it, so the modeline works
    in every checkout of the project; otherwise the absolute path of the per-user copy, which
    is written (or refreshed) here, so the modeline never names one installation's
    site-packages.
    """
    folder = target.resolve().parent
    found = project_schema(folder)
    if found is not None:
        relative = Path(os.path.relpath(found, folder)).as_posix()
        return SchemaRef(relative, "the project's schemas/")
    copy = user_schema_path()
    packaged = schema_path().read_bytes()
    try:
        current = copy.read_bytes() if copy.is_file() else None
        if current != packaged:
            copy.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(copy, packaged)
    except OSError as exc:
        raise OutputError(f"cannot write the schema copy for editors at {copy}: {exc}") from exc
    return SchemaRef(copy.as_posix(), "protocolgen's per-user copy; no schemas/ above the spec")


def starter_text(ref: SchemaRef, title: str) -> str:
    """The commented starter spec for a trial called ``title``, naming the schema ``ref``."""
    template = (files("protocolgen") / "starter.yaml").read_text(encoding="utf-8")
    return template.format(schema_ref=ref.ref, title=json.dumps(title))


def copied_text(source: Path, ref: SchemaRef) -> str:
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
    body = yaml.dump(data, Dumper=SpecDumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    header = f"# New spec started from {source.name}: check every section before use.\n"
    return MODELINE.format(ref=ref.ref) + header + body
