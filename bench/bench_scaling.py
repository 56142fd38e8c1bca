"""Linear cost in every dimension: double one dimension of one spec and compare the times.

Run from the repository root::

    .venv/bin/python bench/bench_scaling.py            # table, exit 1 if a ratio is > 2.2
    .venv/bin/python bench/bench_scaling.py --base 400 --repeat 5

For each dimension (visits, activities, references, criteria, sites, outcomes, suppressions)
the script builds one spec from ``specs/covid19-uc-msc.yaml`` with ``base`` items of that
dimension (every other dimension small and fixed), then the same spec with ``2 × base``,
and times the whole check of each (load, schema, all rules, all four profiles,
suppressions; :func:`protocolgen.api.check_source`) in this process: the least CPU time of
``--repeat`` runs.
A linear check costs at most twice as much on the doubled spec (plus the fixed part, so
usually less); a quadratic one costs four times as much. Half of the references name ids
that do not exist, so the doubled spec also doubles the unknown-reference findings (and
their hints); each suppression comment silences nothing, so each one is also reported.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from protocolgen import api  # noqa: E402
from protocolgen.profiles import PROFILES  # noqa: E402

SEED = ROOT / "specs" / "covid19-uc-msc.yaml"
TODAY = date(2025, 1, 1)
LIMIT = 2.2
_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _SeedLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that keeps YAML timestamps as the strings written."""


_SeedLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _seed() -> dict[str, Any]:
    with SEED.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.load(handle, Loader=_SeedLoader)
    return data


def _visits(n: int) -> list[dict[str, Any]]:
    return [
        {"id": f"V{k}", "name": f"Visit {k}", "epoch": "TRT",
         "timing": {"value": k, "unit": "DAYS"}}
        for k in range(n)
    ]


def build(seed: dict[str, Any], dimension: str, n: int) -> tuple[dict[str, Any], int]:
    """The seed with ``n`` items of ``dimension``; returns the data and the suppressions."""
    data = copy.deepcopy(seed)
    sizes = {"visits": 20, "activities": 10, "references": 10, "criteria": 20, "sites": 20,
             "outcomes": 10}
    if dimension in sizes:
        sizes[dimension] = n
    visits = _visits(sizes["visits"])
    ids = [v["id"] for v in visits]
    activities = [
        {"id": f"ACT{k}", "name": f"Assessment {k}", "visits": ids[k % len(ids):][:3]}
        for k in range(sizes["activities"])
    ]
    # One activity carries the references; every second one names a visit that does not exist.
    refs = [ids[k % len(ids)] if k % 2 else f"X{k}" for k in range(sizes["references"])]
    activities.append({"id": "REFS", "name": "Referencing", "visits": refs})
    data["schedule"] = {
        "anchor": "V0",
        "epochs": [{"id": "TRT", "name": "Treatment", "type": "TREATMENT"}],
        "visits": visits,
        "activities": activities,
    }
    data["eligibility"]["inclusion"] = [
        {"number": k + 1, "text": f"Participant meets condition {k} of the protocol."}
        for k in range(sizes["criteria"])
    ]
    data["locations"] = [
        {"facility": f"Hospital {k}", "status": "RECRUITING", "city": "Lyon",
         "country": "France"}
        for k in range(sizes["sites"])
    ]
    data["outcomes"] = {"primary": [
        {"id": f"O{k}", "measure": f"Measure {k}", "time_frame": "12 weeks", "visits": ids[:2]}
        for k in range(sizes["outcomes"])
    ]}
    data["objectives"] = [{"id": "OBJ1", "level": "PRIMARY", "text": "To assess safety.",
                           "outcomes": ["O0"]}]
    return data, n if dimension == "suppressions" else 0


def write(data: dict[str, Any], suppressions: int, path: Path) -> None:
    """Dump ``data``; then put one suppression comment on each of the first lines that can
    carry one (a line ending in a plain value), adding filler lines if there are too few."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    if suppressions:
        filler = [{"facility": f"Clinic {k}", "status": "RECRUITING", "city": "Lyon",
                   "country": "France"} for k in range(suppressions)]
        data = {**data, "locations": data["locations"] + filler}
        text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        lines = text.splitlines()
        done = 0
        for k, line in enumerate(lines):
            if done == suppressions:
                break
            if line.lstrip().startswith("city:"):
                lines[k] = line + "  # protocolgen: ignore[PG501]"
                done += 1
        text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")


def best(run: Callable[[], object], repeat: int) -> float:
    """Least CPU time of ``repeat`` runs: on a shared machine, other jobs inflate wall-clock
    times unevenly (a ratio of two wall times can be off by 50 %), CPU time much less."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


DIMENSIONS = ("visits", "activities", "references", "criteria", "sites", "outcomes",
              "suppressions")


def measure(base: int, repeat: int, folder: Path) -> list[tuple[str, int, float, float, int]]:
    """(dimension, base, seconds at base, seconds at 2 × base, findings at 2 × base)."""
    seed = _seed()
    profiles = list(PROFILES)
    rows = []
    for dimension in DIMENSIONS:
        times = []
        findings = 0
        for n in (base, 2 * base):
            data, suppressions = build(seed, dimension, n)
            path = folder / f"{dimension}-{n}.yaml"
            write(data, suppressions, path)
            source = str(path)

            def run(source: str = source) -> api.Checked:
                return api.check_source(source, profiles=profiles, today=TODAY)

            findings = len(run().report.diagnostics)
            times.append(best(run, repeat))
        rows.append((dimension, base, times[0], times[1], findings))
    return rows


def table(rows: list[tuple[str, int, float, float, int]]) -> str:
    out = ["| dimension | n | CPU at n (ms) | CPU at 2n (ms) | ratio | findings at 2n |",
           "|---|---:|---:|---:|---:|---:|"]
    for dimension, n, t1, t2, findings in rows:
        out.append(f"| {dimension} | {n} | {t1 * 1000:.1f} | {t2 * 1000:.1f} | "
                   f"{t2 / t1:.2f} | {findings} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=int, default=1000, help="items at n (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best counts)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = measure(args.base, args.repeat, Path(tmp))
    print(table(rows))
    worst = max(t2 / t1 for _, _, t1, t2, _ in rows)
    print(f"worst ratio {worst:.2f} (limit {LIMIT})")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
