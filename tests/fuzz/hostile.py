"""Seeded hostile inputs beyond spec files: spec pairs for `diff`, configuration files, and
house schemas named by a modeline. Like :mod:`tests.fuzz.mutations`, every generator takes
a :class:`random.Random`, so the suite (through hypothesis) and ``bench/fuzz_campaign.py``
(through plain seeds) share them; the ``*_and_check`` functions run the real command and
assert the invariants of docs/reliability.md (no exception, exit 0/1/2, a finding or a
clear message when something is refused).
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC
from tests.fuzz.mutations import (
    DATA_MUTATIONS,
    NASTY,
    dump,
    mutate_text,
    random_text,
    random_value,
    seed_data,
    seed_texts,
)

_RUNNER = CliRunner()

# -- diff ---------------------------------------------------------------------------------

#: Values the diff shows as one cell (labels.ATOMIC) and the keys inside them.
ATOMIC_PLACES = (
    ("design", "enrollment", "type"),
    ("design", "enrollment", "count"),
    ("design", "enrollment"),
    ("status", "start_date", "type"),
    ("status", "start_date", "date"),
    ("status", "completion_date", "type"),
    ("status", "primary_completion_date"),
    ("eligibility", "minimum_age"),
    ("eligibility", "maximum_age", "unit"),
    ("status", "overall"),
    ("design", "phases"),
)


def _set_place(rng: random.Random, data: Any) -> None:
    place = rng.choice(ATOMIC_PLACES)
    node = data
    for key in place[:-1]:
        if not isinstance(node, dict):
            return
        node = node.setdefault(key, {})
    if isinstance(node, dict):
        node[place[-1]] = rng.choice(
            [{}, [], True, False, 5, None, 10**40, "x", random_value(rng)]
        )


def _mutated(rng: random.Random, index: int, rounds: int) -> bytes:
    data = seed_data(index)
    for _ in range(rng.randint(1, rounds)):
        if rng.random() < 0.4:
            _set_place(rng, data)
        else:
            rng.choice(DATA_MUTATIONS)(rng, data)
    return dump(data, rng).encode("utf-8")


def diff_case(rng: random.Random) -> tuple[bytes, bytes]:
    """Two versions of one seed spec: either side may be mutated (data or text)."""
    index = rng.randrange(len(seed_texts()))
    old = seed_texts()[index].encode("utf-8")
    if rng.random() < 0.3:
        old = _mutated(rng, index, 2)
    new = mutate_text(rng) if rng.random() < 0.15 else _mutated(rng, index, 3)
    return (new, old) if rng.random() < 0.3 else (old, new)


def diff_and_check(old: bytes, new: bytes, formats: tuple[str, ...] = ("json", "md", "text")
                   ) -> int:
    """``diff OLD NEW`` in ``formats``; returns the exit code (0, or 2 for a bad spec)."""
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "old.yaml", Path(tmp) / "new.yaml"
        a.write_bytes(old)
        b.write_bytes(new)
        codes = set()
        for fmt in formats:
            result = _RUNNER.invoke(main, ["diff", str(a), str(b), "--format", fmt])
            _no_exception(result, f"diff --format {fmt}", old + b"\n=====\n" + new)
            codes.add(result.exit_code)
            if fmt == "json" and result.exit_code == 0:
                json.loads(result.stdout)
        assert len(codes) == 1 and codes <= {0, 2}, codes
        return codes.pop()


# -- configuration ------------------------------------------------------------------------

_TOML_VALUES = (
    '"error"', '"warning"', '"info"', '"PG4"', '"PG402"', '["error"]', '{a = 1}', "5", "-1",
    "true", "1979-05-27", "07:32:00", "inf", "nan", "3.5", '["PG4", 5]', "[[1]]", "[]", "{}",
    '"\\u0000"', '"\\u001b[2J"', '"who-trds"', '["who-trds"]', '["nope"]', "9" * 5000,
    '"""\nmulti\n"""', "'lit'",
)
_TOML_KEYS = ("select", "ignore", "severity", "profiles", "PG402", "PG999", "x", '"a.b"', "tool",
              "protocolgen", '"\\n::warning::x"')


def config_case(rng: random.Random) -> tuple[str, str]:
    """(file name, text) of a configuration file, plausible or broken."""
    name = rng.choice(["protocolgen.toml", "pyproject.toml"])
    lines = []
    if name == "pyproject.toml":
        lines.append(rng.choice(["[tool.protocolgen]", "[tool]", "tool = 5", "[project]",
                                 "tool = {protocolgen = 5}", "[tool.protocolgen.severity]"]))
    for _ in range(rng.randint(0, 6)):
        if rng.random() < 0.2:
            lines.append(rng.choice(["[severity]", "[tool.protocolgen.severity]", "[[select]]",
                                     "[tool.protocolgen]", "[x.y]"]))
        lines.append(f"{rng.choice(_TOML_KEYS)} = {rng.choice(_TOML_VALUES)}")
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.1:
        cut = rng.randrange(len(text) + 1)
        text = text[:cut] + rng.choice(["[", '"', "=", "\x00", NASTY, "\n[[", "}"]) + text[cut:]
    return name, text


def config_and_check(name: str, text: str) -> int:
    """Validate a clean spec with ``text`` as the nearest config file, and as ``--config``."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".git").mkdir()
        (folder / name).write_text(text, encoding="utf-8")
        spec = folder / "t.yaml"
        spec.write_text(MINIMAL_SPEC, encoding="utf-8")
        codes = set()
        for args in ([str(spec)], [str(spec), "--config", str(folder / name)]):
            result = _RUNNER.invoke(main, ["validate", *args, "--format", "json"])
            _no_exception(result, "validate with config", text.encode("utf-8", "replace"))
            assert result.exit_code in (0, 1, 2), result.output
            if result.exit_code != 2:
                json.loads(result.stdout)
            codes.add(result.exit_code)
        return max(codes)


# -- house schemas ------------------------------------------------------------------------

_KEYWORDS = ("type", "properties", "required", "enum", "const", "pattern", "$ref", "$defs",
             "allOf", "anyOf", "oneOf", "not", "items", "minimum", "maxLength", "if", "then",
             "else", "$id", "$schema", "additionalProperties", "patternProperties",
             "dependentRequired", "format", "$dynamicRef", "$anchor", "unevaluatedProperties",
             "prefixItems", "contains", "minItems", "propertyNames", "multipleOf")
_PATTERNS = ("^[A-Z]+$", "^(a+)+$", "(", "\\p{L}", "^.*$", "[", "a{2,1}", "(?P<x>a)(?P=x)",
             "^(a|a)*$", "\\Z", "x" * 200)
_REFS = ("#", "#/$defs/a", "#/$defs/nowhere", "#a", "other.json", "http://127.0.0.1:9/x",
         "file:///etc/passwd", "urn:x", "https://json-schema.org/draft/2020-12/schema", "#/%",
         "#/properties/status", "\x00")
_KEYS = ("status", "identification", "design", "brief_title", "overall", "a", "spec_version")


def _schema_value(rng: random.Random, keyword: str, depth: int) -> Any:
    if rng.random() < 0.15:
        return random_value(rng, 2)
    if keyword in ("properties", "$defs", "patternProperties"):
        return {rng.choice(_KEYS): random_schema(rng, depth - 1) for _ in range(rng.randint(0, 3))}
    if keyword in ("allOf", "anyOf", "oneOf", "prefixItems"):
        return [random_schema(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    if keyword in ("not", "items", "if", "then", "else", "additionalProperties", "contains",
                   "propertyNames", "unevaluatedProperties"):
        return random_schema(rng, depth - 1)
    if keyword in ("$ref", "$dynamicRef", "$id", "$schema"):
        return rng.choice(_REFS)
    if keyword == "pattern":
        return rng.choice(_PATTERNS)
    if keyword == "type":
        return rng.choice(["string", "object", "integer", ["string", "null"], "nope", 5])
    if keyword == "required":
        return rng.sample(_KEYS, rng.randint(0, 3))
    if keyword == "enum":
        return [random_value(rng, 1) for _ in range(rng.randint(0, 3))]
    return rng.choice([0, 1, -1, 10**30, 0.5, "x", True, None])


def random_schema(rng: random.Random, depth: int = 4) -> Any:
    """A JSON Schema made of real keywords with plausible, hostile or wrong values."""
    if depth <= 0 or rng.random() < 0.1:
        return rng.choice([True, False, {}, {"type": "string"}])
    return {k: _schema_value(rng, k, depth) for k in rng.sample(_KEYWORDS, rng.randint(1, 5))}


def house_schema_case(rng: random.Random) -> bytes:
    """The bytes of a house schema file: a random schema, sometimes broken as text."""
    text = json.dumps(random_schema(rng))
    roll = rng.random()
    if roll < 0.05:
        depth = rng.randint(1_000, 100_000)
        return ("[" * depth + "]" * depth).encode()
    if roll < 0.1:
        cut = rng.randrange(len(text) + 1)
        return (text[:cut] + random_text(rng, 4) + text[cut:]).encode("utf-8")
    return text.encode("utf-8")


def house_and_check(schema: bytes) -> int:
    """Validate a clean spec whose modeline names ``schema``; only PG107/PG018 may appear."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".git").mkdir()
        (folder / "house.json").write_bytes(schema)
        spec = folder / "t.yaml"
        spec.write_text("# yaml-language-server: $schema=house.json\n" + MINIMAL_SPEC,
                        encoding="utf-8")
        result = _RUNNER.invoke(main, ["validate", str(spec), "--format", "json"])
        _no_exception(result, "validate with a house schema", schema)
        assert result.exit_code in (0, 1), result.output
        found = json.loads(result.stdout)["files"][0]["diagnostics"]
        assert {d["code"] for d in found} <= {"PG018", "PG107"}, found
        return int(result.exit_code)


def _no_exception(result: Any, what: str, data: bytes) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{what} raised {result.exception!r} for {data[:300]!r}"
                             ) from result.exception
