"""Test helpers: the fixture records, and CT.gov's OpenAPI Study schema as a JSON Schema."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import click
import yaml
from jsonschema import Draft202012Validator

from protocolgen.commands.interop import export_group, import_group

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ctgov"
RECORDS = sorted(FIXTURES.glob("NCT*.json"))
#: Records constructed from the OpenAPI spec for shapes the real ones lack (SOURCES.md).
CONSTRUCTED = sorted((FIXTURES / "constructed").glob("NCT*.json"))
_REF = "#/components/schemas/"


def load_record(path: Path) -> tuple[str, dict[str, Any]]:
    """The study of a fixture file and its JSON path (a page holds one study)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if "studies" in data:
        return "$.studies[0]", data["studies"][0]
    return "$", data


def _convert(node: Any) -> Any:
    """OpenAPI 3.0 schema → JSON Schema: ``$ref`` to ``#/$defs``, and objects closed, so that a
    misspelt key in an export fails instead of passing as an unknown property."""
    if isinstance(node, list):
        return [_convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _convert(v) for k, v in node.items() if k not in ("format", "nullable", "example")}
    if isinstance(out.get("$ref"), str) and out["$ref"].startswith(_REF):
        out["$ref"] = "#/$defs/" + out["$ref"][len(_REF) :]
    if out.get("type") == "object" and "properties" in out:
        out.setdefault("additionalProperties", False)
    return out


@lru_cache(maxsize=1)
def study_validator() -> Draft202012Validator:
    """A validator for CT.gov's ``Study`` schema from ``ctg-oas-v2.0.5.yaml``."""
    oas = yaml.safe_load((FIXTURES / "ctg-oas-v2.0.5.yaml").read_text(encoding="utf-8"))
    defs = _convert(oas["components"]["schemas"])
    return Draft202012Validator({"$ref": "#/$defs/Study", "$defs": defs})


def study_errors(study: dict[str, Any]) -> list[str]:
    """Schema errors of ``study`` as ``path: message`` lines."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in study_validator().iter_errors(study)
    ]


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every scalar of ``value`` by its path (``a.b[0].c``)."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, child in value.items():
            out.update(leaves(child, f"{path}.{key}" if path else str(key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.update(leaves(child, f"{path}[{index}]"))
    else:
        out[path] = value
    return out


def pattern(path: str) -> str:
    """``a[3].b`` → ``a[].b``."""
    return re.sub(r"\[\d+\]", "[]", path)


#: The interop commands under a bare group, so these tests do not depend on the rest of cli.py
#: (test_cli_registration checks that ``protocolgen`` itself has them).
cli = click.Group(commands={"import": import_group, "export": export_group})
