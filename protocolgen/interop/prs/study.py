"""One PRS ``clinical_study`` under construction: elements written with their findings.

:class:`Study` writes an element only for a value (or, when the XSD requires it, empty with
a PG952 finding), codes in PRS's words (PG954 when PRS has none), text over PRS limits
whole with PG953, and characters XML cannot carry replaced (PG954).
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from protocolgen.diagnostics import Severity
from protocolgen.interop.findings import RecordFinding
from protocolgen.interop.prs import labels as prs

# Characters XML 1.0 cannot hold at all (C0 controls but tab, CR, LF; surrogates; FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Study:
    """Builds one ``clinical_study`` and collects its findings; ``where`` names the spec."""

    def __init__(self, where: str, *, partial: bool) -> None:
        self.where = where
        self.partial = partial
        self.findings: list[RecordFinding] = []
        self.root = Element("clinical_study")
        if partial:
            self.root.set("partial_upload", "true")

    def note(self, code: str, pointer: str, message: str) -> None:
        self.findings.append(RecordFinding(pointer, code, Severity.WARNING, message))

    def text(
        self,
        parent: Element,
        tag: str,
        value: Any,
        pointer: str,
        *,
        required: bool = False,
        block: bool = False,
    ) -> Element | None:
        """``<tag>value</tag>`` (``<tag><textblock>…`` with ``block``); nothing for no value,
        unless ``required``: then an empty element and a PG952 finding."""
        if value is None or value == "" or value == []:
            if not required or (self.partial and parent is self.root):
                return None  # a partial upload leaves what it omits as PRS has it
            self.note("PG952", pointer, f"{tag} is required by PRS but the spec has no value")
            value = ""
        value = str(value)
        if _NOT_XML.search(value):
            self.note("PG954", pointer, f"{tag} holds characters XML cannot carry; replaced by �")
            value = _NOT_XML.sub("\ufffd", value)
        limit = prs.LIMITS.get(tag)
        if limit is not None and len(value) > limit:
            self.note(
                "PG953",
                pointer,
                f"{tag} has {len(value)} characters, over the PRS limit of {limit}: "
                "written whole; shorten it before upload",
            )
        element = SubElement(parent, tag)
        if block:
            SubElement(element, "textblock").text = value
        else:
            element.text = value
        return element

    def code(
        self,
        parent: Element,
        tag: str,
        value: Any,
        words: dict[str, str],
        pointer: str,
        *,
        required: bool = False,
    ) -> None:
        """A code in PRS's words; a code PRS has no word for is left out (PG954)."""
        if value is not None and value not in words:
            self.note("PG954", pointer, f"{tag}: PRS has no value for {value!r}; left out")
            value = None
        self.text(parent, tag, words.get(value) if value else None, pointer, required=required)
