"""Spec values → display text, and the lookups both view models share.

The registry summary (:mod:`.view`) and the PDF synopsis (:mod:`.synopsis_view`) read the
same spec, but print it differently: the summary trims values and shows a required item
that is empty as :data:`MISSING`, as ClinicalTrials.gov does; the synopsis prints values as
written and leaves an empty one to the template ("Not provided"). Hence :func:`text` for
the one and :func:`plain` for the other. What the two documents do alike lives here once:
the label/value :class:`Row`, joining the parts that are present, and the joins between
spec sections (an arm's interventions by id, the condition terms, the masked roles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from protocolgen import labels as L

#: What CT.gov prints for a required item that has no value.
MISSING = "[Missing]"


@dataclass(frozen=True)
class Row:
    """One label/value line of a two-column table.

    In the summary ``value`` may be :data:`MISSING`; in the synopsis ``""`` prints
    "Not provided". ``href`` is set only for a web address that may be a link (see
    :func:`web_link`); templates that make links use it, the others print ``value``.
    """

    label: str
    value: str
    href: str = ""


def text(value: Any) -> str:
    """A scalar as display text; ``None`` and containers become ``""``."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value).strip()


def plain(value: object) -> str:
    """A value as written (the synopsis does not trim); only ``None`` becomes ``""``."""
    return "" if value is None else str(value)


def required(value: Any) -> str:
    """Display text of a required item, or :data:`MISSING` when it is empty."""
    return text(value) or MISSING


def dated(value: Any) -> str:
    """``{"date": "2025-04-15", "type": "ACTUAL"}`` → ``"2025-04-15 (Actual)"``."""
    if not isinstance(value, dict) or not text(value.get("date")):
        return MISSING
    kind = L.label(L.DATE_TYPE, value.get("type"))
    return f"{text(value['date'])} ({kind})" if kind else text(value["date"])


def web_link(url: str) -> str:
    """``url`` if it may become an active link (an ``http``/``https`` address), else ``""``.

    Addresses come from spec text: ``javascript:``, ``data:`` or ``file:`` must never be a
    link, so anything but a plain web address is shown as text only.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced "[" in the host, for instance
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url if url.isprintable() and " " not in url else ""


def as_list(values: Any) -> list[Any]:
    """``values`` if it is a list, else ``[]`` (an absent optional list)."""
    return values if isinstance(values, list) else []


def dicts(values: Any) -> list[dict[str, Any]]:
    """The mappings of a list (an absent list has none)."""
    return [v for v in as_list(values) if isinstance(v, dict)]


def strings(values: Any) -> list[str]:
    """The non-empty display texts of a list."""
    return [t for t in (text(v) for v in as_list(values)) if t]


def rows(*pairs: tuple[str, str]) -> list[Row]:
    """Rows from (label, value) pairs; an empty value is an optional item left out."""
    return [Row(label, value) for label, value in pairs if value]


def join(*parts: str, sep: str = ", ") -> str:
    """The parts that are present, joined: ``join("Wuhan", "", "430030")`` → ``"Wuhan, 430030"``."""
    return sep.join(p for p in parts if p)


def arm_interventions(data: dict[str, Any]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each arm with the interventions it names, in the arm's order.

    Arms refer to interventions by id; an unknown id is an error finding (PG202), so such a
    spec is never rendered, and the lookup only skips it.
    """
    by_id = {text(i.get("id")): i for i in dicts(data.get("interventions"))}
    return [
        (arm, [by_id[ref] for ref in strings(arm.get("interventions")) if ref in by_id])
        for arm in dicts(data.get("arms"))
    ]


def condition_terms(data: dict[str, Any]) -> list[Any]:
    """The condition terms as written (a condition is a term or ``{term, codes}``)."""
    return [c.get("term") if isinstance(c, dict) else c for c in as_list(data.get("conditions"))]


def masked_roles(masking: dict[str, Any]) -> str:
    """``{"who_masked": ["PARTICIPANT", "INVESTIGATOR"]}`` → ``"Participant, Investigator"``."""
    return ", ".join(L.label(L.WHO_MASKED, w) for w in as_list(masking.get("who_masked")))


def age_span(low: object, high: object) -> str:
    """The eligible age range in the words every document uses: "18 Years to 70 Years",
    "18 Years and older", "Up to 17 Years", "All ages (no limit)" ("" when unknown)."""
    if low == "no_limit" and high == "no_limit":
        return "All ages (no limit)"
    if high == "no_limit":
        return f"{L.age(low)} and older" if L.age(low) else ""
    if low == "no_limit":
        return f"Up to {L.age(high)}" if L.age(high) else ""
    return join(L.age(low), L.age(high), sep=" to ")
