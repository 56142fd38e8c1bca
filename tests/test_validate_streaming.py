"""`validate` over many specs: reports stream out one spec at a time, and `-j N` gives the
same output as one process. (Memory and speed are measured in bench/, not here.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen import api
from protocolgen.cli import main
from tests.conftest import MINIMAL_SPEC, SPECS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Seeds, a broken spec, an unreadable one and a configuration file with a finding
    that every spec below it shares (reported once, with the first spec)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for copy in range(3):
        for seed in sorted(SPECS.glob("*.yaml")):
            shutil.copy(seed, specs / f"{copy}-{seed.name}")
    (specs / "broken.yaml").write_text(MINIMAL_SPEC.replace("sex: ALL", "sex: BOTH"))
    (specs / "binary.yaml").write_bytes(b"\xff\xfe\x00\x00binary")
    (specs / "protocolgen.toml").write_text('ignores = ["PG422"]\n')
    return specs


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "csv"])
def test_two_processes_give_the_same_output_as_one(folder: Path, fmt: str) -> None:
    one = _run(str(folder), "--format", fmt, "-j", "1")
    two = _run(str(folder), "--format", fmt, "-j", "2")
    assert one == two
    assert one[0] == 2  # the unreadable file decides the exit code in both


def test_a_shared_configuration_finding_is_reported_once(folder: Path) -> None:
    code, out = _run(str(folder), "-j", "2")
    assert code == 2
    assert out.count("PG802") == 1
    assert "17 files checked" in out


def test_every_format_to_its_file_while_streaming(folder: Path, tmp_path: Path) -> None:
    outputs = [tmp_path / "out.json", tmp_path / "out.sarif", tmp_path / "out.txt"]
    code, out = _run(
        str(folder), "--format", "json", "--format", "sarif", "--format", "text",
        "-o", str(outputs[0]), "-o", str(outputs[1]), "-o", str(outputs[2]),
    )
    assert (code, out) == (2, "")
    findings = json.loads(outputs[0].read_text())
    assert findings["summary"]["files"] == 17
    results = json.loads(outputs[1].read_text())["runs"][0]["results"]
    assert len(results) == sum(len(f["diagnostics"]) for f in findings["files"])
    assert outputs[2].read_text().endswith(" (1 unreadable)\n")
    assert not list(tmp_path.glob(".*.tmp"))


def test_reports_come_one_at_a_time_without_the_specs(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = api.check_source

    def spy(source: str, **options: object) -> api.Checked:
        checked.append(source)
        return real(source, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "check_source", spy)
    sources = api.discover([str(folder)])
    reports = api.iter_check(sources)
    first = next(reports)
    assert checked == sources[:1]  # nothing beyond the first spec was read yet
    assert first.path == sources[0]
    assert [r.path for r in reports] == sources[1:]


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_written_in_pieces_is_one_well_formed_document(
    folder: Path, tmp_path: Path, fmt: str
) -> None:
    clean = tmp_path / "clean.yaml"
    clean.write_text(MINIMAL_SPEC)
    for target in (folder, clean):  # many findings, and none at all
        _, out = _run(str(target), "--format", fmt)
        assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


class _Result:
    """A result object whose lifetime the test follows (pickled back from a worker)."""

    def __init__(self, n: int) -> None:
        self.n = n


def _make(n: int) -> _Result:
    return _Result(n)


def _no_setup() -> None:
    pass


def test_worker_results_are_freed_once_handed_over() -> None:
    import gc
    import weakref

    from protocolgen.parallel import ordered_map

    alive: list[weakref.ref[_Result]] = []
    kept_at_the_end: list[int] = []
    for result in ordered_map(_make, range(600), 2, setup=_no_setup):
        alive.append(weakref.ref(result))
        if result.n == 599:
            gc.collect()
            kept_at_the_end = [r.n for r in (ref() for ref in alive[:500]) if r is not None]
        del result
    # While the last results arrive, the first 500 (handed over long before) are gone.
    assert kept_at_the_end == []
    assert len(alive) == 600
