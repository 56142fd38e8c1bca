"""`protocolgen validate -j N`: speed-up over one process, and the batch size from which
using every core pays (``api.PARALLEL_THRESHOLD``).

Run from the repository root after ``bench/make_corpus.py``::

    .venv/bin/python bench/bench_parallel.py                  # 10 … 1000 specs, -j 1 vs -j 2
    .venv/bin/python bench/bench_parallel.py --counts 1000 --repeat 5

Each run is ``protocolgen validate FILES -j N`` as a subprocess (start-up and worker pool
included), standard output to /dev/null; best of ``--repeat`` wall-clock times, the ``-j 1``
and ``-j N`` runs alternating. The output of ``-j 1`` and ``-j N`` is compared byte for
byte on the largest batch.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
TOOL = str(Path(sys.executable).parent / "protocolgen")


def timed(files: list[str], jobs: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([TOOL, "validate", *files, "-j", str(jobs)], stdout=subprocess.DEVNULL,
                       check=False, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


def timed_pair(files: list[str], jobs: int, repeat: int) -> tuple[float, float]:
    """Least wall-clock time of ``-j 1`` and of ``-j jobs``, the runs alternating so that a
    slower or faster spell of a shared machine falls on both alike."""
    one = many = float("inf")
    for _ in range(repeat):
        one = min(one, timed(files, 1, 1))
        many = min(many, timed(files, jobs, 1))
    return one, many


def output(files: list[str], jobs: int) -> bytes:
    argv = [TOOL, "validate", *files, "-j", str(jobs), "--format", "json"]
    return subprocess.run(argv, capture_output=True, check=False, cwd=ROOT).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", default="10,20,40,80,160,1000")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = sorted(str(p.relative_to(ROOT)) for p in CORPUS.glob("*.yaml"))
    counts = [int(c) for c in args.counts.split(",")]
    print(f"load average at start: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"| specs | -j 1 (s) | -j {args.jobs} (s) | speed-up |")
    print("|---:|---:|---:|---:|")
    for count in counts:
        one, many = timed_pair(files[:count], args.jobs, args.repeat)
        print(f"| {count} | {one:.2f} | {many:.2f} | {one / many:.2f}× |", flush=True)
    same = output(files[: max(counts)], 1) == output(files[: max(counts)], args.jobs)
    print(f"output of -j 1 and -j {args.jobs} identical: {same}")
    print(f"load average at end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
