"""Cost of running the summary templates in Jinja's immutable sandbox (issue 13, class 8).

Run: ``.venv/bin/python bench/bench_sandbox.py [--repeat 7]``. Renders summary.md, .html and
.txt of every seed spec with the house environment (``ImmutableSandboxedEnvironment``) and
with the same settings in a plain ``jinja2.Environment``, alternating, and prints the median
time per spec. Figures are in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from protocolgen.api import check_source  # noqa: E402
from protocolgen.render import env as house  # noqa: E402
from protocolgen.render.view import build_summary  # noqa: E402


def plain_environment(dirs: list[Path]) -> jinja2.Environment:
    sandboxed = house.environment(dirs)
    plain = jinja2.Environment(
        loader=sandboxed.loader, undefined=jinja2.StrictUndefined,
        autoescape=sandboxed.autoescape, keep_trailing_newline=True, trim_blocks=True,
        lstrip_blocks=True, auto_reload=False,
    )
    plain.filters.update({k: sandboxed.filters[k] for k in ("md", "md_inline", "md_block", "wrap")})
    return plain


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    dirs = house.template_dirs()
    views = []
    for path in sorted((ROOT / "specs").glob("*.yaml")):
        checked = check_source(str(path))
        assert checked.document is not None
        views.append(build_summary(checked.document.data, checked.report.diagnostics))
    envs = {"sandbox": house.environment(dirs), "plain": plain_environment(dirs)}
    for env in envs.values():  # compile once, outside the timing
        for fmt in ("md", "html", "txt"):
            env.get_template(f"summary.{fmt}.j2")
    times: dict[str, list[float]] = {name: [] for name in envs}
    outputs: dict[str, list[str]] = {name: [] for name in envs}
    for _ in range(args.repeat):
        for name, env in envs.items():
            start = time.perf_counter()
            outputs[name] = [env.get_template(f"summary.{fmt}.j2").render(s=view)
                             for view in views for fmt in ("md", "html", "txt")]
            times[name].append((time.perf_counter() - start) / len(views))
    assert outputs["sandbox"] == outputs["plain"], "the sandbox changed an output"
    for name, values in times.items():
        print(f"{name:8} {statistics.median(values) * 1000:6.2f} ms per spec (md+html+txt)")
    ratio = statistics.median(times["sandbox"]) / statistics.median(times["plain"])
    print(f"sandbox / plain: {ratio:.2f}x ({len(views)} specs, median of {args.repeat})")


if __name__ == "__main__":
    main()
