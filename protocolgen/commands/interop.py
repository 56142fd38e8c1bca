"""``protocolgen import ctgov`` and ``protocolgen export ctgov``: options → interop → exit code.

Findings go to standard error as ``FILE: CODE severity: message (at $.json.path)``, so that
standard output carries only the spec or record when no ``-o`` is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from protocolgen.interop import ctgov
from protocolgen.interop.yaml_writer import write_atomic
from protocolgen.quoting import visible

_IMPORT_EPILOG = """\b
Examples:
  protocolgen import ctgov NCT02513394.json                 spec YAML on standard output
  protocolgen import ctgov NCT02513394.json -o trial.yaml   one study into one file
  protocolgen import ctgov page.json -o specs/              a search page: specs/<NCT id>.yaml
  protocolgen import ctgov ctg-studies.zip -o specs/        the bulk download, study by study
  protocolgen import ctgov ctg-studies.zip --validate-only  findings only, nothing written

\b
Codes: PG901-PG906 the file is not an API v2 record (nothing is written);
PG910-PG917 the spec is written, check the value named. A page is written only when
every study in it can be; see docs/ctgov.md.

\b
Exit codes: 0 written (warnings allowed), 1 bad content (nothing written),
2 unreadable input or an unusable -o."""

_EXPORT_EPILOG = """\b
Examples:
  protocolgen export ctgov specs/lupus-uc-msc.yaml                 JSON on standard output
  protocolgen export ctgov specs/lupus-uc-msc.yaml -o record.json

\b
The spec must have no error findings (run 'protocolgen validate'); PRS-required items the
spec leaves empty are reported as PG952 warnings and left out, as ClinicalTrials.gov does.

\b
Exit codes: 0 exported (warnings allowed), 1 the spec has errors, 2 unreadable input."""


@click.group("import")
def import_group() -> None:
    """Create specs from registry records."""


@import_group.command("ctgov", epilog=_IMPORT_EPILOG)
@click.argument("record", metavar="FILE.json", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="A .yaml file (one study) or a directory (one <NCT id>.yaml per study).",
)
@click.option("--validate-only", is_flag=True,
              help="Zip or folder: report each study's findings, write no spec.")
def import_ctgov(record: str, output: Path | None, validate_only: bool) -> None:
    """Turn a ClinicalTrials.gov API v2 study, a page of studies, or a zip or folder of
    studies (the registry's bulk download) into spec YAML."""
    from protocolgen.interop import bulk

    if bulk.is_bulk(record):
        from protocolgen.commands import ctgov_bulk

        ctgov_bulk.run(record, output, validate_only)
    if validate_only:
        raise click.UsageError("--validate-only applies to a zip or a folder of records")
    report = ctgov.import_record(record, output)
    shown = "<stdin>" if record == ctgov.STDIN else record
    for finding in report.all_findings():
        click.echo(visible(finding.format(shown)), err=True)
    if report.exit_code == 0:
        for study in report.studies:
            if study.target is None:
                click.echo(study.text, nl=False)
        for path in report.written:
            click.echo(f"wrote {visible(path)}", err=True)
    else:
        click.echo(f"{visible(shown)}: nothing written", err=True)
    sys.exit(report.exit_code)


@click.group("export")
def export_group() -> None:
    """Write registry records from specs."""


@export_group.command("ctgov", epilog=_EXPORT_EPILOG)
@click.argument("spec", metavar="SPEC", type=click.Path())
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the JSON here."
)
def export_ctgov(spec: str, output: Path | None) -> None:
    """Write a spec as the protocolSection of a ClinicalTrials.gov API v2 study (JSON)."""
    result = ctgov.export_file(spec)
    report = result.report
    for d in report.diagnostics:
        if result.study is None or d.severity.label == "error":
            click.echo(visible(f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity.label}: "
                               f"{d.message}"), err=True)
    if result.study is None:
        click.echo(
            f"{visible(report.path)}: PG950 error: the spec has error findings; fix them "
            "('protocolgen validate') before exporting. Nothing written.",
            err=True,
        )
        sys.exit(result.exit_code)
    for finding in result.findings:
        click.echo(visible(finding.format(report.path)), err=True)
    text = ctgov.dump_study(result.study)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    sys.exit(0)
