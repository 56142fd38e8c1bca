"""Benchmark ClinicalTrials.gov import and export.

Run: ``.venv/bin/python bench/bench_ctgov.py``. Prints the median of repeated runs for
import + YAML writing + validate of the largest fixture (NCT02513394: 1.5 MB, 437 sites) and
for the export of every seed spec. Figures go in docs/ctgov.md ("Performance").
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from protocolgen import api
from protocolgen.interop import ctgov
from protocolgen.interop.ctgov.writer import export_spec

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "fixtures" / "ctgov" / "NCT02513394.json"
SPECS = sorted((ROOT / "specs").glob("*.yaml"))


def median_ms(action: Callable[[], object], repeat: int = 15) -> float:
    """Median wall time of ``action`` in milliseconds (one warm-up run first)."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def import_only() -> None:
            ctgov.import_record(str(RECORD), out)

        def import_and_validate() -> None:
            report = ctgov.import_record(str(RECORD), out)
            api.check_source(str(report.written[0]))

        alone = median_ms(import_only)
        print(f"import NCT02513394 (read, map, write, self-check): {alone:7.1f} ms")
        total = median_ms(import_and_validate)
        print(f"import + validate NCT02513394:                      {total:7.1f} ms")
    for spec in SPECS:
        data = api.check_source(str(spec)).document
        assert data is not None
        mapped = median_ms(lambda d=data.data: export_spec(d), repeat=200)
        full = median_ms(lambda s=str(spec): ctgov.export_file(s), repeat=50)
        print(f"export {spec.stem:34s} map {mapped:6.2f} ms   check + map {full:6.2f} ms")


if __name__ == "__main__":
    main()
