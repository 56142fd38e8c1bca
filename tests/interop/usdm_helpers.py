"""The USDM v4 Wrapper-Input schema from USDM_API.json (copied from the shared references),
resolved with a ``referencing`` registry over that one document: no network."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

USDM = Path(__file__).resolve().parent.parent / "fixtures" / "usdm"
_URI = "urn:cdisc:usdm:4.0:api"


@cache
def validator() -> Draft202012Validator:
    api = json.loads((USDM / "USDM_API.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(_URI, Resource.from_contents(api, DRAFT202012))
    schema = {"$ref": f"{_URI}#/components/schemas/Wrapper-Input"}
    return Draft202012Validator(schema, registry=registry)


def usdm_errors(wrapper: Any) -> list[str]:
    """Schema errors of a Wrapper, each with its JSON path."""
    return [f"{e.json_path}: {e.message[:200]}" for e in validator().iter_errors(wrapper)]
