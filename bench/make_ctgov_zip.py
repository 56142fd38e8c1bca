"""Generate a zip of ClinicalTrials.gov API v2 records shaped like the registry's bulk download.

Run from the repository root::

    .venv/bin/python bench/make_ctgov_zip.py                      # 20,000 records
    .venv/bin/python bench/make_ctgov_zip.py --count 2000 --out /tmp/small.zip

Each record is one of the shared records in /work/shared/reference/ctgov/records (a study
or the study of a one-study page) with a distinct NCT id (NCT9xxxxxxx) and a varied size:
its locations cut to a random number of the original ones (the 437-site record ranges from
none to all), its outcomes cut the same way, and the results, document and derived sections
kept in one record in twenty (most bulk records have no results). One file per record,
``<NCT id>.json`` in the zip's root, deflated, as ClinicalTrials.gov serves them. The same
seed always writes the same records.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RECORDS = Path("/work/shared/reference/ctgov/records")
DEFAULT_OUT = ROOT / "bench" / "ctgov-bulk.zip"


def studies(folder: Path) -> list[dict[str, Any]]:
    found = []
    for path in sorted(folder.glob("NCT*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.append(data["studies"][0] if "studies" in data else data)
    return found


def _cut(module: dict[str, Any], key: str, rng: random.Random) -> dict[str, Any]:
    items = module.get(key)
    if not isinstance(items, list) or not items:
        return module
    return {**module, key: items[: rng.randint(1 if key != "locations" else 0, len(items))]}


def vary(study: dict[str, Any], number: int, rng: random.Random) -> dict[str, Any]:
    """A copy of ``study`` with a new NCT id and a varied size (shared parts not copied)."""
    section = dict(study["protocolSection"])
    section["identificationModule"] = {
        **section["identificationModule"], "nctId": f"NCT9{number:07d}"
    }
    if "contactsLocationsModule" in section:
        section["contactsLocationsModule"] = _cut(
            section["contactsLocationsModule"], "locations", rng
        )
    if "outcomesModule" in section:
        section["outcomesModule"] = _cut(section["outcomesModule"], "secondaryOutcomes", rng)
    record = {"protocolSection": section, "hasResults": study.get("hasResults", False)}
    if rng.random() < 0.05:
        record.update({k: v for k, v in study.items() if k not in record})
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    bases = studies(args.records)
    total = 0
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for number in range(args.count):
            record = vary(bases[number % len(bases)], number, rng)
            text = json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")
            total += len(text)
            info = zipfile.ZipInfo(f"NCT9{number:07d}.json", date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    size = args.out.stat().st_size
    print(f"wrote {args.count} records ({total / 1e6:.0f} MB of JSON, {size / 1e6:.0f} MB "
          f"zipped) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
