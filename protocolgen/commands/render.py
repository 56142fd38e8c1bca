"""``protocolgen render`` and ``protocolgen build``: options → :func:`protocolgen.build.run`.

Nothing here imports WeasyPrint: the PDF renderer is imported inside the worker that renders
a PDF, so ``protocolgen validate`` (which imports this module through ``cli.py``) stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from protocolgen import api, build, cache, config
from protocolgen.cli import exit_on_interrupt
from protocolgen.config import PDF_VARIANTS
from protocolgen.diagnostics import FileReport, Summary
from protocolgen.quoting import visible
from protocolgen.render import DEFAULT_FORMATS, FORMATS
from protocolgen.reporters import REPORTERS

#: Below this many specs a progress bar would only flicker.
PROGRESS_MIN = 4


def parse_formats(
    ctx: click.Context | None, param: click.Parameter | None, value: str
) -> tuple[str, ...]:
    """``"md,html"`` → ``("md", "html")`` in the canonical order; unknown names are usage errors."""
    wanted = {part.strip().lower() for part in value.split(",") if part.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown or not wanted:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {','.join(FORMATS)}",
            ctx=ctx,
            param=param,
        )
    return tuple(f for f in FORMATS if f in wanted)


def _interactive() -> bool:
    # A progress bar only for a person watching a terminal; never in CI logs or pipes.
    return sys.stdout.isatty() and sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def _progress(count: int) -> Iterator[Callable[[build.TrialOutcome], None] | None]:
    if count < PROGRESS_MIN or not _interactive():
        yield None
        return
    with click.progressbar(length=count, label="Rendering", file=sys.stderr) as bar:
        yield lambda _outcome: bar.update(1)


def _report(result: build.BuildResult) -> None:
    """Say why each skipped spec was not rendered, then one summary line.

    "Rendered N of M specs (K up to date)": N were rendered by this run, K were left as they
    were because their cache key and outputs had not changed.
    """
    skipped: list[FileReport] = [t.report for t in result.skipped]
    if skipped:
        text = REPORTERS["text"]().render(skipped, Summary.of(skipped))
        click.echo(text, nl=False)
    drafts = sum(1 for t in result.trials if t.draft)
    current = sum(1 for t in result.trials if t.cached)
    rendered = len(result.trials) - len(skipped) - current
    line = f"Rendered {rendered} of {len(result.trials)} specs"
    if current:
        line += f" ({current} up to date)"
    line += f" into {visible(result.out_dir)}"
    if drafts:
        line += f" ({drafts} marked as draft)"
    if skipped:
        line += f"; {len(skipped)} not rendered because of errors (see above)"
        stale = sum(1 for t in result.skipped if t.removed)
        if stale:
            line += f", outputs of an earlier run removed for {stale}"
    if result.index is not None:
        line += f"; index: {visible(result.index)}"
    click.echo(line + ".")


def _run(
    paths: Sequence[str],
    out: Path,
    formats: tuple[str, ...],
    templates: Path | None,
    jobs: int | None,
    *,
    index: bool,
    use_cache: bool,
    changed_since: str | None = None,
    pdf_variant: str | None = None,
) -> None:
    sources = api.discover(paths)
    if not sources:
        raise click.UsageError("no *.yaml or *.yml files found in the given paths")
    if pdf_variant is None:  # the configuration nearest the (first) spec decides
        first = next((s for s in sources if s != api.STDIN), None)
        pdf_variant = config.resolve(first).pdf_variant
    only = None
    if changed_since is not None:
        only = cache.changed_since(changed_since, sources)
        if not only:
            click.echo(f"No spec changed since {visible(changed_since)}; nothing to render.")
            sys.exit(0)
    # Files already written are complete (atomic writes); the rest keep their old contents,
    # and the cache manifest was not updated, so the next run renders them.
    with (
        exit_on_interrupt(f"{visible(out)} may be only partly updated; run again"),
        _progress(len(sources if only is None else only)) as on_done,
    ):
        result = build.run(
            sources,
            out,
            formats=formats,
            template_dir=str(templates) if templates else None,
            jobs=jobs or os.cpu_count() or 1,
            index=index,
            use_cache=use_cache,
            on_done=on_done,
            pdf_variant=pdf_variant,
            only=only,
            on_wait=lambda: click.echo(
                f"Waiting for another protocolgen run into {visible(out)} to finish...",
                err=True,
            ),
        )
    _report(result)
    sys.exit(result.exit_code)


class _OutPath(click.Path):
    """``click.Path`` that reports a NUL byte as a usage error (``os.stat`` would raise)."""

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Any:
        if "\0" in str(value):
            self.fail("the path contains a NUL byte", param, ctx)
        return super().convert(value, param, ctx)


_out = click.option(
    "-o",
    "--out",
    type=_OutPath(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Output folder; each trial goes to OUT/<spec file name>/.",
)
_templates = click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder searched before the built-in templates: a file there with the same name "
    "(summary.html.j2, summary.css, ...) replaces the built-in one.",
)
_jobs = click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: all cores]."
)
_no_cache = click.option(
    "--no-cache",
    is_flag=True,
    help="Render every spec, even those whose outputs in OUT are up to date "
    f"(OUT/{cache.MANIFEST} records what was rendered).",
)


_pdf_variant = click.option(
    "--pdf-variant",
    type=click.Choice(PDF_VARIANTS),
    default=None,
    help="Write the synopsis PDF as PDF/UA-1 (accessible) or PDF/A-3u (archival) "
    "[default: 'pdf-variant' in the configuration, else a plain tagged PDF].",
)


def _to(default: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--to",
        "formats",
        default=default,
        show_default=True,
        callback=parse_formats,
        help=f"Comma-separated formats: {','.join(FORMATS)}.",
    )


@click.command(
    epilog="""\b
Examples:
  protocolgen render specs/ra-uc-msc.yaml --to html       one trial, HTML only
  protocolgen render specs/*.yaml --to md,txt -o drafts/  several, Markdown and text

\b
Specs whose outputs in OUT are up to date are not rendered again (see --no-cache).

\b
Exit codes: 0 rendered (warnings allowed; such records are marked as draft),
1 a spec had errors and was not rendered, 2 usage, template or output error,
130 interrupted (Ctrl-C).""",
)
@click.argument("paths", nargs=-1, required=True, metavar="SPEC...", type=click.Path())
@_to(",".join(DEFAULT_FORMATS))
@_out
@_templates
@_jobs
@_no_cache
@_pdf_variant
def render(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    out: Path,
    templates: Path | None,
    jobs: int | None,
    no_cache: bool,
    pdf_variant: str | None,
) -> None:
    """Render specs in the chosen formats into OUT/<spec file name>/ (no index page)."""
    _run(paths, out, formats, templates, jobs, index=False, use_cache=not no_cache,
         pdf_variant=pdf_variant)


@click.command(
    "build",
    epilog="""\b
Examples:
  protocolgen build specs -o out          every spec below specs/, default formats
  protocolgen build --to md,html,txt      skip the PDF synopses
  protocolgen build --changed-since main  only the specs changed since git revision main

\b
Writes OUT/<spec file name>/summary.md, summary.html, summary.txt, synopsis.pdf and
synopsis.docx for each spec (--to soa-docx,soa-xlsx adds the schedule of activities as
soa.docx and soa.xlsx), and OUT/index.html listing every trial. A spec with errors is not
rendered (its findings are printed, its outputs from an earlier run are removed); a spec
with warnings renders, marked as a draft. A spec is rendered again only when it, the templates, the
configuration, its findings, the formats or protocolgen changed, or when one of its
outputs was deleted or edited; OUT/index.html is always rewritten.

\b
Exit codes: 0 all rendered, 1 a spec had errors, 2 usage, template or output error,
or --changed-since outside a git repository or with an unknown revision;
130 interrupted (Ctrl-C).""",
)
@click.argument("path", required=False, default="specs", metavar="[PATH]", type=click.Path())
@_out
@_to(",".join(DEFAULT_FORMATS))
@_templates
@_jobs
@_no_cache
@_pdf_variant
@click.option(
    "--changed-since",
    metavar="REV",
    default=None,
    help="Build only the specs that differ from git revision REV (or are untracked).",
)
def build_command(
    path: str,
    out: Path,
    formats: tuple[str, ...],
    templates: Path | None,
    jobs: int | None,
    no_cache: bool,
    pdf_variant: str | None,
    changed_since: str | None,
) -> None:
    """Validate every spec under PATH (default: specs), render all formats and an index."""
    _run(
        [path],
        out,
        formats,
        templates,
        jobs,
        index=True,
        use_cache=not no_cache,
        changed_since=changed_since,
        pdf_variant=pdf_variant,
    )
