"""Files in the checkout that are generated from the code: write them, or check them in CI."""

from __future__ import annotations

import sys
from pathlib import Path


def update(target: Path, wanted: str, args: list[str], command: str) -> int:
    """Write ``wanted`` to ``target`` unless it is there already; ``--check`` only compares.

    Returns the exit code: 1 when ``--check`` finds the file out of date, else 0.
    """
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if current == wanted:
        print(f"{target}: up to date")
        return 0
    if "--check" in args:
        print(f"{target}: out of date; run `{command}`", file=sys.stderr)
        return 1
    target.write_text(wanted, encoding="utf-8")
    print(f"{target}: written")
    return 0
