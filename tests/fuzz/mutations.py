"""Seeded random inputs for `validate`: the repository's specs, mutated.

Every generator takes a :class:`random.Random`, so the same functions drive the suite's
hypothesis tests (through ``st.randoms()``, which hypothesis can replay and shrink) and
the long plain loop in ``bench/fuzz_validate.py`` (through ``random.Random(seed)``).
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import json
import math
import random
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from protocolgen.loading import load_text

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
SCHEMA = ROOT / "schemas" / "trial.schema.json"

#: Pieces of YAML syntax worth throwing at a parser, including the hostile ones.
TOKENS = (
    ":",
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "#",
    "|",
    ">",
    "|-",
    ">+",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!int ",
    "!!binary ",
    "!!set ",
    "!custom ",
    "!!python/object/apply:os.system ",
    "!!python/name:os.system ",
    "<<: ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "\n",
    "  ",
    "\t",
    "\r\n",
    "\r",
    "\x00",
    "\x07",
    "\x1b",
    "\x85",
    "\u2028",
    "\ufeff",
    "é",
    "😀",
    "~",
    "null",
    "yes",
    "0x1F",
    "1e999",
    ".nan",
    "2025-02-30",
    "spec_version",
    "arms",
    "id",
    "A1",
    "EXPERIMENTAL",
)
#: Control and odd characters for the "insert a nasty string" mutations.
NASTY = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\ufffe\t\r\u202e😀é"


@lru_cache(maxsize=1)
def seed_texts() -> tuple[str, ...]:
    """The specs shipped in ``specs/`` (all clean apart from gap warnings)."""
    return tuple(p.read_text(encoding="utf-8") for p in sorted(SPECS.glob("*.yaml")))


@lru_cache(maxsize=1)
def _seed_data() -> tuple[Any, ...]:
    found = []
    for text in seed_texts():
        document = load_text(text, "seed.yaml").document
        assert document is not None
        found.append(document.data)
    return tuple(found)


def seed_data(index: int) -> Any:
    """A fresh copy of the data of seed ``index`` (as protocolgen loads it)."""
    return copy.deepcopy(_seed_data()[index % len(_seed_data())])


@lru_cache(maxsize=1)
def schema_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(every enum value, every property name) in the trial schema."""
    enums: set[str] = set()
    keys: set[str] = set()
    todo: list[Any] = [json.loads(SCHEMA.read_text(encoding="utf-8"))]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            enums.update(v for v in node.get("enum", []) if isinstance(v, str))
            if isinstance(node.get("properties"), dict):
                keys.update(node["properties"])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return tuple(sorted(enums)), tuple(sorted(keys))


# -- values --------------------------------------------------------------------------------


def random_text(rng: random.Random, size: int = 12) -> str:
    alphabet = "abcXYZ019 _-.:/#&*!|>'\"" + NASTY
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, size)))


def random_scalar(rng: random.Random) -> Any:
    enums, keys = schema_words()
    return rng.choice(
        [
            None,
            True,
            False,
            0,
            -1,
            rng.randint(-(10**30), 10**30),
            rng.random() * 1e6,
            math.inf,
            -math.inf,
            math.nan,
            "",
            random_text(rng),
            rng.choice(enums),
            rng.choice(enums).lower(),
            rng.choice(keys),
            "2025-02-30",
            "2025-13",
            f"{rng.randint(0, 9999):04d}-{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}",
        ]
    )


def random_value(rng: random.Random, depth: int = 3) -> Any:
    """Any JSON-like value, nested up to ``depth``."""
    roll = rng.random()
    if depth <= 0 or roll < 0.5:
        return random_scalar(rng)
    if roll < 0.75:
        return [random_value(rng, depth - 1) for _ in range(rng.randint(0, 4))]
    _, keys = schema_words()
    return {
        rng.choice([rng.choice(keys), random_text(rng, 6)]): random_value(rng, depth - 1)
        for _ in range(rng.randint(0, 4))
    }


def dump(data: Any, rng: random.Random) -> str:
    """YAML text for ``data`` in a random but valid style."""
    return yaml.safe_dump(
        data,
        sort_keys=False,
        allow_unicode=rng.random() < 0.5,
        default_flow_style=rng.choice([False, None, True]),
        width=rng.choice([40, 80, 10**6]),
        indent=rng.choice([2, 3, 4]),
    )


# -- structural mutations of spec data ----------------------------------------------------

Slot = tuple[Any, Any]  # (container, key or index)


def _slots(data: Any) -> list[Slot]:
    found: list[Slot] = []
    todo = [data]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            found.extend((node, k) for k in node)
            todo.extend(node.values())
        elif isinstance(node, list):
            found.extend((node, i) for i in range(len(node)))
            todo.extend(node)
    return found


def _delete(rng: random.Random, data: Any) -> None:
    slots = _slots(data)
    if slots:
        container, key = rng.choice(slots)
        del container[key]


def _retype(rng: random.Random, data: Any) -> None:
    slots = _slots(data)
    if slots:
        container, key = rng.choice(slots)
        container[key] = random_value(rng, rng.randint(0, 2))


def _swap(rng: random.Random, data: Any) -> None:
    slots = _slots(data)
    if len(slots) >= 2:
        (c1, k1), (c2, k2) = rng.sample(slots, 2)
        with contextlib.suppress(KeyError, IndexError):  # one slot inside the other's value
            c1[k1], c2[k2] = c2[k2], c1[k1]


def _rename(rng: random.Random, data: Any) -> None:
    dicts = [c for c, _ in _slots(data) if isinstance(c, dict)] + [data]
    target = rng.choice(dicts)
    if not isinstance(target, dict) or not target:
        return
    old = rng.choice(list(target))
    _, keys = schema_words()
    new = rng.choice(
        [old.upper(), old[:-1], old + "s", old.replace("_", "-"), rng.choice(keys), ""]
    )
    items = [(new if k == old else k, v) for k, v in target.items()]
    target.clear()
    target.update(items)


def _change_enum(rng: random.Random, data: Any) -> None:
    enums, _ = schema_words()
    slots = [(c, k) for c, k in _slots(data) if isinstance(c[k], str) and c[k] in enums]
    if slots:
        container, key = rng.choice(slots)
        value = container[key]
        container[key] = rng.choice(
            [rng.choice(enums), value.lower(), value.replace("_", " "), value + "X", ""]
        )


def _change_reference(rng: random.Random, data: Any) -> None:
    strings = [(c, k) for c, k in _slots(data) if isinstance(c[k], str) and len(c[k]) < 12]
    ids = [c[k] for c, k in strings if k == "id"] or ["A1"]
    if strings:
        container, key = rng.choice(strings)
        container[key] = rng.choice([rng.choice(ids), rng.choice(ids) + "x", "1bad id"])


def _duplicate_item(rng: random.Random, data: Any) -> None:
    lists = [c for c, _ in _slots(data) if isinstance(c, list) and c]
    if lists:
        target = rng.choice(lists)
        target.insert(rng.randint(0, len(target)), copy.deepcopy(rng.choice(target)))


def _huge_string(rng: random.Random, data: Any) -> None:
    slots = _slots(data)
    if slots:
        container, key = rng.choice(slots)
        piece = rng.choice(["x", "lorem ipsum ", "é", "😀", "\n", "a: b\n", random_text(rng)])
        container[key] = piece * rng.randint(5_000, 50_000)


def _nasty_string(rng: random.Random, data: Any) -> None:
    slots = _slots(data)
    if slots:
        container, key = rng.choice(slots)
        container[key] = "".join(rng.choice(NASTY) for _ in range(rng.randint(1, 40)))


def _deep_nesting(rng: random.Random, data: Any) -> None:
    slots = _slots(data)
    if slots:
        container, key = rng.choice(slots)
        value = container[key]
        for _ in range(rng.randint(1, 120)):
            value = [value] if rng.random() < 0.5 else {"k": value}
        container[key] = value


DATA_MUTATIONS: tuple[Callable[[random.Random, Any], None], ...] = (
    _delete,
    _retype,
    _swap,
    _rename,
    _change_enum,
    _change_reference,
    _duplicate_item,
    _huge_string,
    _nasty_string,
    _deep_nesting,
)


def mutate_data(rng: random.Random, rounds: int = 3) -> bytes:
    """A seed spec with 1..``rounds`` structural mutations, dumped as valid YAML."""
    data = seed_data(rng.randrange(len(seed_texts())))
    for _ in range(rng.randint(1, rounds)):
        rng.choice(DATA_MUTATIONS)(rng, data)
    return dump(data, rng).encode("utf-8")


# -- textual mutations of spec files ------------------------------------------------------


def _line_ops(rng: random.Random, lines: list[str]) -> None:
    if not lines:
        return
    i = rng.randrange(len(lines))
    op = rng.randrange(8)
    if op == 0:
        del lines[i]
    elif op == 1:  # duplicate a line: duplicate keys, duplicate list items
        lines.insert(i, lines[i])
    elif op == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:
        lines[i] = " " * rng.randint(1, 6) + lines[i]
    elif op == 4:
        lines[i] = lines[i].lstrip(" ")
    elif op == 5:
        lines[i] = "\t" + lines[i].lstrip(" ")
    elif op == 6:
        lines.insert(i, "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 6))))
    else:
        enums, _ = schema_words()
        words = lines[i].split(" ")
        words[rng.randrange(len(words))] = rng.choice([rng.choice(enums), rng.choice(TOKENS)])
        lines[i] = " ".join(words)


def _insert(rng: random.Random, text: str) -> str:
    at = rng.randint(0, len(text))
    piece = rng.choice(
        [
            rng.choice(TOKENS),
            "".join(rng.choice(TOKENS) for _ in range(rng.randint(2, 8))),
            rng.choice(NASTY),
            "[" * rng.randint(1, 200),
        ]
    )
    return text[:at] + piece + text[at:]


def _alias_line(rng: random.Random, lines: list[str]) -> None:
    keyed = [i for i, line in enumerate(lines) if ": " in line and line.lstrip()[:1] != "#"]
    if len(keyed) < 2:
        return
    first, second = sorted(rng.sample(keyed, 2))
    key, _, value = lines[first].partition(": ")
    lines[first] = f"{key}: &x{first} {value}"
    key2, _, _ = lines[second].partition(": ")
    alias = rng.choice([f"*x{first}", "*nowhere", f"!!python/object/apply:os.system *x{first}"])
    lines[second] = f"{key2}: {alias}"


def mutate_text(rng: random.Random, rounds: int = 4) -> bytes:
    """A seed spec file with 1..``rounds`` line or character edits, then maybe re-encoded."""
    text = rng.choice(seed_texts())
    for _ in range(rng.randint(1, rounds)):
        roll = rng.random()
        if roll < 0.5:
            lines = text.split("\n")
            _line_ops(rng, lines)
            text = "\n".join(lines)
        elif roll < 0.8:
            text = _insert(rng, text)
        elif roll < 0.9:
            lines = text.split("\n")
            _alias_line(rng, lines)
            text = "\n".join(lines)
        else:
            text = text[: rng.randint(0, len(text))]
    raw = text.encode("utf-8")
    roll = rng.random()
    if roll < 0.05:
        raw = raw.replace(b"\n", b"\r\n")
    elif roll < 0.08:
        raw = codecs.BOM_UTF8 + raw
    elif roll < 0.10:
        raw = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif roll < 0.15 and raw:
        at = rng.randrange(len(raw))
        raw = raw[:at] + rng.choice([b"\xff", b"\xc3", b"\x00", b"\xed\xa0\x80"]) + raw[at:]
    return raw


def token_soup(rng: random.Random) -> bytes:
    """Random YAML-looking text made of :data:`TOKENS` and short words."""
    pieces = [rng.choice((*TOKENS, "a", "b: 1", "x y")) for _ in range(rng.randint(0, 60))]
    return "".join(pieces).encode("utf-8")


def random_document(rng: random.Random) -> bytes:
    """A random YAML document (valid YAML, mostly a mapping at the top)."""
    root = random_value(rng, 4)
    if rng.random() < 0.8 and not isinstance(root, dict):
        root = {"spec_version": 1, "x": root}
    return dump(root, rng).encode("utf-8")


def random_bytes(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))


GENERATORS: dict[str, Callable[[random.Random], bytes]] = {
    "seed-data-mutation": mutate_data,
    "seed-text-mutation": mutate_text,
    "token-soup": token_soup,
    "random-yaml-document": random_document,
    "random-bytes": random_bytes,
}
