"""The strings of a spec's content as one text, for the rules that read all of them, and
the word form in which rules compare texts.

registry_record only describes where the spec came from; its text is not trial content.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from operator import itemgetter
from typing import Any

from protocolgen.document import pointer_join
from protocolgen.rules.base import loaded_strings, shared

_WORDS = re.compile(r"[^\w]+")
#: Per byte of ASCII text: a word character (letter, digit, underscore) lower-cased, and a
#: space for every other one, which is what ``_WORDS`` matches.
_ASCII_KEYS = bytes(
    ord(chr(n).lower()) if n < 128 and (chr(n).isalnum() or chr(n) == "_") else 32
    for n in range(256)
)


class SpecText:
    """Every string of the spec's content, in document order, joined by NUL into one text so
    that each pattern runs once per spec instead of once per string.

    registry_record only describes where the spec came from; its text is not trial content.
    The strings come from the loader, which met each one with its pointer while parsing; data
    it did not list (built in code, or with aliased collections) is walked instead.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        listed = loaded_strings(data)
        if listed is None:
            listed = _walk({k: v for k, v in data.items() if k != "registry_record"}, "")
        elif "registry_record" in data:
            listed = _without_section(listed, data, "registry_record")
        #: (pointer, text) of every string.
        self.listed = listed
        joined = "\0".join(map(itemgetter(1), listed))
        # A string holding a NUL itself would blur the boundaries: scan string by string.
        self.joined = joined if joined.count("\0") == max(len(listed) - 1, 0) else None

    @cached_property
    def utf8(self) -> bytes:
        """``joined`` in UTF-8, for the pre-checks that decide on bytes at memory speed."""
        return (self.joined or "").encode("utf-8", "surrogatepass")

    def has_any_byte(self, chars: bytes) -> bool:
        """Whether one of the bytes ``chars`` is in :attr:`utf8`: deleting them all would
        shorten it (one pass at memory speed, however many bytes are asked for)."""
        return len(self.utf8.translate(None, chars)) != len(self.utf8)

    def matching(self, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
        """(pointer, text) of the strings in which ``pattern`` matches, in document order.

        None of the patterns here can match a NUL, and at a NUL lookarounds and ``\\b`` see
        what they see at the end of a string, so a string is kept exactly when a search of
        that string alone would match. The rules then look at the few strings kept: a
        match's string is the number of NULs before it, counted from the previous match.
        """
        joined = self.joined
        if joined is None:
            return list(self.listed)
        kept: list[tuple[str, str]] = []
        index = counted = 0
        match = pattern.search(joined)
        while match:
            index += joined.count("\0", counted, match.start())
            kept.append(self.listed[index])
            end = joined.find("\0", match.start())
            if end < 0:
                break
            index, counted = index + 1, end + 1  # on to the next string
            match = pattern.search(joined, counted)
        return kept


def _without_section(
    listed: list[tuple[str, str]], data: dict[str, Any], key: str
) -> list[tuple[str, str]]:
    """The loader's strings without those under the top-level ``key``.

    The loader lists strings in document order, and the top-level keys of ``data`` are in
    document order too (it lists nothing when a key repeats), so the rank of each string's
    top-level key never decreases along the list: the strings under ``key`` are one run,
    found by two binary searches instead of a test of every pointer.
    """
    ranks = {pointer_join("", name)[1:]: rank for rank, name in enumerate(data)}

    def rank(entry: tuple[str, str]) -> int:
        return ranks[entry[0].split("/", 2)[1]]

    wanted = ranks[pointer_join("", key)[1:]]
    start = bisect.bisect_left(listed, wanted, key=rank)
    stop = bisect.bisect_right(listed, wanted, lo=start, key=rank)
    return listed[:start] + listed[stop:]


def _walk(node: dict[str, Any] | list[Any], pointer: str) -> list[tuple[str, str]]:
    """(pointer, text) of every string below ``node``, in document order."""
    found: list[tuple[str, str]] = []
    pairs = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in pairs:
        if isinstance(value, str):
            found.append((pointer_join(pointer, key), value))
        elif isinstance(value, (dict, list)):
            found += _walk(value, pointer_join(pointer, key))
    return found


def spec_text(data: dict[str, Any]) -> SpecText:
    # Four rules read every string: the walk is shared by one run of the rules.
    return shared("content", data, lambda: SpecText(data))


def matching(data: dict[str, Any], pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """(pointer, text) of the strings of ``data``'s content in which ``pattern`` matches."""
    return spec_text(data).matching(pattern)


def words(text: str) -> str:
    """``text`` lower-cased, with every run of spaces and punctuation one space: how the
    rules compare criteria, outcome measures and titles.

    For ASCII text (most of it) a byte table lower-cases word characters and turns every
    other character into a space, and splitting joins the runs: the same result as the
    regular expression, which makes a match object per gap between words, in a fifth of the
    time.
    """
    if text.isascii():
        return b" ".join(text.encode().translate(_ASCII_KEYS).split()).decode()
    return _WORDS.sub(" ", text.lower()).strip()
