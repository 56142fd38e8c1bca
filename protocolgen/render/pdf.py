"""Synopsis PDF through WeasyPrint: the only module (with fetcher.py) that imports it.

One :class:`PdfRenderer` per process: it parses the stylesheet once and shares one
``FontConfiguration`` and one image cache across documents, which is what makes a batch in
one process cheaper than a process per PDF (docs/benchmarks.md).

Output is reproducible: the PDF carries no render time (``dcterms.created``/``modified``
come only from the spec's protocol version date), no ``/ID`` and no PDF/X variant, so the
same spec, templates, fonts and Pango give the same bytes.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from protocolgen.diagnostics import Diagnostic
from protocolgen.errors import TemplateError
from protocolgen.render.fetcher import RestrictedFetcher
from protocolgen.render.synopsis_view import Synopsis, build_synopsis

TEMPLATE = "synopsis.html.j2"
STYLESHEET = "synopsis.css"
#: PDF variants passed through to WeasyPrint. PDF/X is left out on purpose: it stamps the
#: render time and a random document id, which breaks byte-identical output.
VARIANTS = (None, "pdf/ua-1", "pdf/a-3u")


def _template_line(error: BaseException) -> tuple[str, int]:
    """The template file and line a Jinja runtime error came from.

    Jinja rewrites tracebacks so template frames carry the template's file name and line.
    """
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".j2", ".html", ".css")):
            return Path(frame.filename).name, frame.lineno or 0
    return TEMPLATE, 0


class PdfRenderer:
    """Render synopsis PDFs from spec data, sharing fonts, stylesheet and image cache.

    ``template_dirs`` is the search path, first match wins: a user's ``--templates``
    directory (or ``None`` when not given) before the built-in ``templates/``. WeasyPrint
    may read files only inside these directories.
    """

    def __init__(self, template_dirs: Iterable[Path | str | None], *,
                 pdf_variant: str | None = None) -> None:
        self.template_dirs = [Path(d).resolve() for d in template_dirs if d is not None]
        if not self.template_dirs:
            raise TemplateError("no template directory given for the PDF synopsis")
        if pdf_variant not in VARIANTS:
            raise TemplateError(f"unsupported PDF variant {pdf_variant!r}; use one of "
                                + ", ".join(v for v in VARIANTS if v))
        self.pdf_variant = pdf_variant
        # Autoescape everything: spec text is data. It is only ever a value passed to
        # render(), never template source, so "{{ 7*7 }}" in a spec prints as written.
        # The immutable sandbox, as for the summaries (docs/rendering.md, "Custom templates").
        self.env = ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.template_dirs]),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.fetcher = RestrictedFetcher(self.template_dirs)
        self.font_config = FontConfiguration()
        self.cache: dict[str, Any] = {}
        self._stylesheet = self._load_stylesheet()

    def _find(self, name: str) -> Path:
        for directory in self.template_dirs:
            if (directory / name).is_file():
                return directory / name
        raise TemplateError(f"template {name} not found in "
                            + ", ".join(str(d) for d in self.template_dirs))

    def _load_stylesheet(self) -> Any:
        path = self._find(STYLESHEET)
        try:
            return CSS(filename=str(path), url_fetcher=self.fetcher,
                       font_config=self.font_config)
        except FatalURLFetchingError as e:
            raise TemplateError(f"{STYLESHEET}: {e} ({e.__cause__})") from e

    def render_html(self, data: dict[str, Any], findings: Sequence[Diagnostic]) -> str:
        """The synopsis as HTML (what WeasyPrint lays out)."""
        return self.html_of(build_synopsis(data, findings))

    def html_of(self, view: Synopsis) -> str:
        """Render the synopsis templates over ``view``; template problems → TemplateError."""
        try:
            return self.env.get_template(TEMPLATE).render(view=view)
        except jinja2.TemplateSyntaxError as e:
            raise TemplateError(f"{e.name or TEMPLATE}:{e.lineno}: {e.message}") from e
        except jinja2.TemplateNotFound as e:
            raise TemplateError(f"template {e.name} not found") from e
        except jinja2.TemplateError as e:
            name, line = _template_line(e)
            raise TemplateError(f"{name}:{line}: {e}") from e

    def pdf_of_html(self, html: str) -> bytes:
        """Lay out ``html`` and write the PDF (tagged, with the shared fonts and cache)."""
        base = self._find(TEMPLATE).parent
        try:
            document = HTML(string=html, base_url=base.as_uri() + "/",
                            url_fetcher=self.fetcher)
            pdf: bytes = document.write_pdf(
                stylesheets=[self._stylesheet],
                font_config=self.font_config,
                cache=self.cache,
                pdf_tags=True,
                pdf_variant=self.pdf_variant,
            )
        except FatalURLFetchingError as e:
            raise TemplateError(f"synopsis template asked for a refused resource: "
                                f"{e} ({e.__cause__})") from e
        return pdf

    def render(self, data: dict[str, Any], findings: Sequence[Diagnostic]) -> bytes:
        """The synopsis PDF of one schema-valid spec (``data``) with its findings."""
        return self.pdf_of_html(self.render_html(data, findings))
