"""Benchmark the Word synopsis against the PDF synopsis of the same spec (target ≤ 0.3×).

Run: ``.venv/bin/python bench/bench_docx.py [--repeat 7]``. Figures in docs/benchmarks.md.

For each spec, in one warm process, the median of ``--repeat`` interleaved runs of:
the view model alone; view model + Word writer (``synopsis.docx``, the cost ``build`` pays
for it); view model + Jinja + WeasyPrint (``synopsis.pdf``, with one shared
``PdfRenderer``, as ``build`` uses it); and the schedule of activities as .docx and .xlsx.
Interleaving keeps a busy machine's noise on both sides of the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from protocolgen.api import check_source  # noqa: E402
from protocolgen.render.docx_synopsis import write_synopsis  # noqa: E402
from protocolgen.render.pdf import PdfRenderer  # noqa: E402
from protocolgen.render.soa_docx import write_soa  # noqa: E402
from protocolgen.render.soa_xlsx import write_soa_xlsx  # noqa: E402
from protocolgen.render.synopsis_view import build_synopsis  # noqa: E402
from protocolgen.resources import data_dir  # noqa: E402

SPECS = [*sorted((ROOT / "specs").glob("*.yaml")), ROOT / "tests/render/fixtures/rich-soa.yaml"]


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _steps(pdf: PdfRenderer, data: Any, findings: Any) -> dict[str, Callable[[], object]]:
    return {
        "view": lambda: build_synopsis(data, findings),
        "docx": lambda: write_synopsis(build_synopsis(data, findings)),
        "pdf": lambda: pdf.pdf_of_html(pdf.html_of(build_synopsis(data, findings))),
        "soa.docx": lambda: write_soa(build_synopsis(data, findings)),
        "soa.xlsx": lambda: write_soa_xlsx(build_synopsis(data, findings)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    pdf = PdfRenderer([data_dir("templates")])
    names = ("view", "docx", "pdf", "soa.docx", "soa.xlsx")
    print(f"{'spec':32}" + "".join(f"{n + ' ms':>12}" for n in names) + f"{'docx/pdf':>10}")
    totals = dict.fromkeys(names, 0.0)
    for path in SPECS:
        checked = check_source(str(path))
        assert checked.document is not None
        data, findings = checked.document.data, checked.report.diagnostics
        runs: dict[str, list[float]] = {n: [] for n in names}
        steps = _steps(pdf, data, findings)
        for step in steps.values():  # warm fonts, caches and imports
            step()
        for _ in range(repeat):
            for name, step in steps.items():
                runs[name].append(_ms(step))
        med = {n: statistics.median(v) for n, v in runs.items()}
        for n in names:
            totals[n] += med[n]
        print(f"{path.stem:32}" + "".join(f"{med[n]:12.1f}" for n in names)
              + f"{med['docx'] / med['pdf']:10.2f}")
    print(f"{'total':32}" + "".join(f"{totals[n]:12.1f}" for n in names)
          + f"{totals['docx'] / totals['pdf']:10.2f}")


if __name__ == "__main__":
    main()
