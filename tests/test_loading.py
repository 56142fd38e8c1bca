"""The loader: every hostile or broken input ends in a positioned finding, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from protocolgen import loading
from protocolgen.loading import load_bytes, load_path, load_text


def codes(text: str | bytes) -> list[tuple[int, int, str]]:
    result = load_bytes(text if isinstance(text, bytes) else text.encode(), "spec.yaml")
    return [(d.line, d.column, d.code) for d in result.diagnostics]


def test_positions_of_keys_and_values_are_one_based() -> None:
    doc = load_text("a:\n  b: [1, 2]\n  c: {d: x}\n", "s.yaml").document
    assert doc is not None
    assert doc.positions["/a/b/1"] == (2, 10)
    assert doc.positions["/a/c/d"] == (3, 10)
    assert doc.key_positions["/a/c"] == (3, 3)
    assert doc.position("/a/c/d", key=True) == (3, 7)


def test_columns_count_characters_not_bytes() -> None:
    doc = load_text("a: 或者\nb: [é, x]\n", "s.yaml").document
    assert doc is not None
    assert doc.positions["/b/1"] == (2, 8)


def test_pointer_escaping_follows_rfc_6901() -> None:
    doc = load_text("narrative:\n  a/b~c: text\n", "s.yaml").document
    assert doc is not None
    assert doc.positions["/narrative/a~1b~0c"] == (2, 10)


def test_dates_stay_strings_and_scalars_keep_yaml_types() -> None:
    doc = load_text("d: 2025-04-15\nn: 10\nb: false\nf: 1.5\nz: null\nq: '10'\n", "s").document
    assert doc is not None
    assert doc.data == {"d": "2025-04-15", "n": 10, "b": False, "f": 1.5, "z": None, "q": "10"}


def test_mapping_keys_are_the_text_written() -> None:
    doc = load_text("no: 1\n4.2: x\n", "s.yaml").document
    assert doc is not None
    assert doc.data == {"no": 1, "4.2": "x"}


def test_position_inside_an_alias_falls_back_to_the_alias() -> None:
    doc = load_text("a: &x {b: 1}\nc: *x\n", "s.yaml").document
    assert doc is not None
    assert doc.data["c"] == {"b": 1}
    assert doc.position("/c/b") == (2, 4)


def test_crlf_line_endings() -> None:
    doc = load_bytes(b"a: 1\r\nb: 2\r\n", "s.yaml").document
    assert doc is not None
    assert doc.positions["/b"] == (2, 4)


def test_utf8_bom_is_accepted() -> None:
    assert load_bytes(b"\xef\xbb\xbfa: 1\n", "s.yaml").document is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", [(2, 1, "PG011")]),
        ("a: [1\n", [(2, 1, "PG010")]),
        ("a:\n\tb: 1\n", [(2, 1, "PG010")]),
        ("a: 1\n---\nb: 2\n", [(2, 1, "PG010")]),
        ("- 1\n- 2\n", [(1, 1, "PG012")]),
        ("just text\n", [(1, 1, "PG012")]),
        ("", [(1, 1, "PG013")]),
        ("# only a comment\n", [(1, 1, "PG013")]),
        ("a: !!python/object:os.system x\n", [(1, 4, "PG014")]),
        ("a: !custom x\n", [(1, 4, "PG014")]),
        ("<<: {a: 1}\nb: 2\n", [(1, 1, "PG014")]),
        ("? [a]\n: 1\n", [(1, 3, "PG015")]),
        ("a: &x [1, *x]\n", [(1, 11, "PG010")]),
        ("a: *nothing\n", [(1, 4, "PG010")]),
        ("a: \x07\n", [(1, 4, "PG010")]),
    ],
    ids=[
        "duplicate-key",
        "syntax",
        "tab-indent",
        "two-documents",
        "root-list",
        "root-scalar",
        "empty",
        "comment-only",
        "python-tag",
        "custom-tag",
        "merge-key",
        "complex-key",
        "recursive-alias",
        "undefined-alias",
        "control-character",
    ],
)
def test_broken_yaml_gives_positioned_findings(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert codes(text) == expected


def test_duplicate_key_keeps_the_first_value_and_names_its_line() -> None:
    result = load_text("a: 1\nb: 0\na: 2\n", "s.yaml")
    assert result.document is not None and result.document.data["a"] == 1
    assert "first defined on line 1" in result.diagnostics[0].message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: \xff\n", (1, 4, "PG002")),
        (b"a: ok\nb: caf\xc3\n", (2, 7, "PG002")),
        (b"\xff\xfea\x00:\x00", (1, 1, "PG002")),
        (b"\xfe\xff\x00a", (1, 1, "PG002")),
        (b"a: 1\nb: \x00\x01\x02", (2, 4, "PG002")),
    ],
    ids=["invalid-utf8", "truncated-utf8", "utf16-le-bom", "utf16-be-bom", "nul-bytes"],
)
def test_undecodable_bytes_are_unreadable(raw: bytes, expected: tuple[int, int, str]) -> None:
    result = load_bytes(raw, "spec.yaml")
    assert result.unreadable
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [expected]


def test_file_over_the_size_limit_is_refused_without_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(loading, "MAX_SPEC_BYTES", 100)
    result = load_bytes(b"a: " + b"x" * 200, "big.yaml")
    assert result.unreadable and result.diagnostics[0].code == "PG003"


def test_load_path_reads_at_most_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_SPEC_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * 10_000)
    assert load_path(big).diagnostics[0].code == "PG003"


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    result = load_path(tmp_path / "absent.yaml")
    assert result.unreadable and result.diagnostics[0].code == "PG001"


def test_alias_bomb_stops_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    result = load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert time.perf_counter() - started < 2
    assert result.document is None
    assert result.diagnostics[0].code == "PG017"


def _nested(style: str, depth: int) -> str:
    if style == "flow-sequences":
        return "a: " + "[" * depth + "]" * depth + "\n"
    if style == "flow-mappings":
        return "a: " + "{a: " * depth + "1" + "}" * depth + "\n"
    if style == "spaced-flow":
        return "a: " + "[ " * depth + "]" * depth + "\n"
    if style == "block-sequences":
        return "- " * depth + "x\n"
    return "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "v\n"


#: Where each style opens its 64th level below the top (the first past the limit).
_CROSSED = {
    "flow-sequences": (1, 67),
    "flow-mappings": (1, 256),
    "spaced-flow": (1, 130),
    "block-sequences": (1, 129),
    "block-mappings": (65, 65),
}
_PARSERS = {"libyaml": getattr(yaml, "CSafeLoader", yaml.SafeLoader), "python": yaml.SafeLoader}


@pytest.mark.parametrize("parser", sorted(_PARSERS))
@pytest.mark.parametrize("style", sorted(_CROSSED))
@pytest.mark.parametrize("depth", [65, 999, 1000, 1001, 20_000])
def test_nesting_past_the_limit_is_pg016_where_it_is_crossed(
    monkeypatch: pytest.MonkeyPatch, parser: str, style: str, depth: int
) -> None:
    # libyaml 0.2.5+ (PyYAML >= 6.0.4) refuses 1000 levels with its own scanner error, older
    # builds and the pure-Python parser do not; the finding must not depend on which one runs.
    monkeypatch.setattr(loading, "_Loader", _PARSERS[parser])
    if style == "block-mappings" and depth > 1001:
        depth = 1001  # 20,000 indented lines is 200 MB of spaces; the shape is the same
    result = load_text(_nested(style, depth), "deep.yaml")
    assert result.document is None
    found = [(d.line, d.column, d.code) for d in result.diagnostics]
    assert found == [(*_CROSSED[style], "PG016")]
    assert f"more than {loading.MAX_DEPTH} levels" in result.diagnostics[0].message


def test_deep_flow_nesting_is_refused_in_bounded_time() -> None:
    # The event walk stops at the limit; libyaml's parser would otherwise slow down with depth.
    started = time.perf_counter()
    result = load_text(_nested("flow-sequences", 200_000), "deep.yaml")
    assert time.perf_counter() - started < 2
    assert [d.code for d in result.diagnostics] == ["PG016"]


def test_libyaml_limit_after_other_findings_keeps_them(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a: 1\na: 2\nb: " + "[" * 1200 + "]" * 1200 + "\n"
    expected = [(2, 1, "PG011"), (3, 67, "PG016")]
    for parser in _PARSERS.values():
        monkeypatch.setattr(loading, "_Loader", parser)
        assert [(d.line, d.column, d.code) for d in load_text(text, "s.yaml").diagnostics] == (
            expected
        )


def test_deep_nesting_after_multibyte_text_is_positioned_in_characters() -> None:
    text = "title: «Étude» 研究\nb: " + "[" * 3000 + "\n"
    assert codes(text) == [(2, 67, "PG016")]


def test_nesting_within_the_limit_loads() -> None:
    depth = loading.MAX_DEPTH - 1
    result = load_text("a: " + "[" * depth + "]" * depth + "\n", "ok.yaml")
    assert result.diagnostics == [] and result.document is not None
