"""Validate a :class:`Document` against the packaged JSON Schema; errors become findings.

jsonschema's own messages are written for programmers ("'x' is not one of [...]"). Each
error kind is translated here into the wording a medical writer can act on, placed at the
line of the offending value (or, for a missing key, at the mapping that should hold it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from protocolgen.diagnostics import Diagnostic, Severity
from protocolgen.loading import Document, pointer_join
from protocolgen.resources import trial_schema

if TYPE_CHECKING:  # jsonschema is imported only for specs the compiled check rejects
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

#: Codes of schema findings, by jsonschema keyword.
CODES = {
    "required": "PG101",
    "additionalProperties": "PG102",
    "enum": "PG103",
    "const": "PG103",
    "type": "PG104",
    "pattern": "PG105",
    "minimum": "PG106",
}
OTHER_CODE = "PG100"
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value pairs)",
    "null": "empty",
}


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    """The trial schema validator, built once per process.

    ``pattern`` is matched as JSON Schema means it (ECMA-262, :mod:`protocolgen.ecma_regex`):
    Python's ``$`` would accept an id with a trailing newline.
    """
    from jsonschema import Draft202012Validator

    from protocolgen.ecma_regex import ecma_validator

    validator: Draft202012Validator = ecma_validator(Draft202012Validator)(trial_schema())
    return validator


@lru_cache(maxsize=1)
def _compiled_is_valid() -> Callable[[Any], bool] | None:
    """jsonschema-rs's compiled validity check for the trial schema, when it can be imported.

    It is a declared dependency, but only an accelerator: where its compiled wheel is
    missing (an unusual platform, a bare interpreter), jsonschema alone gives the same
    findings, more slowly.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    is_valid: Callable[[Any], bool] = jsonschema_rs.validator_for(trial_schema()).is_valid
    return is_valid


def surely_valid(data: Any) -> bool:
    """True when the compiled validator accepts ``data``.

    Most specs are valid, and jsonschema-rs answers that about 100 times faster than
    jsonschema. Anything it does not accept (or cannot convert, such as .nan) goes through
    jsonschema, whose errors are translated into findings, so messages never depend on it.
    tests/test_schema_fastpath.py checks it never accepts what jsonschema rejects.
    """
    compiled = _compiled_is_valid()
    if compiled is None:
        return False
    try:
        return compiled(data)
    except (ValueError, OverflowError, TypeError):
        return False


def check(doc: Document) -> list[Diagnostic]:
    """All schema findings for ``doc``, in file order."""
    if surely_valid(doc.data):
        return []
    found: list[Diagnostic] = []
    for error in validator().iter_errors(doc.data):
        found.extend(translate(doc, error))
    return sorted(set(found))


def translate(doc: Document, error: ValidationError) -> Iterator[Diagnostic]:
    """The findings for one jsonschema ``error`` in ``doc``, in protocolgen's own wording.

    Also used for a house schema named by a modeline (:mod:`protocolgen.house_schema`).
    """
    return _translate(doc, _reduce(error))


def _reduce(error: ValidationError) -> ValidationError:
    """Replace a oneOf/anyOf error by the error of the branch the author most likely meant."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        candidates = [
            e
            for e in error.context
            if not (e.validator in ("type", "const") and not e.relative_path)
        ]
        if not candidates:
            return error
        from jsonschema.exceptions import best_match

        chosen = best_match(candidates)
        if chosen is None:
            return error
        error = chosen
    return error


def _translate(doc: Document, error: ValidationError) -> Iterator[Diagnostic]:
    pointer = "".join(f"/{_escape(p)}" for p in error.absolute_path)
    where = human_path(list(error.absolute_path))
    kind = str(error.validator)
    code = CODES.get(kind, OTHER_CODE)
    instance: Any = error.instance
    expected: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}

    if kind == "required":
        for name in expected:
            if isinstance(instance, dict) and name not in instance:
                prop = _property_schema(schema, name)
                hint = f"Add '{name}:'"
                if prop.get("description"):
                    hint += f" ({prop['description']})"
                hint += '; write [] or "" if the content is not known yet.'
                strays = [k for k in instance if k not in schema.get("properties", {})]
                typo = difflib.get_close_matches(name, strays, n=1, cutoff=0.6)
                if typo:
                    hint = f"'{typo[0]}' looks like a misspelling of '{name}'."
                owner = f"'{where}'" if where else "the spec"
                yield _at(
                    doc,
                    pointer,
                    code,
                    f"{owner} is missing the required key '{name}'",
                    hint,
                    key=True,
                )
        return
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for name in instance if isinstance(instance, dict) else []:
            if name in allowed:
                continue
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f"Did you mean '{close[0]}'?" if close else "Allowed keys: " + ", ".join(allowed)
            owner = f"'{where}'" if where else "the top level"
            yield _at(
                doc,
                pointer_join(pointer, name),
                code,
                f"unknown key '{name}' in {owner}",
                hint,
                key=True,
            )
        return
    if kind == "enum":
        choices = [str(c) for c in expected]
        message = f"'{where}' must be one of {', '.join(choices)}"
        suggestion = suggest(instance, choices)
        if suggestion:
            message += f" — did you mean {suggestion}?"
        yield _at(doc, pointer, code, message, _got(doc, pointer, instance))
        return
    if kind == "const":
        yield _at(
            doc,
            pointer,
            code,
            f"'{where}' must be {expected!r}",
            _got(doc, pointer, instance),
        )
        return
    if kind == "type":
        names = [str(n) for n in (expected if isinstance(expected, list) else [expected])]
        wanted = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
        message = f"'{where}' must be {wanted}, not {_describe(instance)}"
        hint = _type_hint(doc, pointer, instance, names)
        yield _at(doc, pointer, code, message, hint)
        return
    if kind == "pattern":
        yield _at(doc, pointer, code, *_pattern_message(where, instance, expected))
        return
    if kind == "minimum":
        yield _at(
            doc,
            pointer,
            code,
            f"'{where}' must be at least {expected}",
            _got(doc, pointer, instance),
        )
        return
    if kind in ("oneOf", "anyOf"):
        titles = [str(s.get("title", "")) for s in expected if isinstance(s, dict)]
        shapes = " or ".join(t for t in titles if t) or "one of the allowed forms"
        yield _at(
            doc,
            pointer,
            code,
            f"'{where}' must be {shapes}, not {_describe(instance)}",
            "See the schema description of this field (protocolgen schema).",
        )
        return
    yield _at(doc, pointer, code, f"'{where}': {error.message}", "")


def suggest(value: Any, choices: list[str]) -> str | None:
    """The allowed code closest to ``value`` ("experimental" → "EXPERIMENTAL")."""
    if not isinstance(value, str):
        return None
    squashed = re.sub(r"[^A-Z0-9]", "", value.upper())
    for choice in choices:
        if re.sub(r"[^A-Z0-9]", "", choice) == squashed:
            return choice
    normal = re.sub(r"[^A-Z0-9]+", "_", value.upper()).strip("_")
    close = difflib.get_close_matches(normal, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def human_path(parts: list[str | int]) -> str:
    """``['arms', 0, 'type']`` → ``arms[0].type``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _at(
    doc: Document, pointer: str, code: str, message: str, hint: str, *, key: bool = False
) -> Diagnostic:
    line, column = doc.position(pointer, key=key)
    return Diagnostic(doc.path, line, column, code, Severity.ERROR, message, hint, pointer)


def _escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def _property_schema(schema: dict[str, Any], name: str) -> dict[str, Any]:
    prop = schema.get("properties", {}).get(name, {})
    if not isinstance(prop, dict):
        return {}
    ref = prop.get("$ref", "")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = trial_schema()["$defs"].get(ref.removeprefix("#/$defs/"), {})
        return {**target, **prop}
    return prop


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a true/false value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_short(value)!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _got(doc: Document, pointer: str, value: Any) -> str:
    raw = doc.raw_scalars.get(pointer)
    shown = raw if raw is not None else value
    return f"Found {_short(shown) if isinstance(shown, str) else shown!r}."


def _type_hint(doc: Document, pointer: str, value: Any, expected: list[str]) -> str:
    raw = doc.raw_scalars.get(pointer)
    if "string" in expected and raw is not None:
        return f"YAML read {raw!r} as {_describe(value)}; put it in quotes: '{raw}'."
    if value is None and "array" in expected:
        return "Write [] for an empty list."
    if value is None and "string" in expected:
        return 'Write "" for text not yet written.'
    if isinstance(value, str) and ("integer" in expected or "number" in expected):
        return "Write the number without quotes or words, for example 20."
    return ""


def _pattern_message(where: str, value: Any, pattern: str) -> tuple[str, str]:
    if pattern == trial_schema()["$defs"]["partial_date"]["pattern"]:
        # The pattern also refuses month 13 or day 32, so that editors catch them too.
        kind = "real date" if re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", str(value)) else "date"
        return (
            f"'{where}' is not a {kind}: {_short(str(value))!r}",
            "Write the date as YYYY-MM-DD, months 01-12 and days 01-31 (or YYYY-MM when the "
            "day is not known).",
        )
    if pattern == trial_schema()["$defs"]["id"]["pattern"]:
        return (
            f"'{where}' is not a valid id: {_short(str(value))!r}",
            "An id starts with a letter, then letters, digits, '_', '-' or '.'.",
        )
    return (
        f"'{where}' does not have the expected form: {_short(str(value))!r}",
        f"It must match {pattern}.",
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
