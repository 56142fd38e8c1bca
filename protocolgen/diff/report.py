"""Diff output formats: Markdown summary-of-changes table, versioned JSON, plain text.

Each reporter is a function from the compared files to the text to print; :data:`REPORTERS`
maps ``--format`` names to them, so a new format is one function and one entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from protocolgen import __version__
from protocolgen.diff.model import Change, FileDiff
from protocolgen.quoting import markdown as md_text
from protocolgen.quoting import scrub, visible

#: Version of the JSON shape (docs/diff.md); raised when a key is removed or changes meaning.
JSON_VERSION = 1
COLUMNS = ("Section", "Change", "Before", "After", "Substantial")

Reporter = Callable[[Sequence[FileDiff]], str]


def _title(diff: FileDiff) -> str:
    if diff.old is None or diff.new is None:
        return f"{diff.new or diff.old} ({diff.status})"
    return diff.new if diff.old.endswith(f":{diff.new}") else f"{diff.old} → {diff.new}"


def _counts(changes: Sequence[Change]) -> str:
    if not changes:
        return "no changes"
    substantial = sum(c.substantial for c in changes)
    plural = "" if len(changes) == 1 else "s"
    return f"{len(changes)} change{plural}, {substantial} substantial"


def md_cell(text: str) -> str:
    """Spec text as one Markdown table cell of a pull-request comment: literal text (no
    markup, HTML, mentions or links, see :func:`protocolgen.quoting.markdown`), its line
    breaks as ``<br>``."""
    return md_text("\n".join(line.strip() for line in text.strip().splitlines()), breaks="<br>")


def markdown(diffs: Sequence[FileDiff]) -> str:
    """A "Summary of changes" section per spec, ready for a pull request or an amendment."""
    out = ["## Summary of changes", ""]
    for diff in diffs:
        if len(diffs) > 1 or diff.old != diff.new:
            out += [f"### {md_text(_title(diff))}", ""]
        if not diff.changes:
            out += ["No changes.", ""]
            continue
        out.append("| " + " | ".join(COLUMNS) + " |")
        out.append("|" + "---|" * len(COLUMNS))
        for c in diff.changes:
            cells = (c.section, c.label, c.before, c.after, "Yes" if c.substantial else "No")
            out.append("| " + " | ".join(md_cell(cell) for cell in cells) + " |")
        out += ["", f"{_counts(diff.changes).capitalize()}.", ""]
    return "\n".join(out)


def as_json(diffs: Sequence[FileDiff]) -> str:
    """The versioned JSON shape documented in docs/diff.md."""
    changes = [c for d in diffs for c in d.changes]
    document = {
        "format": "protocolgen-diff",
        "version": JSON_VERSION,
        "tool": {"name": "protocolgen", "version": __version__},
        "files": [
            {
                "old": None if d.old is None else scrub(d.old),
                "new": None if d.new is None else scrub(d.new),
                "status": d.status,
                "changes": [
                    {
                        "section": c.section,
                        "kind": c.kind,
                        "label": c.label,
                        "before": c.before,
                        "after": c.after,
                        "substantial": c.substantial,
                        "pointer": c.pointer,
                    }
                    for c in d.changes
                ],
            }
            for d in diffs
        ],
        "summary": {
            "files": len(diffs),
            "changed_files": sum(1 for d in diffs if d.changes),
            "changes": len(changes),
            "substantial": sum(c.substantial for c in changes),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def text(diffs: Sequence[FileDiff]) -> str:
    """One line per change, long values below it; ``*`` marks substantial changes."""
    out: list[str] = []
    for diff in diffs:
        out.append(f"{visible(_title(diff))}: {_counts(diff.changes)}")
        for c in diff.changes:
            mark = "*" if c.substantial else " "
            out.append(f"  {mark} {visible(c.section)}: {visible(c.label)}")
            if c.label.endswith((" changed", " added", " removed")):  # values not in the label
                for sign, value in (("-", c.before), ("+", c.after)):
                    if value:
                        out.append(f"      {sign} {visible(' '.join(value.split()))}")
    if any(c.substantial for d in diffs for c in d.changes):
        out.append("* substantial: reviewed by registries and ethics committees")
    return "\n".join(out) + "\n"


REPORTERS: dict[str, Reporter] = {"md": markdown, "json": as_json, "text": text}
