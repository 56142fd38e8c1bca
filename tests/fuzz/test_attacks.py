"""Hostile inputs fail safely, end to end through `protocolgen validate` (issue §2).

tests/test_loading.py covers the loader unit by unit; here each attack goes through the
command a user runs (Click's runner, and ``python -m protocolgen`` in a subprocess for a
few), asserting the exit code, the finding's code and line:col, and the elapsed time.
docs/reliability.md lists them with their measured times.
"""

from __future__ import annotations

import codecs
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC, ROOT

#: Generous bounds: each attack takes well under 0.1 s here; CI machines are slower.
SECONDS = 5.0
MIB = 1024 * 1024


def run(path: Path) -> tuple[int, str, float]:
    """`protocolgen validate PATH` → (exit code, output, seconds)."""
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["validate", str(path)], catch_exceptions=False)
    return result.exit_code, result.output, time.perf_counter() - started


def finding(path: Path, line: int, column: int, code: str) -> str:
    return f"{path}:{line}:{column}: {code} error:"


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# (id, file content, exit code, line, column, code, words in the message)
ATTACKS: list[tuple[str, bytes, int, int, int, str, str]] = [
    ("billion-laughs", billion_laughs().encode(), 1, 6, 26, "PG017", "more than 500,000 values"),
    (
        "nesting-10000-flow-sequences",
        b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        1,
        1,
        67,
        "PG016",
        "nested more than 64 levels",
    ),
    (
        "nesting-10000-flow-mappings",
        b"a: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n",
        1,
        1,
        256,
        "PG016",
        "nested more than 64 levels",
    ),
    (
        "nesting-10000-block-sequences",
        b"- " * 10_000 + b"x\n",
        1,
        1,
        129,
        "PG016",
        "nested more than 64 levels",
    ),
    ("invalid-utf8", b"spec_version: 1\ntitle: caf\xe9\n", 2, 2, 11, "PG002", "not valid UTF-8"),
    (
        "utf16-le-with-bom",
        codecs.BOM_UTF16_LE + MINIMAL_SPEC.encode("utf-16-le"),
        2,
        1,
        1,
        "PG002",
        "encoded as UTF-16",
    ),
    (
        "utf16-be-with-bom",
        codecs.BOM_UTF16_BE + MINIMAL_SPEC.encode("utf-16-be"),
        2,
        1,
        1,
        "PG002",
        "encoded as UTF-16",
    ),
    ("nul-bytes", b"spec_version: 1\n\x00\x00", 2, 2, 1, "PG002", "NUL bytes"),
    (
        "tab-indentation",
        b"spec_version: 1\nidentification:\n\tbrief_title: x\n",
        1,
        3,
        1,
        "PG010",
        "tab character",
    ),
    ("merge-key", b"a: &x {b: 1}\nc:\n  <<: *x\n", 1, 3, 3, "PG014", "merge keys"),
    ("duplicate-key", b"a: 1\nb: 2\na: 3\n", 1, 3, 1, "PG011", "duplicate key 'a'"),
    (
        "python-name-tag",
        b"a: !!python/name:os.system\n",
        1,
        1,
        4,
        "PG014",
        "unsupported YAML tag !!python/name:os.system",
    ),
    (
        "crlf-line-endings",
        MINIMAL_SPEC.replace("sex: ALL", "sex: BOTH").replace("\n", "\r\n").encode(),
        1,
        28,
        8,
        "PG103",
        "'eligibility.sex' must be one of",
    ),
]


@pytest.mark.parametrize(
    ("content", "exit_code", "line", "column", "code", "words"),
    [a[1:] for a in ATTACKS],
    ids=[a[0] for a in ATTACKS],
)
def test_attack_fails_safely_with_a_positioned_finding(
    tmp_path: Path, content: bytes, exit_code: int, line: int, column: int, code: str, words: str
) -> None:
    path = tmp_path / "attack.yaml"
    path.write_bytes(content)
    code_, out, seconds = run(path)
    assert code_ == exit_code, out
    assert finding(path, line, column, code) in out
    assert words in out
    assert seconds < SECONDS


def test_crlf_spec_is_as_clean_as_lf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(MINIMAL_SPEC.replace("\n", "\r\n").encode())
    assert run(path)[:2] == (0, "1 file checked: 0 errors, 0 warnings\n")


def test_utf8_bom_spec_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + MINIMAL_SPEC.encode())
    assert run(path)[0] == 0


# -- tags that would run code if constructed ------------------------------------------------


def _payloads(marker: Path) -> list[str]:
    command = f"touch {marker}"
    return [
        f'a: !!python/object/apply:os.system "{command}"\n',  # not live: apply needs a list
        f'a: !!python/object/apply:os.system ["{command}"]\n',
        f'a: !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n',
        f'!!python/object/apply:os.system ["{command}"]\n',
        f'a: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]\n',
        f'a: &x !!python/object/apply:os.system ["{command}"]\nb: *x\n',
    ]


def test_payloads_are_live(tmp_path: Path) -> None:
    """Control: PyYAML's unsafe loader really runs these payloads (so the next test means
    something). Runs only the harmless `touch` in tmp_path."""
    for n, payload in enumerate(_payloads(tmp_path / "ran")[1:3]):
        marker = tmp_path / f"ran-{n}"
        yaml.unsafe_load(payload.replace(str(tmp_path / "ran"), str(marker)))
        assert marker.exists()


@pytest.mark.parametrize("index", range(6))
def test_python_tags_never_execute(tmp_path: Path, index: int) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "tagged.yaml"
    path.write_text(_payloads(marker)[index], encoding="utf-8")
    code, out, seconds = run(path)
    time.sleep(0.05)  # a spawned `touch` would have finished by now
    assert not marker.exists()
    assert code == 1 and "Traceback" not in out and seconds < SECONDS
    assert "PG014 error: unsupported YAML tag !!python/object/" in out


def test_python_object_tag_on_a_scalar_is_reported(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "tagged.yaml"
    path.write_text(_payloads(marker)[0], encoding="utf-8")
    code, out, _ = run(path)
    assert code == 1
    assert finding(path, 1, 4, "PG014") in out
    assert "unsupported YAML tag !!python/object/apply:os.system" in out
    assert not marker.exists()


# -- a 100 MB file ----------------------------------------------------------------------------


def _write_chunked(path: Path, size: int) -> None:
    chunk = b"- a plausible looking list item of a huge spec\n" * (MIB // 48)
    with path.open("wb") as handle:
        while handle.tell() < size:
            handle.write(chunk)


def test_100_mb_file_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    _write_chunked(path, 100 * MIB)
    tracemalloc.start()
    try:
        code, out, seconds = run(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 2
    assert finding(path, 1, 1, "PG003") in out and "8 MiB limit" in out
    assert seconds < SECONDS
    assert peak < 64 * MIB  # reads at most the 8 MiB limit + 1 byte


def test_100_mb_sparse_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sparse.yaml"
    with path.open("wb") as handle:
        handle.seek(100 * MIB - 1)
        handle.write(b"\n")
    code, out, seconds = run(path)
    assert code == 2 and finding(path, 1, 1, "PG003") in out and seconds < SECONDS


# -- through `python -m protocolgen` ----------------------------------------------------------

#: Runs the real entry point and reports its own peak RSS in KiB on stderr. Linux carries
#: ru_maxrss over from the forking parent (here: pytest) across exec; VmHWM belongs to the
#: new program's memory alone.
_PROBE = (
    "import resource, runpy, sys\n"
    "sys.argv = ['protocolgen', 'validate', sys.argv[1]]\n"
    "def peak():\n"
    "    try:\n"
    "        with open('/proc/self/status') as status:\n"
    "            return next(int(l.split()[1]) for l in status if l.startswith('VmHWM:'))\n"
    "    except (OSError, StopIteration):\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "try:\n"
    "    runpy.run_module('protocolgen', run_name='__main__')\n"
    "finally:\n"
    "    print('maxrss', peak(), file=sys.stderr)\n"
)


def _subprocess(path: Path, *, probe: bool = False) -> tuple[int, str, str, float]:
    args = ["-c", _PROBE, str(path)] if probe else ["-m", "protocolgen", "validate", str(path)]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_subprocess_100_mb_file_peak_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    _write_chunked(path, 100 * MIB)
    code, out, err, seconds = _subprocess(path, probe=True)
    assert code == 2 and finding(path, 1, 1, "PG003") in out
    assert "Traceback" not in err
    peak_kib = int(err.split("maxrss")[-1])
    assert peak_kib * 1024 < 200 * MIB
    assert seconds < 20  # includes interpreter start-up and imports


@pytest.mark.parametrize(
    ("content", "exit_code", "where"),
    [
        (billion_laughs().encode(), 1, (6, 26, "PG017")),
        (b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", 1, (1, 67, "PG016")),
        (b'a: !!python/object/apply:os.system ["touch PWNED"]\n', 1, None),
        (codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le"), 2, (1, 1, "PG002")),
    ],
    ids=["billion-laughs", "nesting-10000", "python-apply-tag", "utf16"],
)
def test_python_dash_m(
    tmp_path: Path, content: bytes, exit_code: int, where: tuple[int, int, str] | None
) -> None:
    path = tmp_path / "attack.yaml"
    path.write_bytes(content)
    code, out, err, seconds = _subprocess(path)
    assert (code, err) == (exit_code, "")
    if where is not None:
        assert finding(path, *where) in out
    assert not (ROOT / "PWNED").exists() and not (tmp_path / "PWNED").exists()
    assert seconds < 20
