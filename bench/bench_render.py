"""Benchmark the PDF synopsis: overhead over bare WeasyPrint, and batch versus per-process.

Run: ``.venv/bin/python bench/bench_render.py [--batch 60] [--procs 10] [--repeat 5]``.
Figures and their reading are in docs/benchmarks.md.

1. Overhead: for each spec, the full ``PdfRenderer.render`` (view model, Jinja, restrictive
   fetcher, WeasyPrint) against bare WeasyPrint laying out the same HTML with the same
   stylesheet and PDF options, in a warm process. Median of ``--repeat`` runs.
2. Batch: ``--batch`` PDFs rendered by one renderer in one process, against ``--procs``
   fresh ``python`` processes that each import WeasyPrint and render one PDF.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weasyprint import CSS, HTML  # noqa: E402

from protocolgen.api import check_source  # noqa: E402
from protocolgen.render.pdf import PdfRenderer  # noqa: E402
from protocolgen.resources import data_dir  # noqa: E402

SPECS = [*sorted((ROOT / "specs").glob("*.yaml")), ROOT / "tests/render/fixtures/rich-soa.yaml"]
ONE_PDF = """
import sys
from protocolgen.api import check_source
from protocolgen.render.pdf import PdfRenderer
from protocolgen.resources import data_dir
c = check_source(sys.argv[1])
PdfRenderer([data_dir("templates")]).render(c.document.data, c.report.diagnostics)
"""


def _load(path: Path) -> tuple[dict[str, Any], list[Any]]:
    checked = check_source(str(path))
    assert checked.document is not None
    return checked.document.data, checked.report.diagnostics


def overhead(repeat: int) -> None:
    renderer = PdfRenderer([data_dir("templates")])
    templates = data_dir("templates")
    print(f"{'spec':34} {'render ms':>10} {'bare ms':>10} {'overhead':>9} "
          f"{'bare-shared ms':>15} {'overhead':>9}")
    totals = [0.0, 0.0, 0.0]
    for path in SPECS:
        data, findings = _load(path)
        html = renderer.render_html(data, findings)
        renderer.render(data, findings)  # warm fonts and caches for both sides

        def bare(html: str = html) -> bytes:
            # What a caller would write with WeasyPrint alone: default fetcher, a fresh
            # stylesheet, the same PDF options.
            css = CSS(filename=str(templates / "synopsis.css"))
            pdf: bytes = HTML(string=html, base_url=templates.as_uri() + "/").write_pdf(
                stylesheets=[css], pdf_tags=True)
            return pdf

        def shared(html: str = html) -> bytes:
            # The strictest baseline: bare WeasyPrint given our parsed stylesheet, font
            # configuration and image cache, so only the view model, Jinja and the
            # fetcher are left as overhead.
            pdf: bytes = HTML(string=html, base_url=templates.as_uri() + "/").write_pdf(
                stylesheets=[renderer._stylesheet], font_config=renderer.font_config,
                cache=renderer.cache, pdf_tags=True)
            return pdf

        # Interleave the three so a change in machine load hits all of them alike.
        runs: list[list[float]] = [[], [], []]
        for _ in range(repeat):
            def ours_once(d: dict[str, Any] = data, f: list[Any] = findings) -> bytes:
                return renderer.render(d, f)

            actions: list[Callable[[], bytes]] = [ours_once, bare, shared]
            for i, action in enumerate(actions):
                start = time.perf_counter()
                action()
                runs[i].append(time.perf_counter() - start)
        ours, plain, warm = (statistics.median(r) for r in runs)
        for i, value in enumerate((ours, plain, warm)):
            totals[i] += value
        print(f"{path.stem:34} {ours * 1000:10.0f} {plain * 1000:10.0f} "
              f"{(ours / plain - 1) * 100:8.1f}% {warm * 1000:15.0f} "
              f"{(ours / warm - 1) * 100:8.1f}%")
    ours, plain, warm = totals
    print(f"{'all':34} {ours * 1000:10.0f} {plain * 1000:10.0f} "
          f"{(ours / plain - 1) * 100:8.1f}% {warm * 1000:15.0f} {(ours / warm - 1) * 100:8.1f}%")


def batch(count: int, procs: int) -> None:
    inputs = [_load(SPECS[i % len(SPECS)]) for i in range(count)]
    start = time.perf_counter()
    renderer = PdfRenderer([data_dir("templates")])
    for data, findings in inputs:
        renderer.render(data, findings)
    in_process = (time.perf_counter() - start) / count

    start = time.perf_counter()
    for i in range(procs):
        subprocess.run([sys.executable, "-c", ONE_PDF, str(SPECS[i % len(SPECS)])],
                       check=True, cwd=ROOT)
    per_process = (time.perf_counter() - start) / procs
    print(f"one process, {count} PDFs:   {in_process * 1000:7.0f} ms per PDF")
    print(f"one process per PDF ({procs}): {per_process * 1000:7.0f} ms per PDF")
    print(f"ratio: {in_process / per_process:.2f}x (goal <= 0.6x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=60)
    parser.add_argument("--procs", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    overhead(args.repeat)
    print()
    batch(args.batch, args.procs)


if __name__ == "__main__":
    main()
