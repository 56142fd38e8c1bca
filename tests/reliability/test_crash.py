"""Crash safety of ``build`` (issue §3): SIGKILL at several moments, two builds at once,
Ctrl-C with a worker pool. Every run is ``python -m protocolgen`` in its own process group.

The longer randomized kill loop is ``bench/crash_build.py`` (counts in docs/reliability.md).
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from protocolgen import cache
from tests.reliability.helpers import ROOT, check_manifest, check_tree, run, start

SEEDS = ["lupus-uc-msc", "ra-uc-msc", "covid19-uc-msc"]
ALL = ["--to", "md,html,txt,pdf"]


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("specs")
    for name in SEEDS:
        shutil.copy(ROOT / "specs" / f"{name}.yaml", folder / f"{name}.yaml")
    return folder


@pytest.fixture(scope="module")
def reference(specs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """A clean build of ``specs`` and how long it took (to spread the kill times over)."""
    out = tmp_path_factory.mktemp("reference") / "out"
    began = time.monotonic()
    done = run("build", str(specs), "-o", str(out), *ALL, "-j", "2")
    assert done.returncode == 0, done.stderr
    return out, time.monotonic() - began


def summaries(out: Path) -> dict[str, bytes]:
    """The text outputs (byte-deterministic, unlike a PDF's producer metadata)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name.startswith(("summary.", "index."))
    }


def test_sigkill_at_several_moments_never_leaves_a_half_written_file(
    specs: Path, reference: tuple[Path, float], tmp_path: Path
) -> None:
    ref_out, duration = reference
    out = tmp_path / "out"
    temps_seen = 0
    for fraction in (0.35, 0.6, 0.85):  # successive kills into the same folder
        process = start("build", str(specs), "-o", str(out), *ALL, "-j", "2", "--no-cache")
        time.sleep(duration * fraction)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        if out.exists():
            temps_seen += len(check_tree(out))  # complete files under every final name
            for name, data in summaries(out).items():
                if name != "index.html":
                    assert data == summaries(ref_out)[name], name
    repaired = run("build", str(specs), "-o", str(out), *ALL, "-j", "2")
    assert repaired.returncode == 0, repaired.stderr
    assert check_tree(out) == []  # the stale temporary files of the killed runs are gone
    assert summaries(out) == summaries(ref_out)
    assert sorted(p.relative_to(out) for p in out.rglob("*.pdf")) == sorted(
        p.relative_to(ref_out) for p in ref_out.rglob("*.pdf")
    )
    check_manifest(out)


def test_stale_temporary_files_are_removed_by_the_next_build(
    specs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("build", str(specs), "-o", str(out), "--to", "md").returncode == 0
    stale = [out / ".index.html.a1b2c3d4.tmp", out / "ra-uc-msc" / ".summary.md.x_y9z8w7.tmp"]
    mine = [out / "ra-uc-msc" / ".notes.txt.abcdefgh.tmp", out / "ra-uc-msc" / "keep.tmp"]
    for path in stale + mine:
        path.write_text("half")
    assert run("build", str(specs), "-o", str(out), "--to", "md").returncode == 0
    assert [p.exists() for p in stale + mine] == [False, False, True, True]


def test_two_builds_at_once_end_consistent(
    specs: Path, reference: tuple[Path, float], tmp_path: Path
) -> None:
    """The second build waits for the folder lock, then finds everything up to date."""
    ref_out, _ = reference
    out = tmp_path / "out"
    first = start("build", str(specs), "-o", str(out), *ALL, "-j", "1", "--no-cache")
    time.sleep(0.3)
    second = start("build", str(specs), "-o", str(out), *ALL, "-j", "1")
    results = [(*p.communicate(timeout=60), p.returncode) for p in (first, second)]
    assert [code for _, _, code in results] == [0, 0], results
    assert b"Traceback" not in b"".join(err for _, err, _ in results)
    assert check_tree(out) == []
    assert summaries(out) == summaries(ref_out)
    check_manifest(out)
    assert len(list(out.rglob("synopsis.pdf"))) == len(SEEDS)


def test_manifest_of_concurrent_writers_is_never_corrupt(tmp_path: Path) -> None:
    """Without the lock (two folders' runs sharing one manifest path, simulated by saving
    from many threads), atomic replace leaves one whole manifest: last writer wins."""
    import threading

    def save(number: int) -> None:
        for _ in range(20):
            cache.Manifest(tmp_path, {f"s{number}": cache.Entry("k", {"a": "b"})}).save()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache.Manifest.load(tmp_path).entries) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_ctrl_c_with_a_worker_pool_exits_130_promptly_without_traceback(
    specs: Path, tmp_path: Path
) -> None:
    many = tmp_path / "specs"
    many.mkdir()
    for copy in range(4):  # enough PDFs that the pool is busy when Ctrl-C comes
        for spec in specs.iterdir():
            shutil.copy(spec, many / f"{spec.stem}-{copy}.yaml")
    out = tmp_path / "out"
    process = start("build", str(many), "-o", str(out), *ALL, "-j", "2")
    deadline = time.monotonic() + 30
    while not list(out.glob("*/synopsis.pdf")) and time.monotonic() < deadline:
        time.sleep(0.02)  # the workers are rendering PDFs now
    sent = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    stdout, stderr = process.communicate(timeout=30)
    elapsed = time.monotonic() - sent
    assert process.returncode == 130, stderr
    assert elapsed < 5, elapsed
    assert b"interrupted" in stderr
    assert b"Traceback" not in stderr + stdout
    assert len(list(out.glob("*/synopsis.pdf"))) < 4 * len(SEEDS)  # it did stop early
    check_tree(out)  # whatever was written is whole
