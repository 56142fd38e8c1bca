"""Benchmark the schedule of activities at sizes real trials reach: time and memory per PDF.

Run: ``.venv/bin/python bench/bench_soa.py [--sizes 60x80,200x200] [--repeat 3]``.
Figures and their reading are in docs/benchmarks.md.

For each VISITSxACTIVITIES size a spec is generated from the rich fixture
(``tests/render/fixtures/rich-soa.yaml``): that many visits a week apart with ±2-day windows,
and that many activities, each done at every third visit. Each size is rendered in a fresh
process (so peak memory is the PDF's own) by the full ``PdfRenderer`` and, side by side, by
bare WeasyPrint laying out the same HTML (the floor any renderer on WeasyPrint pays). The
process's peak RSS (``ru_maxrss``) is reported with the wall time and the CPU time (the
machine is shared: CPU time is the steadier figure when it is loaded).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/bench"]
from bench_soa import spec
from protocolgen.render.pdf import PdfRenderer
from protocolgen.resources import data_dir
visits, activities, mode = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
data = spec(visits, activities)
renderer = PdfRenderer([data_dir("templates")])
html = renderer.render_html(data, [])
start, cpu = time.perf_counter(), time.process_time()
if mode == "full":
    pdf = renderer.render(data, [])
else:
    from weasyprint import CSS, HTML
    css = CSS(filename=str(data_dir("templates") / "synopsis.css"))
    pdf = HTML(string=html).write_pdf(stylesheets=[css])
took, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": took, "cpu": cpu, "rss_mb": peak, "bytes": len(pdf)}))
"""


def spec(visits: int, activities: int) -> dict[str, Any]:
    """The rich fixture with a generated ``visits`` × ``activities`` schedule."""
    import yaml

    data: dict[str, Any] = yaml.safe_load(
        (ROOT / "tests/render/fixtures/rich-soa.yaml").read_text(encoding="utf-8"))
    schedule = data["schedule"]
    schedule["visits"] = [
        {"id": f"V{n}", "name": f"Visit {n}",
         "epoch": schedule["epochs"][min(n * 3 // visits, 2)]["id"],
         "timing": {"value": 7 * n, "unit": "DAYS"},
         **({"window": {"before": 2, "after": 2, "unit": "DAYS"}} if n else {})}
        for n in range(visits)
    ]
    schedule["anchor"] = "V0"
    schedule["activities"] = [
        {"id": f"A{k}", "name": f"Procedure {k} with a descriptive name", "group": f"Group {k % 5}",
         "visits": [f"V{n}" for n in range(k % 3, visits, 3)]}
        for k in range(activities)
    ]
    schedule.pop("footnotes", None)
    for group in data["outcomes"].values():
        for o in group:
            o["visits"] = ["V0"]
    return data


def run(visits: int, activities: int, mode: str) -> dict[str, float]:
    command = [sys.executable, "-c", CHILD, str(ROOT), str(visits), str(activities), mode]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="60x80,200x200")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'size':>9} {'mode':>5} {'wall s':>7} {'CPU s':>6} {'peak MB':>8} {'PDF KB':>7}")
    for size in args.sizes.split(","):
        visits, activities = (int(x) for x in size.split("x"))
        for mode in ("full", "bare"):
            runs = [run(visits, activities, mode) for _ in range(args.repeat)]
            print(f"{size:>9} {mode:>5} {statistics.median(r['seconds'] for r in runs):7.2f} "
                  f"{statistics.median(r['cpu'] for r in runs):6.2f} "
                  f"{max(r['rss_mb'] for r in runs):8.0f} {runs[0]['bytes'] / 1024:7.0f}")


if __name__ == "__main__":
    main()
