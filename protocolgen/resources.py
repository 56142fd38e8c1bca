"""Locate the packaged schema and templates, from an installed wheel or from a checkout.

In a wheel, ``schemas/`` and ``templates/`` ship as ``protocolgen/_data/``; in a checkout
(and an editable install) they sit at the top level beside the package.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the directory ``name`` (``schemas`` or ``templates``) that ships with protocolgen."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"protocolgen is installed without its {name}/ directory")


#: Where ``protocolgen new`` keeps a copy of the schema for editors when the new spec has no
#: project ``schemas/`` above it: ``$XDG_DATA_HOME/protocolgen/schemas/`` (by default
#: ``~/.local/share/protocolgen/schemas/``), the same path whichever environment runs it.
USER_SCHEMA = Path("protocolgen") / "schemas" / "trial.schema.json"


def user_schema_path() -> Path:
    """The stable per-user copy of the schema (see :data:`USER_SCHEMA`)."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / USER_SCHEMA


def schema_path() -> Path:
    """Path of the published trial spec JSON Schema."""
    return data_dir("schemas") / "trial.schema.json"


@lru_cache(maxsize=1)
def trial_schema() -> dict[str, Any]:
    """The trial spec JSON Schema, parsed once per process."""
    with schema_path().open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema
