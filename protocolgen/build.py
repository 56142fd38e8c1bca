"""Orchestration of ``render`` and ``build``: discover → check → render each format → index.

Each spec is checked first. A spec with error findings is not rendered (its findings say
why) and its outputs from an earlier run are removed; a spec with only warnings renders,
marked as a draft. A spec whose cache key and outputs are unchanged since the last run is not
rendered again (:mod:`protocolgen.cache`). Specs are rendered in a process pool, one
:class:`Renderer` per worker process, because the PDF renderer is expensive to create.
Results come back as plain values; only the CLI turns them into output and exit codes.

Crash safety (docs/reliability.md): files are written atomically; a run locks the output
folder (a second run waits) and deletes the temporary files a killed run left; on Ctrl-C the
workers (which ignore SIGINT) are terminated and ``KeyboardInterrupt`` goes up to the CLI.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocolgen import api, cache
from protocolgen.diagnostics import Diagnostic, FileReport, Severity
from protocolgen.errors import ProtocolgenError
from protocolgen.parallel import sigint_blocked as _sigint_blocked
from protocolgen.parallel import terminate
from protocolgen.render import OUTPUT_NAMES, SUMMARY_FORMATS, documents
from protocolgen.render.documents import DOCUMENT_FORMATS
from protocolgen.render.env import environment, load, render, template_dirs
from protocolgen.render.index import IndexRow, index_row, write_index
from protocolgen.render.output import (
    output_lock,
    release_inherited_locks,
    remove_stale_temps,
    trial_dir,
    unique_slugs,
    write_atomic,
)
from protocolgen.render.synopsis_view import Synopsis, build_synopsis
from protocolgen.render.view import build_summary


@dataclass
class TrialOutcome:
    """What happened to one spec: its findings, its folder and the files written there."""

    source: str
    slug: str
    report: FileReport
    #: File names in ``out/<slug>/`` (written now or up to date); empty when not rendered.
    written: list[str] = field(default_factory=list)
    row: IndexRow | None = None
    #: True when the outputs from an earlier run were current, so nothing was rendered.
    cached: bool = False
    #: What the cache manifest records for this spec; None when it was not rendered.
    entry: cache.Entry | None = None
    #: Stale outputs of an earlier run deleted because the spec now has errors.
    removed: list[str] = field(default_factory=list)

    @property
    def rendered(self) -> bool:
        return bool(self.written)

    @property
    def draft(self) -> bool:
        return self.rendered and self.report.count(Severity.WARNING) > 0


@dataclass
class BuildResult:
    """The outcome of a whole run, in the order the specs were given."""

    out_dir: Path
    trials: list[TrialOutcome]
    index: Path | None = None

    @property
    def skipped(self) -> list[TrialOutcome]:
        return [t for t in self.trials if not t.rendered]

    @property
    def exit_code(self) -> int:
        """2 when a spec could not be read at all, 1 when one had errors, else 0."""
        if any(t.report.unreadable for t in self.trials):
            return 2
        return 1 if self.skipped else 0


class Renderer:
    """Everything one process needs to render a spec in ``formats``; create it once."""

    def __init__(self, formats: Sequence[str], template_dir: str | Path | None = None,
                 pdf_variant: str | None = None) -> None:
        self.formats = tuple(formats)
        self.pdf_variant = pdf_variant
        self.dirs = template_dirs(template_dir)
        self.env = environment(self.dirs)
        self._pdf: Any = None

    def render(self, data: dict[str, Any], findings: list[Diagnostic]) -> dict[str, bytes]:
        """The file contents of every format, keyed by format name.

        The synopsis view model is built once and laid out by each synopsis format (PDF,
        Word, the SoA files), so they cannot disagree.
        """
        summary = build_summary(data, findings)
        synopsis: Synopsis | None = None
        out: dict[str, bytes] = {}
        for fmt in self.formats:
            if fmt in SUMMARY_FORMATS:
                out[fmt] = render(self.env, f"summary.{fmt}.j2", s=summary).encode("utf-8")
                continue
            synopsis = synopsis or build_synopsis(data, findings)
            if fmt in DOCUMENT_FORMATS:
                out[fmt] = documents.write(fmt, synopsis, self.dirs)
                continue
            if self._pdf is None:  # created on first use, then reused for every spec
                self._pdf = pdf_renderer_class()(template_dirs=self.dirs,
                                                 pdf_variant=self.pdf_variant)
            out[fmt] = self._pdf.pdf_of_html(self._pdf.html_of(synopsis))
        return out


#: What to tell someone whose installation has no PDF renderer.
INSTALL_PDF = ("PDF synopses need the pdf extra: pip install 'protocolgen[pdf]' "
               "(or leave PDF out with --to md,html,txt,docx)")


def require_pdf() -> None:
    """Stop with :data:`INSTALL_PDF` when WeasyPrint is not installed (without importing it)."""
    if not documents.installed("weasyprint"):
        raise ProtocolgenError(INSTALL_PDF)


def pdf_renderer_class() -> Any:
    """Import the PDF renderer (and WeasyPrint) on demand; unavailable is a clear error."""
    require_pdf()
    try:
        from protocolgen.render.pdf import PdfRenderer
    except ImportError as exc:
        message = f"PDF rendering is not available ({exc}); use --to md,html,txt"
        raise ProtocolgenError(message) from exc
    return PdfRenderer


#: One spec to process: its source, its slug and its entry in the cache manifest.
Job = tuple[str, str, cache.Entry | None]


def process(
    renderer: Renderer, job: Job, out_dir: Path, context: str | None = None
) -> TrialOutcome:
    """Check one spec; unless it has errors or is up to date, render it into ``out_dir``.

    ``context`` is :func:`protocolgen.cache.run_context`; None renders even an up-to-date spec.
    """
    source, slug, previous = job
    folder = trial_dir(out_dir, slug)
    checked = api.check_source(source)
    outcome = TrialOutcome(source, slug, checked.report)
    doc = checked.document
    data = doc.data if doc is not None else None
    outcome.row = index_row(slug, data, checked.report)
    if doc is None or checked.report.has_errors or not isinstance(data, dict):
        outcome.removed = cache.remove_outputs(folder)
        return outcome
    findings = checked.report.diagnostics
    # Standard input has no file to compare with next time, so it is never cached.
    cached = context is not None and source != api.STDIN
    key = cache.spec_key(context, source, doc.text, findings) if context and cached else ""
    if key and previous and cache.up_to_date(previous, key, folder):
        outcome.cached, outcome.entry, outcome.written = True, previous, list(previous.outputs)
    else:
        hashes = {}
        for fmt, content in renderer.render(data, findings).items():
            write_atomic(folder / OUTPUT_NAMES[fmt], content)
            hashes[OUTPUT_NAMES[fmt]] = cache.digest(content)
        outcome.written = list(hashes)
        outcome.entry = cache.Entry(key, hashes) if key else None
    outcome.row = index_row(slug, data, checked.report, written=outcome.written)
    return outcome


_WORKER: Renderer | None = None


def _init_worker(formats: Sequence[str], template_dir: str | None, parent: int,
                 pdf_variant: str | None = None) -> None:
    # One Renderer per worker process, reused for every spec that process renders. Ctrl-C
    # reaches the whole process group: the parent alone handles it and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    release_inherited_locks()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    global _WORKER
    _WORKER = Renderer(formats, template_dir, pdf_variant)


def _exit_with(parent: int) -> None:
    # A worker whose parent was killed (SIGKILL, OOM killer) would wait for work forever.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(job: Job, out_dir: Path, context: str) -> TrialOutcome:
    assert _WORKER is not None, "the pool initializer creates the renderer"
    return process(_WORKER, job, out_dir, context)


def run(
    paths: Sequence[str],
    out_dir: Path,
    *,
    formats: Sequence[str],
    template_dir: str | None = None,
    jobs: int = 1,
    index: bool = True,
    use_cache: bool = True,
    on_done: Callable[[TrialOutcome], None] | None = None,
    on_wait: Callable[[], None] | None = None,
    pdf_variant: str | None = None,
    only: Sequence[str] | None = None,
) -> BuildResult:
    """Render every spec found under ``paths`` into ``out_dir`` (see the module docstring).

    ``jobs`` > 1 renders in that many processes; ``on_done`` is called as each spec finishes
    (progress bar); ``on_wait`` once if another run holds the folder's lock;
    ``use_cache=False`` renders even up-to-date specs; ``pdf_variant`` is ``pdf/ua-1`` or
    ``pdf/a-3u`` (docs/synopsis.md); ``only`` (``--changed-since``) renders just those of the
    specs found, with folder names chosen among all of them. Template and output problems,
    and two specs whose folder names collide, raise a ProtocolgenError.
    """
    with output_lock(out_dir, on_wait):
        renderer = Renderer(formats, template_dir, pdf_variant)
        return _locked_run(
            paths, out_dir, renderer, template_dir, jobs, index, use_cache, on_done, only
        )


def _locked_run(
    paths: Sequence[str],
    out_dir: Path,
    local: Renderer,
    template_dir: str | None,
    jobs: int,
    index: bool,
    use_cache: bool,
    on_done: Callable[[TrialOutcome], None] | None,
    only: Sequence[str] | None = None,
) -> BuildResult:
    remove_stale_temps(out_dir, [*OUTPUT_NAMES.values(), "index.html", cache.MANIFEST])
    sources = api.discover(paths)
    manifest = cache.Manifest.load(out_dir)  # loaded even without the cache, to update it
    known = manifest.entries if use_cache else {}
    # A PDF variant changes the PDF, so it is part of the key (absent: keys stay as before).
    variant = [f"pdf-variant={local.pdf_variant}"] if local.pdf_variant else []
    context = cache.run_context([*local.formats, *variant], local.dirs)
    # Fail early without PDF support; forked workers then inherit WeasyPrint. With a cache to
    # reuse, most specs need no PDF, so the import waits for the first PDF rendered.
    if "pdf" in local.formats:
        require_pdf()
        if not known:
            pdf_renderer_class()
    documents.require_word(local.formats)
    names = [f"summary.{fmt}.j2" for fmt in local.formats if fmt in SUMMARY_FORMATS]
    for name in [*names, "index.html.j2"] if index else names:
        load(local.env, name)
    pairs = list(zip(sources, unique_slugs(sources), strict=True))  # among all, then filter
    if only is not None:
        wanted = set(only)
        pairs = [(source, slug) for source, slug in pairs if source in wanted]
    workers = min(jobs, len(pairs))
    todo: list[Job] = [(source, slug, known.get(slug)) for source, slug in pairs]
    for _, slug, _ in todo:
        trial_dir(out_dir, slug)  # a planted link stops the run before anything is written
    if workers <= 1 or api.STDIN in sources:  # standard input cannot be read by a child
        outcomes = []
        for job in todo:
            outcomes.append(process(local, job, out_dir, context))
            if on_done:
                on_done(outcomes[-1])
    else:
        outcomes = _in_pool(todo, out_dir, context, local, template_dir, workers, on_done)
    manifest.update((t.slug, t.entry) for t in outcomes)
    result = BuildResult(out_dir, outcomes)
    if index:
        rows = [t.row for t in outcomes if t.row is not None]
        result.index = write_index(local.env, out_dir, rows)
    return result


def _in_pool(
    todo: Sequence[Job],
    out_dir: Path,
    context: str,
    local: Renderer,
    template_dir: str | None,
    workers: int,
    on_done: Callable[[TrialOutcome], None] | None,
) -> list[TrialOutcome]:
    done: dict[int, TrialOutcome] = {}
    pool = cf.ProcessPoolExecutor(
        workers, initializer=_init_worker,
        initargs=(local.formats, template_dir, os.getpid(), local.pdf_variant),
    )
    try:
        # Workers fork during the first submit: SIGINT stays blocked until they ignore it
        # (the parent gets a pending one when its mask is restored).
        with _sigint_blocked():
            futures = {pool.submit(_work, job, out_dir, context): n for n, job in enumerate(todo)}
        for future in cf.as_completed(futures):
            done[futures[future]] = future.result()  # re-raises a worker's TemplateError
            if on_done:
                on_done(done[futures[future]])
    except KeyboardInterrupt:
        # Do not wait for a PDF being rendered: end the workers now. A worker killed inside
        # write_atomic leaves only a temporary file, which the next run deletes.
        terminate(pool)
        raise
    finally:
        # On an error, drop the queued specs instead of rendering them for nothing.
        pool.shutdown(wait=True, cancel_futures=True)
    return [done[number] for number in range(len(todo))]
