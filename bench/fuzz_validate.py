"""Long fuzz run of `protocolgen validate`, outside the test suite.

A plain seeded loop: case ``i`` of a run with ``--seed S`` is generated from
``random.Random(f"{S}-{i}")`` by one of the generators in tests/fuzz/mutations.py (seed
specs mutated structurally and textually, YAML token soup, random YAML documents, random
bytes), fed to ``protocolgen validate - --format json`` and checked with the same
invariants as the suite (tests/fuzz/invariants.py). Failures on inputs matching a known,
xfail-documented crash are counted apart from new ones.

    .venv/bin/python bench/fuzz_validate.py --seconds 600 --seed 1
    .venv/bin/python bench/fuzz_validate.py --replay 1-4711      # rerun one case, show it

Exit code 1 when a new failure was found. The process runs under an address-space cap
(--memory-gib), so a memory blow-up shows up as a failure (MemoryError).
Results go in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzz.invariants import known_crash, validate_and_check
from tests.fuzz.mutations import GENERATORS

NAMES = sorted(GENERATORS)


def case(key: str) -> tuple[str, bytes]:
    """(generator name, input) of case ``key`` ("seed-index")."""
    rng = random.Random(key)
    name = NAMES[int(key.rsplit("-", 1)[1]) % len(NAMES)]
    return name, GENERATORS[name](rng)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300.0, help="time budget")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--replay", metavar="SEED-INDEX", help="run one case and print it")
    parser.add_argument("--memory-gib", type=float, default=4.0, help="address-space cap")
    args = parser.parse_args(argv)
    # A blow-up becomes a MemoryError (a counted failure) instead of swapping the machine.
    cap = int(args.memory_gib * (1 << 30))
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    if args.replay:
        name, raw = case(args.replay)
        print(f"{name}: {raw[:2000]!r}")
        validate_and_check(raw)
        print("ok")
        return 0

    cases: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    known: Counter[str] = Counter()
    new: list[str] = []
    started = time.perf_counter()
    index = 0
    while time.perf_counter() - started < args.seconds:
        key = f"{args.seed}-{index}"
        index += 1
        name, raw = case(key)
        cases[name] += 1
        try:
            outcome = validate_and_check(raw)
        except AssertionError as exc:
            crash = known_crash(raw)
            if crash is not None:
                known[crash] += 1
            else:
                new.append(f"{key} ({name}): {str(exc)[:300]}")
            continue
        codes.update(f["code"] for f in outcome.findings)
    elapsed = time.perf_counter() - started

    print(f"seed {args.seed}: {sum(cases.values())} cases in {elapsed:.0f} s")
    for name in NAMES:
        print(f"  {name:22} {cases[name]}")
    print(f"distinct finding codes seen: {len(codes)} ({', '.join(sorted(codes))})")
    print(f"failures on known (xfail) crashes: {sum(known.values())}")
    for crash, count in known.most_common():
        print(f"  {count:6}  {crash}")
    print(f"new failures: {len(new)}")
    for line in new[:20]:
        print("  " + line)
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
