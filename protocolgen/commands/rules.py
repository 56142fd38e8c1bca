"""`protocolgen rules` (list or explain rule codes) and `protocolgen coverage` (profile matrix)."""

from __future__ import annotations

import json

import click

from protocolgen.rules import RULES, Rule


def _as_dict(item: Rule) -> dict[str, str]:
    return {
        "code": item.code,
        "name": item.name,
        "severity": item.severity.label,
        "family": item.family,
        "title": item.title,
        "explanation": item.explanation,
        "passing": item.passing,
        "failing": item.failing,
    }


def _explain(item: Rule) -> str:
    from protocolgen.codes import catalogue
    from protocolgen.rule_help import help_text

    return help_text(catalogue()[item.code])


@click.command(
    "rules",
    epilog="""\b
Examples:
  protocolgen rules                 every rule: code, severity, title
  protocolgen rules PG402           explanation with a passing and a failing example
  protocolgen rules --format json   all rules as JSON""",
)
@click.argument("code", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def rules(code: str | None, fmt: str) -> None:
    """List the rules, or explain rule CODE."""
    if code is not None:
        item = RULES.get(code.upper())
        if item is None:
            raise click.BadParameter(f"no rule has code {code}", param_hint="CODE")
        chosen = [item]
    else:
        chosen = [RULES[c] for c in sorted(RULES)]
    if fmt == "json":
        payload = [_as_dict(r) for r in chosen]
        click.echo(json.dumps(payload[0] if code else payload, indent=2, ensure_ascii=False))
    elif code is not None:
        click.echo(_explain(chosen[0]), nl=False)
    else:
        for r in chosen:
            click.echo(f"{r.code}  {r.severity.label:<7}  {r.name:<32}  {r.title}")


@click.command(
    "coverage",
    epilog="""\b
Examples:
  protocolgen coverage specs/                        every profile, as a text table
  protocolgen coverage specs/ --profile who-trds     one profile
  protocolgen coverage specs/ --format markdown      a Markdown table for docs

\b
Exit codes: 0 the table was printed, 2 usage error or a path that does not exist,
130 interrupted (Ctrl-C; nothing is printed).""",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path())
@click.option(
    "--profile",
    "profiles",
    default=None,
    metavar="NAME[,NAME...]",
    help="Profiles to show (default: all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def coverage(paths: tuple[str, ...], profiles: str | None, fmt: str) -> None:
    """Show how completely each spec covers each profile (items met / applicable)."""
    from protocolgen import api
    from protocolgen.cli import parse_profiles
    from protocolgen.profiles import PROFILES
    from protocolgen.profiles import coverage as matrix

    names = parse_profiles(profiles) or list(PROFILES)
    sources = api.discover(paths)
    if not sources:
        raise click.UsageError("no *.yaml or *.yml files found in the given paths")
    rows = matrix.matrix(sources, names)
    click.echo(matrix.FORMATS[fmt](rows, names), nl=False)
