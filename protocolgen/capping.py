"""At most :data:`MAX_PER_CODE` findings of one code per spec, and a note for the rest.

A spec with thousands of the same mistake (a pasted list of unknown references, a schedule
generated with the wrong ids) would otherwise produce thousands of near-identical findings
and outputs of tens of megabytes; the first ones show the problem, the note says how many
more there are.
"""

from __future__ import annotations

from collections import Counter

from protocolgen.diagnostics import ORDER, Diagnostic, Severity

#: Findings of one code kept per spec; the corpus in bench/ has at most 20.
MAX_PER_CODE = 100
CAPPED_CODE = "PG809"


def cap(found: list[Diagnostic], limit: int = MAX_PER_CODE) -> list[Diagnostic]:
    """``found`` (sorted) with at most ``limit`` findings per code, in the same order, plus
    one PG809 note per capped code at the position of the last finding kept."""
    if len(found) <= limit:
        return found  # no code can have more findings than there are
    counts = Counter(d.code for d in found)
    if all(n <= limit for n in counts.values()):
        return found
    kept: list[Diagnostic] = []
    seen: Counter[str] = Counter()
    notes: list[Diagnostic] = []
    for d in found:
        seen[d.code] += 1
        if seen[d.code] <= limit:
            kept.append(d)
        if seen[d.code] == limit and counts[d.code] > limit:
            left = counts[d.code] - limit
            notes.append(
                Diagnostic(
                    d.path,
                    d.line,
                    d.column,
                    CAPPED_CODE,
                    Severity.INFO,
                    f"{left} more {d.code} finding(s) left out; only the first {limit} "
                    "are shown",
                    f"Fix these and validate again, or run 'protocolgen rules {d.code}'.",
                    d.pointer,
                )
            )
    return sorted(kept + notes, key=ORDER)
