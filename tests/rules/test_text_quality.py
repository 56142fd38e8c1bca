"""Text-quality rules on single strings."""

from __future__ import annotations

import pytest

from protocolgen.rules.text_quality import glued_citation_numbers


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("Studies found it safe.12345", ["12345"]),
        ("in larger groups.12345 Later work", ["12345"]),
        # DOIs and URLs: their dotted parts are identifiers (NCT02552212, NCT03630471).
        ("Arthritis Rheumatol. 2019 Jul;71(7):1101-1111. doi: 10.1002/art.40866.", []),
        ("doi: 10.14219/jada.archive.2008.0252.", []),
        ("see https://example.org/report.2016.pdf", []),
        ("e1003778. doi: 10.1371/journal.pmed.1003778.", []),
        # A DOI first does not hide a glued number later in the same text.
        ("See doi:10.1002/art.40866 for details. Studies found it safe.12345", ["12345"]),
        ("Version 1.2 of the protocol.", []),
    ],
)
def test_glued_citation_numbers(text: str, glued: list[str]) -> None:
    found = [f.message.split("'")[1] for f in glued_citation_numbers({"text": text})]
    assert found == glued
