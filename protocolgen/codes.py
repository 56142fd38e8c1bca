"""Every finding code with its title and explanation: loader and schema codes plus the rules.

Reporters that describe their rules (SARIF, JUnit) and `protocolgen rules` read this one
catalogue, so a code is documented once.
"""

from __future__ import annotations

from dataclasses import dataclass

from protocolgen.diagnostics import Severity


@dataclass(frozen=True)
class CodeInfo:
    """What a finding code means."""

    code: str
    name: str
    severity: Severity
    title: str
    explanation: str
    family: str


_E = Severity.ERROR

#: Codes produced while reading the file and checking it against the schema.
BUILTIN: tuple[CodeInfo, ...] = (
    CodeInfo("PG001", "unreadable-file", _E, "The file can be read",
             "The path exists but cannot be read (permissions, a directory, a device).", "loading"),
    CodeInfo("PG002", "not-utf8-text", _E, "The file is UTF-8 text",
             "Specs are UTF-8 text. Binary files, UTF-16/32 files and invalid byte sequences "
             "are refused; re-save the file as UTF-8.", "loading"),
    CodeInfo("PG003", "file-too-large", _E, "The file is within the size limit",
             "Specs over 8 MiB are refused without being parsed.", "loading"),
    CodeInfo("PG010", "yaml-syntax", _E, "The file is valid YAML",
             "A YAML syntax error, a control character, several documents in one file, or an "
             "alias to an anchor that is not defined or not complete.", "loading"),
    CodeInfo("PG011", "duplicate-key", _E, "Keys are unique within a mapping",
             "YAML libraries silently keep the last of two equal keys, losing data. The first "
             "value is kept and the duplicate reported.", "loading"),
    CodeInfo("PG012", "root-not-mapping", _E, "The top level is a mapping",
             "A spec is a mapping of sections, starting with 'spec_version: 1'.", "loading"),
    CodeInfo("PG013", "empty-file", _E, "The file is not empty",
             "The file holds no YAML document.", "loading"),
    CodeInfo("PG014", "unsupported-tag", _E, "Only plain YAML values are used",
             "Tags such as !!python/object and merge keys (<<) are refused: loading is always "
             "safe and what is written is what is read.", "loading"),
    CodeInfo("PG015", "complex-key", _E, "Keys are plain text",
             "Mapping keys must be plain words, not lists or mappings.", "loading"),
    CodeInfo("PG016", "too-deep", _E, "Nesting stays shallow",
             "More than 64 levels of nesting are refused before they can exhaust the parser.",
             "loading"),
    CodeInfo("PG017", "alias-expansion", _E, "Aliases do not explode",
             "A document whose aliases expand to more than 500,000 values is refused "
             "('billion laughs').", "loading"),
    CodeInfo("PG019", "unreadable-number", _E, "Numbers are readable",
             "A number with more than 1000 digits; quote it to keep it as text.", "loading"),
    CodeInfo("PG100", "schema-other", _E, "The spec follows the schema",
             "A value has none of the allowed shapes, or breaks another schema rule.", "schema"),
    CodeInfo("PG101", "missing-key", _E, "Required keys are present",
             "A required key is missing; it is reported at the mapping that should hold it. "
             "Write [] or \"\" for content that is not known yet.", "schema"),
    CodeInfo("PG102", "unknown-key", _E, "No unknown keys",
             "A key the schema does not define, usually a typo; the hint names the closest "
             "allowed key.", "schema"),
    CodeInfo("PG103", "value-not-allowed", _E, "Coded values use the allowed codes",
             "A value outside its code list; the message names the closest allowed code.",
             "schema"),
    CodeInfo("PG104", "wrong-type", _E, "Values have the right type",
             "Text where a number is expected, a list where a mapping is expected, or a value "
             "YAML reads as true/false or a number (true, 010) where text is expected. Specs "
             "are YAML 1.2: yes, no, on, off are text.", "schema"),
    CodeInfo("PG105", "wrong-form", _E, "Dates and ids have the right form",
             "Dates are YYYY-MM-DD (or YYYY-MM); ids start with a letter.", "schema"),
    CodeInfo("PG106", "out-of-range", _E, "Numbers are in range",
             "A count or age below its minimum.", "schema"),
)

#: Rule families by the hundreds digit of their code.
FAMILIES = {
    "0": "loading",
    "1": "schema",
    "2": "cross-references",
    "3": "gaps",
    "4": "consistency",
    "5": "text-quality",
    "6": "registry-limits",
    "7": "profiles",
    "8": "configuration",
    "9": "interoperability",
}


def family_of(code: str) -> str:
    """The family a code belongs to (``PG301`` → ``gaps``)."""
    return FAMILIES.get(code[2:3], "other")


def catalogue() -> dict[str, CodeInfo]:
    """All codes, sorted, from the loader, the schema and the registered rules."""
    from protocolgen.rules import RULES  # the rules package imports this module's users

    found = {info.code: info for info in BUILTIN}
    for code, item in RULES.items():
        found[code] = CodeInfo(code, item.name, item.severity, item.title, item.explanation,
                               family_of(code))
    return dict(sorted(found.items()))
