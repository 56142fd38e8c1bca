"""``protocolgen import ctgov`` and ``protocolgen export ctgov``: options → interop → exit code.

Findings go to standard error as ``FILE: CODE severity: message (at $.json.path)``, so that
standard output carries only the spec or record when no ``-o`` is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from protocolgen.diagnostics import FileReport
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
2 unreadable input or an unusable -o, 130 interrupted (Ctrl-C; a zip or folder keeps
the specs already written, each complete)."""

_EXPORT_EPILOG = """\b
Examples:
  protocolgen export ctgov specs/lupus-uc-msc.yaml                 JSON on standard output
  protocolgen export ctgov specs/lupus-uc-msc.yaml -o record.json

\b
The spec must have no error findings (run 'protocolgen validate'); PRS-required items the
spec leaves empty are reported as PG952 warnings and left out, as ClinicalTrials.gov does.

\b
Exit codes: 0 exported (warnings allowed), 1 the spec has errors, 2 unreadable input,
130 interrupted (Ctrl-C; nothing written)."""


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
    from protocolgen.interop.ctgov import bulk

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


_PRS_EPILOG = """\b
Examples:
  protocolgen export prs specs/*.yaml --org-name MyOrg -o upload.xml
  protocolgen export prs spec.yaml --partial --org-name MyOrg     only what the spec gives

\b
One <study_collection> with a <clinical_study> per spec (ProtocolRecordSchema.xsd). PRS-
required items a spec lacks are PG952 warnings (an empty element keeps the XML valid), text
over PRS limits PG953 (written whole), codes PRS has no word for PG954; see docs/prs.md.

\b
Exit codes: 0 written (warnings allowed), 1 a spec has errors (nothing written),
2 unreadable input, 130 interrupted (Ctrl-C; nothing written)."""


@export_group.command("prs", epilog=_PRS_EPILOG)
@click.argument("specs", metavar="SPEC...", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the XML here."
)
@click.option(
    "--partial",
    is_flag=True,
    help="PRS partial upload: send only what the specs give; PRS keeps the rest.",
)
@click.option("--org-name", default=None, help="The PRS organisation (login) name: org_name.")
def export_prs(
    specs: tuple[str, ...], output: Path | None, partial: bool, org_name: str | None
) -> None:
    """Write specs as one ClinicalTrials.gov PRS upload file (XML)."""
    from protocolgen.interop import prs

    result = prs.export_files(list(specs), partial=partial, org_name=org_name)
    for entry in result.specs:
        _refused(entry.report)
        for finding in entry.findings:
            click.echo(finding.format(entry.report.path), err=True)
    if not result.text:
        click.echo("PG950 error: a spec has error findings; nothing written.", err=True)
        sys.exit(result.exit_code)
    _write(result.text, output)
    sys.exit(0)


def _refused(report: FileReport) -> None:
    """Show a refused spec's error findings (the reason nothing is written)."""
    for d in report.diagnostics:
        if d.severity.label == "error":
            click.echo(
                f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity.label}: {d.message}", err=True
            )


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)


_USDM_EPILOG = """\b
Examples:
  protocolgen export usdm specs/lupus-uc-msc.yaml                  JSON on standard output
  protocolgen export usdm specs/*.yaml -o usdm/                    usdm/<spec>.usdm.json each

\b
A CDISC USDM v4.0 Wrapper (one study, version and design) that validates against the
Wrapper-Input schema of USDM_API.json; ids are stable (same spec, same bytes). See docs/usdm.md.

\b
Exit codes: 0 written, 1 a spec has errors (nothing written), 2 unreadable input,
130 interrupted (Ctrl-C; the files already written are complete)."""


@export_group.command("usdm", epilog=_USDM_EPILOG)
@click.argument("specs", metavar="SPEC...", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="A .json file (one spec) or a directory (one <spec>.usdm.json per spec).",
)
def export_usdm(specs: tuple[str, ...], output: Path | None) -> None:
    """Write specs as CDISC USDM v4.0 JSON."""
    from protocolgen.interop.usdm import files

    where = files.targets(list(specs), output)
    result = files.export_files(list(specs))
    for report in result.reports:
        _refused(report)
    if not result.texts:
        click.echo("PG950 error: a spec has error findings; nothing written.", err=True)
        sys.exit(result.exit_code)
    if output is not None and output.suffix != ".json":
        output.mkdir(parents=True, exist_ok=True)
    for text, target in zip(result.texts, where, strict=True):
        _write(text, target)
    sys.exit(0)


_USDM_IMPORT_EPILOG = """\b
Examples:
  protocolgen import usdm CDISC_Pilot_Study.json                 spec YAML on standard output
  protocolgen import usdm study.json -o spec.yaml --design StudyDesign_2

\b
Codes: PG901/PG905/PG906 and PG920-PG922 the file cannot be imported (USDM 3.x, another
JSON, duplicate ids); PG923 unresolved reference (with its JSON path), PG924 several study
designs (the one taken is named), PG925 content not imported, PG926 unresolved text tags.
See docs/usdm.md.

\b
Exit codes: 0 written (warnings allowed), 1 bad content (nothing written), 2 unreadable,
130 interrupted (Ctrl-C; nothing written)."""


@import_group.command("usdm", epilog=_USDM_IMPORT_EPILOG)
@click.argument("source", metavar="FILE.json", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the spec here."
)
@click.option(
    "--design", default=None, help="Id of the study design to import (default: the first)."
)
def import_usdm(source: Path, output: Path | None, design: str | None) -> None:
    """Turn a CDISC USDM v4 Wrapper (JSON) into spec YAML."""
    from protocolgen.interop.usdm.importing import import_file

    result = import_file(source, output, design)
    for finding in result.findings:
        click.echo(finding.format(str(source)), err=True)
    if result.exit_code:
        click.echo(f"{source}: nothing written", err=True)
        sys.exit(result.exit_code)
    if result.written is None:
        click.echo(result.text, nl=False)
    else:
        click.echo(f"wrote {result.written}", err=True)
    sys.exit(0)
