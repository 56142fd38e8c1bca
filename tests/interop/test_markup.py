"""CT.gov Markdown ⇄ plain text: CommonMark backslash escapes undone on import, put back on
export, so that import → export → import is stable."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protocolgen.interop.markup import escape, markdown, unescape


@pytest.mark.parametrize(
    ("record", "plain"),
    [
        ("titers of \\<0.1 IU/ml", "titers of <0.1 IU/ml"),
        ("the Adacel \\[Tdap\\] vaccine", "the Adacel [Tdap] vaccine"),
        ("Lazarus \\& Folkman", "Lazarus & Folkman"),
        ("1×10\\^6 cells, \\#3, a\\_b, \\*", "1×10^6 cells, #3, a_b, *"),
        ("a \\\\ b", "a \\ b"),  # an escaped backslash
        ("a \\\\\\< b", "a \\< b"),  # an escaped backslash, then an escaped '<'
        # Not escapes (CommonMark: only ASCII punctuation): kept with their backslash.
        (
            "C:\\Temp, \\a, \\é, \\ x, line\\\nbreak, end\\",
            "C:\\Temp, \\a, \\é, \\ x, line\\\nbreak, end\\",
        ),
    ],
)
def test_unescape(record: str, plain: str) -> None:
    assert unescape(record) == plain


@pytest.mark.parametrize(
    ("plain", "record"),
    [
        ("titers of <0.1 IU/ml", "titers of \\<0.1 IU/ml"),
        (
            "BASDAI [score] >= 4 & `x` |y| ~~z~~ ^sup^ _em_",
            "BASDAI \\[score\\] \\>= 4 \\& \\`x\\` \\|y\\| \\~\\~z\\~\\~ \\^sup\\^ \\_em\\_",
        ),
        # What cannot open anything stays as the record left it (byte-for-byte round trip).
        ("10^9/L a_b_c #1 ~5 mg a|b", "10^9/L a_b_c #1 ~5 mg a|b"),
        ("C:\\Temp", "C:\\\\Temp"),
        # Punctuation that opens nothing is left alone.
        (
            "Yes (n=3): 5-10 days, +2; 'a' \"b\" {c} 50% $1 @x ? !",
            "Yes (n=3): 5-10 days, +2; 'a' \"b\" {c} 50% $1 @x ? !",
        ),
        # The record's lists stay lists ...
        (
            "goals:\n\n* one\n- two\n+ three\n1. four\n  2) five",
            "goals:\n\n* one\n- two\n+ three\n1. four\n  2) five",
        ),
        # ... but emphasis, headings, quotes and rules do not open.
        (
            "*note*\n# of sites\n> 5\n---\n- - -\n===",
            "\\*note\\*\n\\# of sites\n\\> 5\n\\---\n\\- - -\n\\===",
        ),
        ("", ""),
    ],
)
def test_escape(plain: str, record: str) -> None:
    assert escape(plain) == record
    assert unescape(record) == plain


def test_escape_without_lists_keeps_a_criterion_one_item() -> None:
    text = "* a\n- b\n+ c\n12. d\n3) e\n-5 °C\n1.5 mg"
    assert escape(text, lists=False) == "\\* a\n\\- b\n\\+ c\n12\\. d\n3\\) e\n-5 °C\n1.5 mg"


def test_optional_fields() -> None:
    assert markdown(None) is None
    assert markdown("a < b") == "a \\< b"


_TEXT = st.text(
    alphabet=st.sampled_from(string.punctuation + string.digits + " \t\naé*-+.)\\"), max_size=60
)


@given(_TEXT, st.booleans())
def test_escape_round_trips(text: str, lists: bool) -> None:
    """Whatever the spec holds, importing what export wrote gives it back."""
    assert unescape(escape(text, lists=lists)) == text
