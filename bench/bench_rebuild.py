"""Benchmark changed-only builds: a no-op rebuild and a one-spec rebuild against a full build.

Run from the repository root (after ``.venv/bin/python bench/make_corpus.py``)::

    .venv/bin/python bench/bench_rebuild.py                  # 100 specs, every format
    .venv/bin/python bench/bench_rebuild.py --to md,html,txt --count 100

Issue goal: a no-op rebuild of 100 specs takes at most 5 % of a full build, and changing one
spec renders only that one. The specs are the first ``--count`` corpus specs without error
findings (a spec with errors is never rendered, so it would flatter the full build), copied to
a temporary folder. Every build runs ``python -m protocolgen build`` as a subprocess, start-up
and worker pool included, as a person or CI would run it. Figures are the best of
``--repeat`` runs (the full build, which takes a minute with PDFs, runs once).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
PROTOCOLGEN = [sys.executable, "-m", "protocolgen"]
SUMMARY = re.compile(r"Rendered (\d+) of (\d+) specs(?: \((\d+) up to date\))?")


def pick_specs(count: int, into: Path) -> list[Path]:
    """Copy the first ``count`` corpus specs that have no error findings into ``into``."""
    sys.path.insert(0, str(ROOT))
    from protocolgen import api

    picked = []
    for path in sorted(CORPUS.glob("*.yaml")):
        if not api.check_source(str(path)).report.has_errors:
            picked.append(Path(shutil.copy(path, into / path.name)))
            if len(picked) == count:
                return picked
    raise SystemExit(f"only {len(picked)} error-free specs in {CORPUS}; run make_corpus.py")


def build(specs: Path, out: Path, formats: str, *extra: str) -> tuple[float, tuple[int, int]]:
    """Seconds one ``protocolgen build`` took, and (rendered, up to date) from its summary."""
    argv = [*PROTOCOLGEN, "build", str(specs), "-o", str(out), "--to", formats, *extra]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=ROOT)
    seconds = time.perf_counter() - start
    found = SUMMARY.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds, (int(found.group(1)), int(found.group(3) or 0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="number of specs (default 100)")
    parser.add_argument("--to", default="md,html,txt,pdf", help="formats (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per rebuild (best kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        specs, out = Path(tmp) / "specs", Path(tmp) / "out"
        specs.mkdir()
        files = pick_specs(args.count, specs)
        full, (rendered, _) = build(specs, out, args.to, "--no-cache")
        assert rendered == args.count, f"full build rendered {rendered} specs"
        noop = []
        for _ in range(args.repeat):
            seconds, counts = build(specs, out, args.to)
            assert counts == (0, args.count), f"no-op rebuild rendered {counts[0]} specs"
            noop.append(seconds)
        one = []
        for number in range(args.repeat):
            with files[number].open("a", encoding="utf-8") as handle:
                handle.write(f"# edited for bench_rebuild run {number}\n")
            seconds, counts = build(specs, out, args.to)
            assert counts == (1, args.count - 1), f"one-spec rebuild rendered {counts[0]}"
            one.append(seconds)
    print(f"{args.count} specs, --to {args.to}")
    print(f"full build (--no-cache)      {full:8.2f} s")
    print(f"no-op rebuild                {min(noop):8.2f} s   {min(noop) / full:6.1%} of full")
    print(f"one spec changed             {min(one):8.2f} s   {min(one) / full:6.1%} of full")


if __name__ == "__main__":
    main()
