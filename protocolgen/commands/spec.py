"""``protocolgen schema`` and ``protocolgen new``: the spec format for editors and authors."""

from __future__ import annotations

from pathlib import Path

import click

from protocolgen import starter
from protocolgen.errors import OutputError
from protocolgen.render.output import write_atomic
from protocolgen.resources import schema_path


@click.command(
    epilog="""\b
Examples:
  protocolgen schema > trial.schema.json     save the schema for another tool
  protocolgen schema --path                  where the installed schema file is""",
)
@click.option("--path", "show_path", is_flag=True, help="Print the schema file's path instead.")
def schema(show_path: bool) -> None:
    """Print the trial spec JSON Schema (2020-12) that validation uses."""
    if show_path:
        click.echo(str(schema_path()))
    else:
        click.echo(schema_path().read_text(encoding="utf-8"), nl=False)


@click.command(
    epilog="""\b
Examples:
  protocolgen new specs/my-trial.yaml --title "UC-MSC for lupus nephritis"
  protocolgen new specs/part-b.yaml --from specs/lupus-uc-msc.yaml

\b
The file starts with a schema modeline, so editors using yaml-language-server complete keys
and codes and show each field's description. The modeline is a path relative to the spec
when a schemas/trial.schema.json is in its folder or above; otherwise it names a per-user
copy at $XDG_DATA_HOME/protocolgen/schemas/ (~/.local/share/...), written here. The spec
validates at once, with warnings for each section still to write.""",
)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path),
                default=Path("trial.yaml"))
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Start from an existing spec instead of the commented template.")
@click.option("--title", default="New trial", show_default=True, help="Brief title to start with.")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def new(path: Path, source: Path | None, title: str, force: bool) -> None:
    """Write a starter spec to PATH (default: trial.yaml)."""
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; use --force to overwrite it")
    ref = starter.schema_ref(path)
    text = starter.copied_text(source, ref) if source else starter.starter_text(ref, title)
    write_atomic(path, text)
    click.echo(f"wrote {path}; schema modeline: {ref.ref} ({ref.where})")
    click.echo(f"next: protocolgen validate {path}")
