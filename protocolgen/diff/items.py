"""Lists whose items are things (arms, visits, criteria): how to pair them and what to call them.

A list not named here is compared as a whole when it holds plain values (phases, id lists,
keywords: order never matters), or item by item with :data:`DEFAULT` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from protocolgen.diff.labels import display
from protocolgen.diff.matching import KeyFunction, field_key, text_key

#: Item names longer than this are cut with an ellipsis (the full text is in Before/After).
NAME_LIMIT = 40


@dataclass(frozen=True)
class ListRule:
    """How the items of one list are paired across versions and named in labels."""

    #: What one item is, as a label starts: "Arm", "Inclusion criterion".
    kind: str
    #: Pairing passes, in order (see :func:`protocolgen.diff.matching.match`).
    keys: tuple[KeyFunction, ...]
    #: Fields that name an item, first present wins: ``Arm 'Placebo'``.
    name_fields: tuple[str, ...] = ()
    #: Items are called by number (``number`` field, else position), not by name.
    numbered: bool = False
    #: Pair what is left by position: edited items without ids are "changed".
    pair_leftovers: bool = False
    #: The field that *is* the item (criterion text): its change reads "criterion 3 changed".
    text_field: str | None = None

    def subject(self, item: Any, index: int, owner: str) -> str:
        """The item's name in labels; ``owner`` is the enclosing item's, for nested lists."""
        kind = f"{owner} {self.kind.lower()}" if owner else self.kind
        if self.numbered:
            given = item.get("number") if isinstance(item, dict) else None
            shown = given if isinstance(given, int) and not isinstance(given, bool) else index + 1
            return f"{kind} {shown}"
        for name in self.name_fields:
            value = item.get(name) if isinstance(item, dict) else item
            if isinstance(value, str) and value.strip():
                return f"{kind} '{_cut(value.strip())}'"
        ident = item.get("id") if isinstance(item, dict) else None
        return f"{kind} {ident}" if ident else f"{kind} {index + 1}"

    def summary(self, item: Any, pattern: str) -> str:
        """What an added or removed item shows in its Before/After cell."""
        for name in (self.text_field, *self.name_fields):
            value = item.get(name) if isinstance(item, dict) and name else item
            if isinstance(value, str) and value.strip():
                return value.strip()
        return display(pattern, item)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= NAME_LIMIT else text[: NAME_LIMIT - 1].rstrip() + "…"


_ID = field_key("id")


def _by_id(kind: str, *names: str) -> ListRule:
    """Items with ids: paired by id, then (an id was renamed) by their name."""
    return ListRule(kind, (_ID, *(field_key(n) for n in names)), names)


def _by_name(kind: str, *names: str) -> ListRule:
    """Items without ids: paired by their name."""
    return ListRule(kind, tuple(field_key(n) for n in names), names)


def _criteria(kind: str) -> ListRule:
    # Criteria are often plain strings: id, then identical text, then position among the
    # edited ones, so that an edit is "criterion 3 changed" and a move is nothing at all.
    return ListRule(
        kind, (_ID, text_key("text")), numbered=True, pair_leftovers=True, text_field="text"
    )


LIST_RULES: dict[str, ListRule] = {
    "/identification/registrations": _by_name("Registration", "id", "registry"),
    "/identification/secondary_ids": _by_name("Secondary id", "id"),
    "/sponsors/collaborators": _by_name("Collaborator", "name"),
    "/sponsors/funders": _by_name("Funder", "name"),
    "/contacts/central": _by_name("Central contact", "name"),
    "/contacts/officials": _by_name("Official", "name"),
    "/conditions": ListRule("Condition", (text_key("term"),), ("term",)),
    "/design/parts": _by_id("Part", "name"),
    "/design/parts/*/cohorts": _by_id("Cohort", "name"),
    "/design/committees": _by_name("Committee", "name", "type"),
    "/arms": _by_id("Arm", "label"),
    "/interventions": _by_id("Intervention", "name"),
    "/objectives": ListRule("Objective", (_ID, text_key("text")), ("text",), text_field="text"),
    "/objectives/*/estimands": _by_id("Estimand", "id"),
    "/objectives/*/estimands/*/intercurrent_events": _by_name("Intercurrent event", "event"),
    "/description/plain_language_summary/questions": _by_name("Question", "question"),
    "/outcomes/primary": _by_id("Primary outcome", "measure"),
    "/outcomes/secondary": _by_id("Secondary outcome", "measure"),
    "/outcomes/other": _by_id("Other outcome", "measure"),
    "/eligibility/inclusion": _criteria("Inclusion criterion"),
    "/eligibility/exclusion": _criteria("Exclusion criterion"),
    "/schedule/epochs": _by_id("Epoch", "name"),
    "/schedule/visits": _by_id("Visit", "name"),
    "/schedule/activities": _by_id("Activity", "name"),
    "/schedule/footnotes": ListRule("Footnote", (_ID, text_key("text")), text_field="text"),
    "/locations": _by_name("Site", "facility"),
    "/locations/*/contacts": _by_name("Contact", "name"),
    "/ethics": _by_name("Ethics review", "committee"),
    "/references": ListRule("Reference", (field_key("pmid"), text_key("citation")), ("citation",)),
    "/links": _by_name("Link", "url", "label"),
}

#: Lists of mappings the schema does not describe (or invalid shapes): id, then position.
DEFAULT = ListRule("Item", (_ID,), ("name", "label", "text"), pair_leftovers=True)


def list_rule(pattern: str) -> ListRule | None:
    """The rule for the list at ``pattern``, or ``None`` when none is defined."""
    return LIST_RULES.get(pattern)
