"""Write every code's display label and meaning into the schema, for editors.

yaml-language-server and VS Code show ``enumDescriptions`` / ``markdownEnumDescriptions``
beside each value they complete. Both are generated here from the label tables the summaries
print (:mod:`protocolgen.labels`) and one sentence per code (``enum_meanings.yaml``), so the
editor and the rendered documents never name a code differently.

The schema file is hand-formatted and edited by people, so it is not re-serialised: only the
two description arrays right after each ``"enum": [...]`` are replaced (or inserted). Running
the generator twice changes nothing; ``tests/test_schema_labels.py`` fails when the file is
out of date. Run it after adding an enum or changing a label::

    make schema          # or: python -m protocolgen.schema_labels [--check]
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any

from protocolgen import labels
from protocolgen.generated import update
from protocolgen.loading import load_text
from protocolgen.resources import schema_path

#: Each enum in the schema (by its path in the schema) and the label table it is shown with.
ENUM_TABLES = {
    "/properties/sponsors/properties/responsible_party/properties/type": "RESPONSIBLE_PARTY",
    "/properties/ipd_sharing/properties/plan": "IPD_SHARING",
    "/properties/ipd_sharing/properties/info_types/items": "IPD_INFO_TYPE",
    "/$defs/dated/properties/type": "DATE_TYPE",
    "/$defs/status_code": "STATUS",
    "/$defs/secondary_id/properties/type": "SECONDARY_ID_TYPE",
    "/$defs/organisation/properties/class": "AGENCY_CLASS",
    "/$defs/contact/properties/role": "CONTACT_ROLE",
    "/$defs/official/properties/role": "CONTACT_ROLE",
    "/$defs/condition/oneOf/1/properties/codes/items/properties/system": "CODING_SYSTEM",
    "/$defs/age/oneOf/1/properties/unit": "AGE_UNIT",
    "/$defs/duration/properties/unit": "AGE_UNIT",
    "/$defs/design/properties/study_type": "STUDY_TYPE",
    "/$defs/design/properties/phases/items": "PHASE",
    "/$defs/design/properties/allocation": "ALLOCATION",
    "/$defs/design/properties/intervention_model": "INTERVENTION_MODEL",
    "/$defs/design/properties/primary_purpose": "PRIMARY_PURPOSE",
    "/$defs/design/properties/masking/properties/type": "MASKING",
    "/$defs/design/properties/masking/properties/who_masked/items": "WHO_MASKED",
    "/$defs/design/properties/observational/properties/model": "OBSERVATIONAL_MODEL",
    "/$defs/design/properties/observational/properties/time_perspective": "TIME_PERSPECTIVE",
    "/$defs/design/properties/observational/properties/biospecimen_retention":
        "BIOSPECIMEN_RETENTION",
    "/$defs/design/properties/enrollment/properties/type": "DATE_TYPE",
    "/$defs/design/properties/control/properties/type": "CONTROL_TYPE",
    "/$defs/design/properties/committees/items/properties/type": "COMMITTEE",
    "/$defs/part/properties/method": "PART_METHOD",
    "/$defs/arm/properties/type": "ARM_TYPE",
    "/$defs/intervention/properties/type": "INTERVENTION_TYPE",
    "/$defs/intervention/properties/role": "INTERVENTION_ROLE",
    "/$defs/objective/properties/level": "OBJECTIVE_LEVEL",
    "/$defs/eligibility/properties/sex": "SEX",
    "/$defs/eligibility/properties/sampling_method": "SAMPLING_METHOD",
    "/$defs/schedule/properties/epochs/items/properties/type": "EPOCH_TYPE",
    "/$defs/schedule/properties/visits/items/properties/window/properties/unit": "AGE_UNIT",
    "/$defs/schedule/properties/visits/items/properties/contact": "CONTACT_MODE",
    "/$defs/location/properties/status": "STATUS",
    "/$defs/ethics_review/properties/status": "ETHICS_STATUS",
    "/$defs/reference/properties/type": "REFERENCE_TYPE",
    "/properties/identification/properties/protocol_version/properties/amendment_scope":
        "AMENDMENT_SCOPE",
    "/$defs/design/properties/population_type": "POPULATION_TYPE",
    "/$defs/design/properties/sites/properties/distribution": "SITE_DISTRIBUTION",
    "/$defs/design/properties/sites/properties/geographic_scope": "SITE_SCOPE",
    "/$defs/estimand/properties/intercurrent_events/items/properties/strategy": "STRATEGY",
}

_STRING = r'"(?:[^"\\]|\\.)*"'
_ARRAY = rf"\[\s*(?:{_STRING}\s*(?:,\s*{_STRING}\s*)*)?\]"
#: An enum with the descriptions this module wrote after it last time (if any).
_ENUM = re.compile(
    rf'"enum":\s*(?P<values>{_ARRAY})'
    rf'(?:,\s*"enumDescriptions":\s*{_ARRAY})?'
    rf'(?:,\s*"markdownEnumDescriptions":\s*{_ARRAY})?'
)


class SchemaLabelError(Exception):
    """The schema's enums cannot be matched to the text (hand-edited into an odd shape)."""


@lru_cache(maxsize=1)
def meanings() -> dict[str, dict[str, str]]:
    """``enum_meanings.yaml``: table name → code → one sentence (read as specs are read)."""
    text = (files("protocolgen") / "enum_meanings.yaml").read_text(encoding="utf-8")
    loaded = load_text(text, "enum_meanings.yaml")
    if loaded.document is None or loaded.diagnostics:
        raise SchemaLabelError(f"enum_meanings.yaml cannot be read: {loaded.diagnostics}")
    data: dict[str, dict[str, str]] = loaded.document.data
    return data


def label_of(table: str, code: str) -> str:
    """The display label of ``code`` in the table named ``table`` (plural for age units)."""
    value = getattr(labels, table).get(code, code)
    return str(value[1] if isinstance(value, tuple) else value)


def descriptions(table: str, codes: list[str]) -> tuple[list[str], list[str]]:
    """(``enumDescriptions``, ``markdownEnumDescriptions``) for ``codes`` of ``table``."""
    plain, markdown = [], []
    for code in codes:
        shown, meaning = label_of(table, code), meanings().get(table, {}).get(code, "")
        plain.append(f"{shown}: {meaning}" if meaning else shown)
        # Editors show the code itself beside this (as the item's label or "`CODE`:").
        markdown.append(f"**{shown}**" + (f" — {meaning}" if meaning else ""))
    return plain, markdown


def enums(node: Any, path: str = "") -> Iterator[tuple[str, list[Any]]]:
    """Every ``enum`` in ``node`` as (schema path, values), in the order the file has them."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "enum":
                yield path, value
            else:
                yield from enums(value, f"{path}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from enums(value, f"{path}/{index}")


def unmapped(schema: dict[str, Any]) -> list[str]:
    """Schema paths of enums that have no label table in :data:`ENUM_TABLES`."""
    return [path for path, _ in enums(schema) if path not in ENUM_TABLES]


def labelled(text: str) -> str:
    """The schema ``text`` with every mapped enum's descriptions written after it."""
    found = list(enums(json.loads(text)))
    matches = list(_ENUM.finditer(text))
    if len(matches) != len(found):
        raise SchemaLabelError(f"{len(found)} enums in the schema, {len(matches)} found in its "
                               'text: write each as "enum": [...] with strings only')
    parts, end = [], 0
    for match, (path, values) in zip(matches, found, strict=True):
        if json.loads(match["values"]) != values:
            raise SchemaLabelError(f"the enum at {path} does not match its text")
        parts.append(text[end:match.start()])
        parts.append(f'"enum": {match["values"]}')
        if path in ENUM_TABLES:
            plain, markdown = descriptions(ENUM_TABLES[path], values)
            dump = json.dumps
            parts.append(f', "enumDescriptions": {dump(plain, ensure_ascii=False)}, '
                         f'"markdownEnumDescriptions": {dump(markdown, ensure_ascii=False)}')
        end = match.end()
    parts.append(text[end:])
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Rewrite the schema in place (``--check``: only say whether it is up to date)."""
    path = schema_path()
    text = path.read_text(encoding="utf-8")
    for missing in unmapped(json.loads(text)):
        print(f"warning: no label table for the enum at {missing} (add it to ENUM_TABLES)",
              file=sys.stderr)
    return update(path, labelled(text), sys.argv[1:] if argv is None else argv, "make schema")


if __name__ == "__main__":
    sys.exit(main())
