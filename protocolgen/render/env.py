"""The Jinja environment for summaries: search path, strictness, escaping, error reporting.

* The user's ``--templates`` directory comes first on the search path, so a sponsor replaces
  any built-in template, partial or stylesheet by giving a file the same name.
* ``StrictUndefined``: a typo in a template is an error with the template name and line,
  never an empty string in a registry document.
* Autoescape is on for ``*.html.j2`` (and their ``_*.html.j2`` partials) only. Markdown has no
  autoescape, so Markdown templates pass spec text through the ``md`` filters below.
* Spec text is only ever *data* handed to ``render()``; it is never compiled as a template,
  so ``{{ 7*7 }}`` in a spec prints as written.
* Templates run in Jinja's ``ImmutableSandboxedEnvironment``: a template from ``--templates``
  (which a pull request may change) can read the view model and use filters, tests and
  ``namespace()``, but not reach private attributes (``__class__``, ``__globals__``…),
  Python internals, or change a list or mapping it is given; trying is a template error.
"""

from __future__ import annotations

import re
import textwrap
import traceback
from collections.abc import Sequence
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from protocolgen.errors import TemplateError
from protocolgen.resources import data_dir

# Characters that start markup anywhere in a CommonMark/GFM line: emphasis, code, links,
# raw HTML, entities, table cells, strikethrough, and the backslash itself. ('(' and '!' only
# matter after ']' or before '[', which are escaped, so prose stays readable.)
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# What opens a block only at the start of a line: list bullets and numbers, ATX headings,
# setext underlines (and '>' quotes, which _MD_INLINE already escapes).
_MD_LINE_START = re.compile(
    r"^([ \t]*)([-+]|#{1,6}|=+|\d{1,9}(?=[.)]))(?=[ \t.)]|$)", re.MULTILINE
)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "1. text" → "1\. text": the escape goes on the punctuation
        return lead + marker + "\\"
    return lead + "\\" + marker


def md(value: object) -> str:
    """Escape spec text for Markdown so it always reads as plain text, never as markup."""
    escaped = _MD_INLINE.sub(r"\\\1", str(value))
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def md_inline(value: object) -> str:
    """:func:`md`, on one line: for table cells, list items and headings."""
    return md(" ".join(str(value).split()))


def md_block(value: object) -> str:
    """:func:`md` for multi-paragraph text: paragraphs kept, single line breaks kept as such."""
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    # Two trailing spaces would be invisible; a backslash before the newline is a hard break.
    return "\n\n".join(md(p.strip()).replace("\n", "\\\n") for p in paragraphs)


def wrap(value: object, width: int = 78, indent: str = "", first: str | None = None) -> str:
    """Plain-text paragraphs wrapped to ``width``; ``first`` prefixes the first line."""
    lead = indent if first is None else first
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    wrapped = []
    for number, paragraph in enumerate(paragraphs):
        wrapped.append(
            textwrap.fill(
                " ".join(paragraph.split()),
                width=width,
                initial_indent=lead if number == 0 else indent,
                subsequent_indent=indent,
                break_on_hyphens=False,
            )
        )
    return "\n\n".join(wrapped)


def template_dirs(user_dir: str | Path | None = None) -> list[Path]:
    """The search path: the user's directory first (when given), then the built-in one."""
    builtin = data_dir("templates")
    return [Path(user_dir), builtin] if user_dir is not None else [builtin]


def environment(dirs: Sequence[Path]) -> jinja2.Environment:
    """A Jinja environment over ``dirs`` with the house settings (see module docstring)."""
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(md=md, md_inline=md_inline, md_block=md_block, wrap=wrap)
    return env


def load(env: jinja2.Environment, name: str) -> jinja2.Template:
    """Load template ``name``; a missing or malformed template is a :class:`TemplateError`."""
    try:
        return env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}") from exc
    except jinja2.TemplateSyntaxError as exc:
        where = f"{Path(exc.filename or exc.name or name).name}:{exc.lineno}"
        raise TemplateError(f"{where}: template syntax error: {exc.message}") from exc


def render(env: jinja2.Environment, name: str, **context: object) -> str:
    """Render template ``name``; any template problem becomes a :class:`TemplateError`.

    The message starts with ``template:line`` of the innermost template involved, so a typo
    in a partial names the partial.
    """
    template = load(env, name)
    try:
        return template.render(**context)
    except jinja2.TemplateNotFound as exc:  # an include or import of a missing partial
        raise TemplateError(f"{_where(exc, name)}: template not found: {exc.name}") from exc
    except jinja2.TemplateSyntaxError as exc:  # in a template included while rendering
        where = f"{Path(exc.filename or exc.name or name).name}:{exc.lineno}"
        raise TemplateError(f"{where}: template syntax error: {exc.message}") from exc
    except jinja2.TemplateError as exc:  # UndefinedError and friends
        raise TemplateError(f"{_where(exc, name)}: {exc.message or exc}") from exc


def _where(exc: BaseException, name: str) -> str:
    """``template:line`` of the innermost template frame in the traceback of ``exc``.

    Jinja rewrites tracebacks so that frames inside templates carry the template's file name
    and line number; the innermost one is where the typo is (it may be a partial).
    """
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename.endswith(".css"):
            return f"{Path(frame.filename).name}:{frame.lineno}"
    return name
