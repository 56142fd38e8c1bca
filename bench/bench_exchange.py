"""Benchmark the USDM and PRS exchange formats as a user runs them (a fresh process each).

Run: ``.venv/bin/python bench/bench_exchange.py``. Each figure is the median wall time of
repeated ``python -m protocolgen …`` runs, start-up included, next to the floor it cannot
beat: the interpreter starting and reading the same JSON with the standard library
(``json.load``), and ``protocolgen validate`` of the same specs (export checks every spec
first). Goals (issue #12): USDM import or export of the CDISC Pilot study (1 MB) ≤ 1 s;
PRS export of 100 specs to one file ≤ 2 s. Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PILOT = ROOT / "tests" / "fixtures" / "usdm" / "CDISC_Pilot_Study.json"
SEEDS = sorted((ROOT / "specs").glob("*.yaml"))


def median_s(command: list[str], repeat: int = 7) -> float:
    """Median wall time of ``command`` in seconds (one warm-up run first); it must succeed."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(label: str, seconds: float) -> None:
    print(f"{label:62s} {seconds * 1000:8.0f} ms")


def main() -> None:
    py = [sys.executable]
    pg = [*py, "-m", "protocolgen"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        spec = out / "pilot.yaml"
        row(
            "floor: python -c 'json.load(Pilot)'",
            median_s([*py, "-c", f"import json; json.load(open({str(PILOT)!r}))"]),
        )
        row("floor: protocolgen --version (start-up)", median_s([*pg, "--version"]))
        row(
            "import usdm CDISC_Pilot_Study.json -o pilot.yaml",
            median_s([*pg, "import", "usdm", str(PILOT), "-o", str(spec)]),
        )
        row(
            "export usdm pilot.yaml -o pilot.usdm.json",
            median_s([*pg, "export", "usdm", str(spec), "-o", str(out / "p.json")]),
        )
        corpus = out / "corpus"
        corpus.mkdir()
        for n in range(100):
            seed = SEEDS[n % len(SEEDS)]
            shutil.copy(seed, corpus / f"{seed.stem}-{n:03d}.yaml")
        specs = [str(p) for p in sorted(corpus.glob("*.yaml"))]
        row(
            "floor: validate 100 specs",
            median_s([*pg, "validate", "--exit-zero", *specs], repeat=5),
        )
        xml = str(out / "upload.xml")
        row(
            "export prs 100 specs --org-name X -o upload.xml",
            median_s([*pg, "export", "prs", *specs, "--org-name", "X", "-o", xml], repeat=5),
        )


if __name__ == "__main__":
    main()
