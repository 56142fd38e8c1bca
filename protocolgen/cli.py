"""Command line: parse options, call :mod:`protocolgen.api`, choose a reporter, set the exit code.

Exit codes: 0 clean or warnings only; 1 error findings (or warnings with --strict);
2 usage error, unreadable input, or the tool could not run.
"""

from __future__ import annotations

import os
import sys

import click

from protocolgen import __version__, api
from protocolgen.diagnostics import Summary
from protocolgen.reporters import REPORTERS

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


def use_color(stream: object) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run 'protocolgen COMMAND --help' for the options and examples of each command. "
    "Exit codes: 0 clean or warnings only, 1 error findings, 2 usage or input error.",
)
@click.version_option(__version__, prog_name="protocolgen")
def main() -> None:
    """Validate clinical-trial protocol specs (YAML) and render registry-ready documents.

    A spec is one YAML file per trial, checked against the published JSON Schema
    (see 'protocolgen schema') and against rules for cross-references and missing content.
    """


@main.command(
    epilog="""\b
Examples:
  protocolgen validate specs/                 every *.yaml / *.yml below specs/
  protocolgen validate trial.yaml --strict    warnings fail the run too
  protocolgen validate - < trial.yaml         read the spec from standard input
  protocolgen validate specs/ --format json   machine-readable findings

\b
Each finding reads  path:line:col: CODE severity: message  with a hint below it.
Codes: PG0xx the file cannot be read or parsed; PG1xx it breaks the schema;
PG2xx broken cross-references or dates; PG3xx content still missing.

\b
Exit codes: 0 no errors (warnings allowed), 1 errors (or warnings with --strict),
2 usage error or a file that cannot be read at all.""",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format. 'json' is versioned and documented in docs/findings-json.md.",
)
@click.option("--strict", is_flag=True, help="Exit with 1 when there are warnings too.")
def validate(paths: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check spec files (or directories of them) and report findings with their positions."""
    sources = api.discover(paths)
    if not sources:
        raise click.UsageError("no *.yaml or *.yml files found in the given paths")
    checked = api.check(sources)
    reports = [c.report for c in checked]
    summary = Summary.of(reports)
    reporter = REPORTERS[fmt](color=use_color(sys.stdout))
    click.echo(reporter.render(reports, summary), nl=False, color=use_color(sys.stdout))
    sys.exit(exit_code(summary, strict=strict))


def exit_code(summary: Summary, *, strict: bool) -> int:
    """The documented exit code for a run with ``summary``."""
    if summary.unreadable:
        return EXIT_FAILURE
    if summary.errors or (strict and summary.warnings):
        return EXIT_FINDINGS
    return EXIT_OK
