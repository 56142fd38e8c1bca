"""Command line: parse options, call :mod:`protocolgen.api`, choose a reporter, set the exit code.

Exit codes: 0 clean or warnings only; 1 error findings (or warnings with --strict);
2 usage error, unreadable input, or the tool could not run; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from protocolgen import __version__, api
from protocolgen.diagnostics import FileReport, Severity, Summary
from protocolgen.errors import OutputError
from protocolgen.reporters import BINARY_FORMATS, REPORTERS
from protocolgen.reporters.xlsx import CoverageTable

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2
#: Exit code after Ctrl-C (SIGINT), the shell convention 128 + 2.
EXIT_INTERRUPTED = 130


@contextlib.contextmanager
def exit_on_interrupt(note: str = "") -> Iterator[None]:
    """Turn Ctrl-C in the block into one line on standard error and exit code 130.

    Every command runs inside this (see :class:`LazyGroup`), so none prints Click's
    "Aborted!" or a traceback; a command wraps its own work in it to add a ``note`` saying
    what an interrupted run leaves behind. The clean-up (worker processes ended, temporary
    files removed) happens while ``KeyboardInterrupt`` unwinds, before this line.
    """
    try:
        yield
    except KeyboardInterrupt:
        # On a terminal the line starts after the echoed "^C" (or a progress bar).
        start = "\n" if sys.stderr.isatty() else ""
        click.echo(f"{start}interrupted" + (f": {note}" if note else ""), err=True)
        sys.exit(EXIT_INTERRUPTED)


def use_color(stream: object) -> bool:
    """Colour on a terminal, or when forced; never when ``NO_COLOR`` is set.

    ``NO_COLOR`` (any non-empty value, https://no-color.org) always wins. Otherwise
    ``FORCE_COLOR`` (any non-empty value, https://force-color.org) or ``CLICOLOR_FORCE``
    (anything but ``0``) turn colour on for logs that render ANSI codes, such as CI logs.
    """
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE", "0") not in ("", "0"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class LazyGroup(click.Group):
    """A group whose commands in :data:`LAZY_COMMANDS` are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute = LAZY_COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    # Parsing the options and running the command: Click itself would answer Ctrl-C there
    # with "Aborted!" and exit code 1.
    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with exit_on_interrupt():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with exit_on_interrupt():
            return super().invoke(ctx)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run 'protocolgen COMMAND --help' for the options and examples of each command. "
    "Exit codes: 0 clean or warnings only, 1 error findings, 2 usage or input error, "
    "130 interrupted (Ctrl-C).",
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
  protocolgen validate specs/ --format xlsx -o findings.xlsx --profile ctgov

\b
Each finding reads  path:line:col: CODE severity: message  with a hint below it.
Codes: PG0xx the file cannot be read or parsed; PG1xx it breaks the schema;
PG2xx broken cross-references or dates; PG3xx content still missing;
PG4xx contradictions; PG5xx text quality; PG6xx CT.gov limits; PG7xx profile items;
PG8xx configuration and suppressions. 'protocolgen rules CODE' explains a code.

\b
Exit codes: 0 no errors (warnings allowed), 1 errors (or warnings with --strict),
2 usage error or a file that cannot be read at all, 130 interrupted (Ctrl-C;
no --output-file is written).""",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path())
@click.option(
    "--format",
    "formats",
    type=click.Choice(sorted(REPORTERS)),
    multiple=True,
    help="Output format (repeatable, each with its own --output-file): text (default), "
    "concise, json, sarif, junit, github, csv, xlsx (a workbook, needs -o; with a coverage "
    "sheet when profiles are checked). JSON is documented in docs/findings-json.md.",
)
@click.option(
    "-o",
    "--output-file",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Write the matching --format to this file instead of standard output (repeatable).",
)
@click.option("--strict", is_flag=True, help="Same as --fail-on warning.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default=None,
    help="Lowest severity that makes the run fail (exit 1). Default: error.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run.")
@click.option(
    "--profile",
    "profiles",
    default=None,
    metavar="NAME[,NAME...]",
    help="Completeness profiles to check (ctgov, who-trds, spirit-2025, m11-synopsis); "
    "default: 'profiles' in the configuration file.",
    shell_complete=lambda ctx, param, incomplete: complete_profiles(incomplete),
)
@click.option(
    "--config",
    "config_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False),
    help="Configuration file to use instead of the nearest protocolgen.toml / pyproject.toml.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Check in this many processes (output is identical). Default: every core for "
    f"{api.PARALLEL_THRESHOLD} or more specs, otherwise 1.",
)
def validate(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    strict: bool,
    fail_on: str | None,
    exit_zero: bool,
    profiles: str | None,
    config_path: str | None,
    jobs: int | None,
) -> None:
    """Check spec files (or directories of them) and report findings with their positions."""
    from protocolgen.reporters.stream import write_reports

    targets = pair_outputs(formats or ("text",), outputs)
    sources = api.discover(paths)
    if not sources:
        raise click.UsageError("no *.yaml or *.yml files found in the given paths")
    chosen = parse_profiles(profiles)
    workers = jobs or api.default_jobs(len(sources))
    threshold = Severity.WARNING if strict or fail_on == "warning" else Severity.ERROR
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY") if "github" in formats else None
    options = {}
    with exit_on_interrupt("not every spec was checked; no --output-file was written"):
        if "xlsx" in formats:
            options["xlsx"] = {"coverage": coverage_table(sources, chosen, config_path)}
        # closing: a Ctrl-C while a report is being written (not awaited) still ends the
        # worker processes at once, instead of when the traceback is freed at exit.
        with contextlib.closing(api.iter_check(
            sources, profiles=chosen, config_path=config_path, jobs=workers
        )) as reports:
            summary, kept = write_reports(
                reports,
                targets,
                fail_on=threshold,
                color=use_color(sys.stdout),
                keep=bool(step_summary),
                options=options,
            )
    if step_summary:
        append_step_summary(Path(step_summary), kept, summary)
    code = exit_code(summary, fail_on=threshold)
    sys.exit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)


def pair_outputs(
    formats: tuple[str, ...], outputs: tuple[str, ...]
) -> list[tuple[str, str | None]]:
    """Match each --format with its --output-file; at most one format may go to stdout."""
    if len(outputs) > len(formats):
        raise click.UsageError("more --output-file options than --format options")
    pairs = [(fmt, outputs[n] if n < len(outputs) else None) for n, fmt in enumerate(formats)]
    for fmt, target in pairs:
        if fmt in BINARY_FORMATS and target is None:
            raise click.UsageError(f"--format {fmt} writes a file: give it an --output-file "
                                   f"(-o findings.{fmt})")
    if sum(target is None for _, target in pairs) > 1:
        raise click.UsageError("give an --output-file for each --format except one")
    return pairs


def append_step_summary(path: Path, reports: list[FileReport], summary: Summary) -> None:
    """Append the Markdown findings table to GitHub's job summary file (no annotation cap)."""
    from protocolgen.reporters.github import GithubReporter

    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(GithubReporter.step_summary(reports, summary))
    except OSError as exc:
        raise OutputError(f"cannot append to GITHUB_STEP_SUMMARY ({path}): {exc}") from exc


def coverage_table(
    sources: list[str], chosen: list[str] | None, config_path: str | None
) -> CoverageTable | None:
    """The coverage matrix for the workbook: the --profile profiles, else the configuration's
    (for the first spec's folder); None when no profile is selected."""
    from protocolgen import config
    from protocolgen.profiles.coverage import matrix

    first = next((source for source in sources if source != "-"), None)
    names = list(config.merge_profiles(chosen, config.resolve(first, config_path)))
    if not names:
        return None
    return CoverageTable(names, [
        (row.path, {n: None if c is None else (c.met, c.applicable) for n, c in row.cells.items()})
        for row in matrix([s for s in sources if s != "-"], names)
    ])


def complete_profiles(incomplete: str) -> list[str]:
    """Shell completion of ``--profile a,b``: the names that fit the part after the last comma."""
    from protocolgen.profiles import PROFILES

    done, _, part = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    return [prefix + name for name in PROFILES if name.startswith(part)]


def parse_profiles(value: str | None) -> list[str] | None:
    """``--profile a,b`` as a list of known profile names (None when the flag is not given)."""
    if value is None:
        return None
    from protocolgen.profiles import PROFILES

    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in PROFILES]
    if unknown:
        raise click.BadParameter(
            f"unknown profile {', '.join(unknown)} (known: {', '.join(PROFILES)})",
            param_hint="--profile",
        )
    return names


def exit_code(summary: Summary, *, fail_on: Severity = Severity.ERROR) -> int:
    """The documented exit code for a run with ``summary``."""
    if summary.unreadable:
        return EXIT_FAILURE
    if summary.errors or (fail_on is Severity.WARNING and summary.warnings):
        return EXIT_FINDINGS
    return EXIT_OK


#: Commands beyond ``validate``, imported only when run (or listed by --help), so that
#: ``protocolgen validate`` never pays for Jinja, WeasyPrint or the importer.
LAZY_COMMANDS = {
    "build": "protocolgen.commands.render:build_command",
    "render": "protocolgen.commands.render:render",
    "rules": "protocolgen.commands.rules:rules",
    "coverage": "protocolgen.commands.rules:coverage",
    "diff": "protocolgen.commands.diff:diff",
    "import": "protocolgen.commands.interop:import_group",
    "export": "protocolgen.commands.interop:export_group",
    "new": "protocolgen.commands.spec:new",
    "schema": "protocolgen.commands.spec:schema",
}
