"""``protocolgen diff``: options in, :mod:`protocolgen.diff` called, report out, exit code set."""

from __future__ import annotations

import sys

import click

from protocolgen.diff.report import REPORTERS
from protocolgen.diff.sources import diff_base, diff_files

EXIT_OK, EXIT_CHANGED = 0, 1


@click.command(
    "diff",
    epilog="""\b
Examples:
  protocolgen diff old.yaml new.yaml                 two versions of a spec
  protocolgen diff --base main specs/                specs at 'main' vs the working tree
  protocolgen diff --base HEAD~1 --format md         a summary-of-changes table for a PR
  protocolgen diff a.yaml b.yaml --exit-code         exit 1 when anything changed

\b
Items are matched by id (or, without ids, by their text), so reordering is not a change.
Changes to eligibility, outcomes, enrolment, arms, interventions, status, dates and
contacts are marked substantial. The JSON format is documented in docs/diff.md.

\b
Exit codes: 0 compared (1 with --exit-code when anything changed), 2 usage error,
a spec that does not parse, or --base outside a git repository or with an unknown revision,
130 interrupted (Ctrl-C).""",
)
@click.argument("paths", nargs=-1, metavar="OLD NEW | --base REV [PATH...]", type=click.Path())
@click.option(
    "--base",
    "rev",
    metavar="REV",
    default=None,
    help="Compare the specs as they were at git revision REV with the working tree.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format: md (summary-of-changes table), json (docs/diff.md) or text.",
)
@click.option("--exit-code", "exit_code", is_flag=True, help="Exit with 1 when there are changes.")
def diff(paths: tuple[str, ...], rev: str | None, fmt: str, exit_code: bool) -> None:
    """Show the field-level changes between two versions of a spec."""
    if rev is None:
        if len(paths) != 2:
            raise click.UsageError("give two specs (OLD NEW), or --base REV [PATH...]")
        diffs = [diff_files(paths[0], paths[1])]
    else:
        diffs = diff_base(rev, list(paths))
    click.echo(REPORTERS[fmt](diffs), nl=False)
    changed = any(d.changes for d in diffs)
    sys.exit(EXIT_CHANGED if exit_code and changed else EXIT_OK)
