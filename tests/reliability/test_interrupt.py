"""Ctrl-C during any command that works through many specs: exit code 130, one line on
standard error, no traceback, no worker process left, no partial or temporary -o file.

The real CLI runs in its own process group and gets SIGINT as a terminal's Ctrl-C sends it
(to the whole group) once it is known to be busy: after its first line of output, or once
it has opened a named pipe placed among its inputs. Nobody writes to that pipe, so the run
can never finish before the signal comes, however fast or loaded the machine.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.abc
import json
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from protocolgen import api
from protocolgen.cli import main
from protocolgen.parallel import ordered_map
from tests.conftest import SPECS
from tests.reliability.helpers import start

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ctgov"
#: Generous: the machine has two cores shared with other test suites.
TIMEOUT = 60


def _copies(folder: Path, count: int) -> Path:
    """``count`` specs (copies of the seeds) in ``folder``."""
    folder.mkdir()
    seeds = sorted(SPECS.glob("*.yaml"))
    for number in range(count):
        seed = seeds[number % len(seeds)]
        shutil.copy(seed, folder / f"{number:03d}-{seed.name}")
    return folder


def _stuck(path: Path) -> Path:
    """A named pipe that nobody writes to: reading it waits until the reader is stopped."""
    os.mkfifo(path)
    return path


class Run:
    """The CLI in its own process group, its standard output drained as it comes (a full
    pipe would stop it before it gets where the test waits for it)."""

    def __init__(self, *args: str) -> None:
        self.process = start(*args)
        self.stdout = bytearray()
        self.line = threading.Event()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        assert self.process.stdout is not None
        out = self.process.stdout.fileno()
        for chunk in iter(lambda: os.read(out, 65536), b""):
            self.stdout += chunk
            if b"\n" in chunk:
                self.line.set()
        self.line.set()  # end of output

    def busy(self) -> None:
        """Wait for the first whole line of output: the run is under way."""
        assert self.line.wait(TIMEOUT), "no output within the timeout"
        assert b"\n" in self.stdout, "the run ended before it printed a line"

    def interrupt(self) -> tuple[int, bytes, str]:
        """Ctrl-C; the exit code, all standard output and standard error. Fails if a
        process of the run is left (after 5 s, for a slow machine to reap it)."""
        assert self.process.stderr is not None
        os.killpg(self.process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
        code = self.process.wait(TIMEOUT)
        self.reader.join(TIMEOUT)
        deadline = time.monotonic() + 5
        while _live_processes(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _live_processes(self.process.pid) == [], "a process outlived the run"
        return code, bytes(self.stdout), self.process.stderr.read().decode()

    def end(self) -> None:
        """Never leave a hung run behind, whatever the test found."""
        if self.process.poll() is None or _live_processes(self.process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(TIMEOUT)


@pytest.fixture
def run() -> Iterator[Callable[..., Run]]:
    """Start the CLI with the given arguments; every run is ended at teardown."""
    runs: list[Run] = []

    def starter(*args: str) -> Run:
        runs.append(Run(*args))
        return runs[-1]

    yield starter
    for each in runs:
        each.end()


def _opened_by_reader(fifo: Path, reader: int | None = None) -> int:
    """Wait until the run opens ``fifo`` for reading; our end (returned) stays open so
    that its read waits instead of seeing end-of-file.

    With ``reader`` (the process that gets the SIGINT), also wait until it is blocked in
    that read: a signal that comes between the open and the read is handled before the
    read starts, and then Python's handler cannot interrupt it (the interpreter checks for
    signals between bytecodes and when a system call is interrupted, not in between).
    """
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            ours = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:  # ENXIO: no reader yet
            assert time.monotonic() < deadline, "the run never reached the named pipe"
            time.sleep(0.02)
    if reader is not None:  # wchan: where the kernel has it waiting (Linux)
        wchan, deadline = Path(f"/proc/{reader}/wchan"), time.monotonic() + 5
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if "pipe_read" in wchan.read_text():
                    break
            time.sleep(0.01)
    return ours


def _live_processes(group: int) -> list[int]:
    """Processes of process group ``group`` that are still running (zombies excluded)."""
    proc = Path("/proc")
    if not proc.is_dir():  # pragma: no cover - macOS: any process of the group counts
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return []
        return [group]
    found = []
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _assert_interrupted(code: int, stdout: bytes, stderr: str) -> str:
    assert code == 130, stderr
    assert "Traceback" not in stderr and b"Traceback" not in stdout
    assert "Aborted" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted"), stderr
    return lines[0]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("moment", ["checking", "reading"])
def test_ctrl_c_during_validate_exits_130_and_writes_no_output_file(
    tmp_path: Path, run: Callable[..., Run], jobs: str, moment: str
) -> None:
    """``checking``: Ctrl-C as soon as findings appear, the pipe comes last; ``reading``:
    once the pipe (after 100 specs) is being read, with -j 2 by a worker that would never
    finish by itself: it must be terminated, not waited for."""
    first = _copies(tmp_path / "a", 100)
    then = _copies(tmp_path / "b", 200)
    stuck = _stuck(tmp_path / "stuck.yaml")
    order = [first, then, stuck] if moment == "checking" else [first, stuck, then]
    validate = run("validate", *map(str, order), "-j", jobs,
                   "--format", "json", "-o", str(tmp_path / "found.json"), "--format", "text")
    validate.busy()
    reader = validate.process.pid if jobs == "1" else None  # else a worker, which ignores it
    ours = _opened_by_reader(stuck, reader) if moment == "reading" else None
    try:
        code, stdout, stderr = validate.interrupt()
    finally:
        if ours is not None:
            os.close(ours)
    line = _assert_interrupted(code, stdout, stderr)
    assert "no --output-file was written" in line
    # Neither the findings file nor its temporary file (.found.json.<random>.tmp).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "stuck.yaml"]


def test_ctrl_c_during_coverage_exits_130(tmp_path: Path, run: Callable[..., Run]) -> None:
    first, then = _copies(tmp_path / "a", 5), _copies(tmp_path / "b", 5)
    stuck = _stuck(tmp_path / "stuck.yaml")
    coverage = run("coverage", str(first), str(stuck), str(then))
    ours = _opened_by_reader(stuck, coverage.process.pid)
    try:
        code, stdout, stderr = coverage.interrupt()
    finally:
        os.close(ours)
    _assert_interrupted(code, stdout, stderr)
    assert stdout == b""  # the table is printed only for a complete run


def test_ctrl_c_during_a_bulk_import_leaves_only_whole_specs(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    records = tmp_path / "records"
    records.mkdir()
    files = sorted(FIXTURES.glob("NCT*.json"))
    studies = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    # The registration only (the results of some records are megabytes): quick to write.
    studies = [{"protocolSection": s["protocolSection"]} for s in studies if "protocolSection" in s]
    for number in range(200):  # distinct NCT ids, so that each one is written
        study = copy.deepcopy(studies[number % len(studies)])
        study["protocolSection"]["identificationModule"]["nctId"] = f"NCT9{number:07d}"
        (records / f"{number:03d}.json").write_text(json.dumps(study), encoding="utf-8")
    out = tmp_path / "out"
    bulk = run("import", "ctgov", str(records), "-o", str(out))
    bulk.busy()  # a study's import findings: the import is under way
    code, stdout, stderr = bulk.interrupt()
    line = _assert_interrupted(code, stdout, stderr)
    assert "not every record was imported" in line
    written = list(out.iterdir())
    assert 0 < len(written) < 200  # it stopped early
    for spec in written:  # no temporary file; each spec whole
        assert spec.suffix == ".yaml", spec.name
        assert "identification" in yaml.safe_load(spec.read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", [
    ["validate"], ["coverage"], ["export", "prs", "--org-name", "Org"], ["export", "usdm"],
])
def test_every_command_over_specs_turns_ctrl_c_into_exit_130(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(source: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "load", interrupted)
    result = CliRunner().invoke(main, [*command, str(SPECS / "ra-uc-msc.yaml")])
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.output
    assert "Aborted" not in result.output


def _first_or_wait(item: int) -> int:
    if item:
        time.sleep(TIMEOUT)  # a spec that takes for ever
    return item


def _nothing() -> None:
    """Worker set-up with nothing to set up."""


@pytest.fixture
def busy_pool() -> Iterator[Generator[int, None, None]]:
    """``ordered_map`` over work whose every item but the first never ends."""
    results = ordered_map(_first_or_wait, [0, 1, 2, 3], 2, setup=_nothing)
    yield results
    results.close()


def test_closing_the_results_early_ends_the_workers_at_once(
    busy_pool: Generator[int, None, None],
) -> None:
    import multiprocessing

    assert next(busy_pool) == 0
    workers = multiprocessing.active_children()
    assert workers
    started = time.monotonic()
    busy_pool.close()
    assert time.monotonic() - started < TIMEOUT / 2  # did not wait for the work
    assert not any(worker.is_alive() for worker in workers)


def test_a_spec_interrupted_while_written_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from protocolgen.interop import yaml_writer

    def interrupted(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(yaml_writer.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        yaml_writer.write_atomic(tmp_path / "NCT00000001.yaml", "spec_version: 1\n")
    assert list(tmp_path.iterdir()) == []


class _InterruptedImport(importlib.abc.MetaPathFinder):
    """Ctrl-C while ``protocolgen.cli`` is being imported (start-up takes a moment)."""

    def find_spec(self, name: str, *args: object) -> None:
        if name == "protocolgen.cli":
            raise KeyboardInterrupt


def test_ctrl_c_while_the_command_line_is_imported_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from protocolgen.__main__ import run

    monkeypatch.delitem(sys.modules, "protocolgen.cli")
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport(), *sys.meta_path])
    with pytest.raises(SystemExit) as stopped:
        run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "interrupted\n"
