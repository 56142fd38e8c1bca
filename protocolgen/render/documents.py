"""Writers of the synopsis view model besides the PDF: Word (.docx) and Excel (.xlsx).

A registry, as for the reporters: each format is one writer over the same
:class:`~.synopsis_view.Synopsis` the PDF templates read, never over the spec. The writers
import python-docx or openpyxl only when a document of theirs is written, so ``validate``
never pays for them; python-docx is the ``word`` extra (:func:`require_word`).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence
from pathlib import Path

from protocolgen.errors import ProtocolgenError
from protocolgen.render.synopsis_view import Synopsis

#: Formats written by :func:`write`, and those of them that need python-docx.
DOCUMENT_FORMATS = ("docx", "soa-docx", "soa-xlsx")
WORD_FORMATS = frozenset({"docx", "soa-docx"})
#: What to tell someone whose installation has no python-docx.
INSTALL_WORD = ("Word outputs need the word extra: pip install 'protocolgen[word]' "
                "(or leave docx and soa-docx out of --to)")


def installed(module: str) -> bool:
    """Whether ``module`` can be imported, found without importing it (it may be slow)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # ValueError: a module set to None in sys.modules
        return False


def require_word(formats: Iterable[str]) -> None:
    """Stop with :data:`INSTALL_WORD` when a Word format is asked for without python-docx."""
    if WORD_FORMATS.intersection(formats) and not installed("docx"):
        raise ProtocolgenError(INSTALL_WORD)


def write(fmt: str, view: Synopsis, template_dirs: Sequence[Path]) -> bytes:
    """The bytes of ``view`` in ``fmt``; a sponsor's reference.docx on ``template_dirs``
    styles the Word formats."""
    if fmt == "soa-xlsx":
        from protocolgen.render.soa_xlsx import write_soa_xlsx

        return write_soa_xlsx(view)
    require_word([fmt])
    from protocolgen.render.docx_package import reference

    ref = reference(template_dirs)
    if fmt == "docx":
        from protocolgen.render.docx_synopsis import write_synopsis

        return write_synopsis(view, ref)
    if fmt == "soa-docx":
        from protocolgen.render.soa_docx import write_soa

        return write_soa(view, ref)
    raise ValueError(f"not a document format: {fmt}")
