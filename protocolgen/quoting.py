"""Text taken from input, made safe for whatever reads protocolgen's output.

Spec keys and values, file names and JSON paths end up in places that interpret text: a
terminal (ESC sequences), the GitHub runner (a line starting ``::`` is a workflow command),
a pull-request comment (Markdown with @mentions, images, links), a spreadsheet (formulas),
an XML parser (JUnit). Every reporter and writer quotes input through the functions here,
one per kind of reader, so the rules live in one place (docs/reliability.md, class 2):

* :func:`visible` for any one-line human format: control, bidi, zero-width and line or
  paragraph separator characters are shown as ``\\n``, ``\\x1b``, ``\\u202e``; a byte that is
  not UTF-8 in a file name (a surrogate escape) as ``\\xNN``. Nothing can start a new line.
* :func:`github_data` / :func:`github_property` for workflow commands, as GitHub documents.
* :func:`markdown` for a Markdown table cell or heading (CommonMark and GitHub).
* :func:`xml_text` for XML, :func:`csv_cell` for spreadsheets.
* :func:`document_text` / :func:`clean_data` for rendered documents: control characters
  (NUL, BEL, ESC…) are dropped, line breaks are ``\\n``.
"""

from __future__ import annotations

import re
from typing import Any

# C0/C1 controls and DEL, line/paragraph separators, bidi embeddings/overrides/isolates and
# marks, zero-width and invisible format characters, BOM, interlinear annotation, tag
# characters, and lone surrogates (a file name that is not UTF-8, read with surrogateescape).
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e01ef]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _show(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: object) -> str:
    """``text`` on one line with every invisible or line-breaking character made visible."""
    text = str(text)
    if text.isascii() and text.isprintable():
        return text  # the usual case: no ASCII control character, and nothing else to find
    return _INVISIBLE.sub(_show, text)


_SURROGATES = re.compile("[\ud800-\udfff]")


def scrub(text: object) -> str:
    """``text`` encodable as UTF-8: a byte that was not UTF-8 in a file name (read with
    surrogateescape) shown as ``\\xNN``; everything else kept (for JSON, SARIF)."""
    return _SURROGATES.sub(_show, str(text))


def github_data(text: object) -> str:
    """The message of a workflow command: :func:`visible`, then ``%``, CR, LF escaped."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: object) -> str:
    """A property value (``file=``, ``title=``) of a workflow command; ``:`` and ``,`` too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# Inline markup in CommonMark and GitHub: emphasis, code, links and images, raw HTML,
# entities, table cells, strikethrough, and the backslash itself.
_MD_PUNCT = re.compile(r"([\\`*_\[\]<>|~!#])")
# GitHub links these in plain text: @mentions (notify the user), URLs and www. hosts.
# A zero-width space (as an entity, so the Markdown source shows it) breaks the pattern.
_MD_AUTOLINK = re.compile(r"(@|:(?=//)|(?<=www)\.)", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def markdown(text: object, *, breaks: str = " ") -> str:
    """``text`` as literal text in one Markdown table cell, heading or list item.

    Line breaks (CR, LF, NEL, LS, PS…) become ``breaks`` (a space, or ``<br>`` in a table
    that keeps lines); other invisible characters are made visible; ``&``, ``<``, ``>`` are
    entities; markup punctuation is backslash-escaped; mentions and links are broken.
    """
    lines = [visible(line) for line in _LINE_BREAKS.split(str(text))]
    out = []
    for line in lines:
        line = line.replace("&", "&amp;")
        line = _MD_PUNCT.sub(r"\\\1", line)
        line = line.replace("\\<", "&lt;").replace("\\>", "&gt;")
        out.append(_MD_AUTOLINK.sub(r"\1&#8203;", line))
    return breaks.join(out)


# Characters XML 1.0 does not allow at all (not even as references).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: object) -> str:
    """``text`` with every character XML 1.0 forbids shown as an escape (see :func:`visible`)."""
    return _XML_ILLEGAL.sub(_show, str(text))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: str) -> str:
    """A spreadsheet cell that is never a formula: text starting ``= + - @`` (after spaces),
    tab or CR gets a leading ``'``, as OWASP advises against CSV injection."""
    return "'" + value if value.lstrip(" ").startswith(_FORMULA_START) else value


# Control characters that have no place in a document: C0 except tab and line feed, DEL,
# C1 (NEL is a line break), lone surrogates. CR, NEL, LS and PS become a line feed.
_DOC_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_DOC_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def document_text(text: str) -> str:
    """``text`` for a rendered document (md, html, txt, PDF): no control characters."""
    return _DOC_CONTROLS.sub("", _DOC_BREAKS.sub("\n", text))


def clean_data(value: Any) -> Any:
    """``value`` (spec data) with :func:`document_text` applied to every key and string."""
    if isinstance(value, str):
        return document_text(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value
