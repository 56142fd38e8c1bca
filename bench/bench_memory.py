"""Peak memory of `protocolgen build` over many PDFs: does it grow with the batch?

Issue goal: the peak resident memory of a build of 200 PDFs is at most 1.3x that of a
build of 10. The build runs as a subprocess (with its worker pool); this script samples the
summed RSS of the whole process tree from /proc every 20 ms and reports the peak.

Run: .venv/bin/python bench/bench_memory.py [--small 10] [--large 200] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTOCOLGEN = [sys.executable, "-m", "protocolgen"]


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of ``pid`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/statm", encoding="utf-8") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
    return total


def make_specs(folder: Path, count: int) -> None:
    """``count`` specs copied round-robin from specs/ under distinct names."""
    seeds = sorted((ROOT / "specs").glob("*.yaml"))
    folder.mkdir(parents=True)
    for n in range(count):
        source = seeds[n % len(seeds)]
        shutil.copyfile(source, folder / f"{source.stem}-{n:04d}.yaml")


def peak_build(specs: Path, out: Path, jobs: int) -> tuple[float, int]:
    """Wall time and peak tree RSS of one PDF-only build."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [*PROTOCOLGEN, "build", str(specs), "-o", str(out), "--to", "pdf", "-j", str(jobs)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "CI": "true"},
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.02)
    if process.returncode not in (0, 1):
        raise SystemExit(f"build failed with exit code {process.returncode}")
    return time.perf_counter() - started, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for count in (args.small, args.large):
            specs = Path(tmp) / f"specs-{count}"
            make_specs(specs, count)
            seconds, peak = peak_build(specs, Path(tmp) / f"out-{count}", args.jobs)
            rows.append((count, seconds, peak))
    print("| PDFs | jobs | wall time | per PDF | peak RSS (process tree) |")
    print("|---:|---:|---:|---:|---:|")
    for count, seconds, peak in rows:
        print(f"| {count} | {args.jobs} | {seconds:.1f} s | {seconds / count * 1000:.0f} ms "
              f"| {peak / 2**20:.0f} MiB |")
    ratio = rows[1][2] / rows[0][2]
    verdict = "met" if ratio <= 1.3 else "NOT met"
    print(f"\npeak memory {args.large} / {args.small} PDFs: {ratio:.2f}x (goal <= 1.3x: {verdict})")


if __name__ == "__main__":
    main()
