"""Import of the record's lists: arms and interventions (with their links), outcomes,
contacts, locations, identifiers and references. Ids are generated in record order:
arms ``A1..``, interventions ``I1..``, outcomes ``O1..``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.interop.ctgov.mapper import Mapper, put
from protocolgen.interop.findings import json_path
from protocolgen.interop.specschema import enum_at
from protocolgen.interop.values import split_intervention_name


def organisation(m: Mapper, org: dict[str, Any], path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    put(out, "name", m.text(org, "name", path))
    put(out, "class", m.code(org, "class", path, enum_at("sponsors", "lead", "class")))
    return out


def secondary_ids(m: Mapper, mod: dict[str, Any], path: str) -> list[dict[str, Any]]:
    out = []
    for here, item in m.objects(mod, "secondaryIdInfos", path):
        ident = m.text(item, "id", here)
        if not ident:
            m.note("PG914", here, "a secondary id without its id is left out")
            continue
        entry: dict[str, Any] = {"id": ident}
        kinds = enum_at("identification", "secondary_ids", "[]", "type")
        put(entry, "type", m.code(item, "type", here, kinds))
        put(entry, "domain", m.text(item, "domain", here))
        put(entry, "link", m.text(item, "link", here))
        out.append(entry)
    return out


def arms_and_interventions(
    m: Mapper, section: dict[str, Any], design: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Arms and interventions with id links. CT.gov links them twice, by strings
    (``interventionNames`` "Drug: Placebo" and ``armGroupLabels``); the union of both sides
    is kept, and every string that does not resolve or is one-sided is reported."""
    mod, path = m.module(section, "armsInterventionsModule")
    interventions = []
    # Several interventions may share a type and name (one per arm): each key lists them all,
    # with the arm labels each one names, so an arm links to its own.
    by_name: dict[tuple[str | None, str], list[tuple[str, set[str]]]] = {}
    for index, (here, item) in enumerate(m.objects(mod, "interventions", path), 1):
        entry = {"id": f"I{index}"}
        entry["type"] = _required_code(m, item, "type", here, ("interventions", "[]", "type"))
        if entry["type"] != item.get("type"):
            m.assume(f"/interventions/{index - 1}/type", "the record gives no known type")
        entry["name"] = _required_text(m, item, "name", here)
        put(entry, "other_names", m.texts(item, "otherNames", here))
        put(entry, "description", m.markup(item, "description", here))
        interventions.append(entry)
        labels = {label.strip().lower() for label in m.texts(item, "armGroupLabels", here)}
        for key in (
            (entry["type"], entry["name"].strip().lower()),
            (None, entry["name"].strip().lower()),
        ):
            by_name.setdefault(key, []).append((entry["id"], labels))
    arms = []
    from_arms: set[tuple[str, str]] = set()
    observational = design["study_type"] != "INTERVENTIONAL"
    for index, (here, item) in enumerate(m.objects(mod, "armGroups", path), 1):
        arm: dict[str, Any] = {"id": f"A{index}", "label": _required_text(m, item, "label", here)}
        kind = m.code(item, "type", here, enum_at("arms", "[]", "type"))
        if kind is None:
            # Observational groups have no type on CT.gov; the spec requires one.
            severity = Severity.INFO if observational else Severity.WARNING
            m.note("PG914", json_path(here, "type"), "no arm type; written as OTHER", severity)
        arm["type"] = kind or "OTHER"
        if kind is None:
            m.assume(f"/arms/{index - 1}/type", "the record gives no arm type")
        put(arm, "description", m.markup(item, "description", here))
        arm["interventions"] = []
        for n, text in enumerate(m.texts(item, "interventionNames", here)):
            target = _resolve_intervention(
                m, text, by_name, arm["label"], json_path(here, "interventionNames", n)
            )
            if target and target not in arm["interventions"]:
                arm["interventions"].append(target)
                from_arms.add((arm["id"], target))
        arms.append(arm)
    _link_back(m, mod, path, arms, interventions, from_arms)
    return arms, interventions


def _resolve_intervention(
    m: Mapper,
    text: str,
    by_name: dict[tuple[str | None, str], list[tuple[str, set[str]]]],
    label: str,
    path: str,
) -> str | None:
    kind, name = split_intervention_name(text)
    key = name.strip().lower()
    typed = by_name.get((kind, key)) or []
    # The one that names this arm back (of this type, else of any), else the first of this
    # type and name, else the first of that name.
    candidates = typed + by_name.get((None, key), [])
    own = [ident for ident, labels in candidates if label.strip().lower() in labels]
    ids = own or [ident for ident, _ in candidates]
    target = ids[0] if ids else None
    if target is None:
        m.note(
            "PG911",
            path,
            f"intervention {text!r} names no intervention of the record; link dropped",
        )
    elif target not in {ident for ident, _ in typed}:
        m.note(
            "PG911", path, f"intervention {text!r} matches {target} by name only (its type differs)"
        )
    return target


def _link_back(
    m: Mapper,
    mod: dict[str, Any],
    path: str,
    arms: list[dict[str, Any]],
    interventions: list[dict[str, Any]],
    from_arms: set[tuple[str, str]],
) -> None:
    by_label = {arm["label"].strip().lower(): arm for arm in reversed(arms)}
    from_interventions: set[tuple[str, str]] = set()
    for (here, item), entry in zip(
        m.objects(mod, "interventions", path), interventions, strict=True
    ):
        for n, label in enumerate(m.texts(item, "armGroupLabels", here)):
            arm = by_label.get(label.strip().lower())
            where = json_path(here, "armGroupLabels", n)
            if arm is None:
                m.note(
                    "PG911", where, f"arm group {label!r} names no arm of the record; link dropped"
                )
                continue
            from_interventions.add((arm["id"], entry["id"]))
            if (arm["id"], entry["id"]) not in from_arms:
                arm["interventions"].append(entry["id"])
                m.note(
                    "PG912",
                    where,
                    f"{entry['id']} ({entry['name']}) lists arm {arm['label']!r}, but the arm "
                    "does not list it; linked both ways",
                )
    for arm_id, target in sorted(from_arms - from_interventions):
        arm = next(a for a in arms if a["id"] == arm_id)
        m.note(
            "PG912",
            json_path(path, "armGroups", arms.index(arm), "interventionNames"),
            f"arm {arm['label']!r} lists {target}, but the intervention does not list the arm; "
            "linked both ways",
        )


def outcomes(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "outcomesModule")
    out: dict[str, Any] = {"primary": []}
    number = 0
    for key, name in (
        ("primaryOutcomes", "primary"),
        ("secondaryOutcomes", "secondary"),
        ("otherOutcomes", "other"),
    ):
        items = []
        for here, item in m.objects(mod, key, path):
            number += 1
            entry: dict[str, Any] = {
                "id": f"O{number}",
                "measure": _required_text(m, item, "measure", here),
            }
            put(entry, "description", m.markup(item, "description", here))
            entry["time_frame"] = _required_text(m, item, "timeFrame", here)
            items.append(entry)
        if items or name == "primary":
            out[name] = items
    return out


def contacts(m: Mapper, section: dict[str, Any]) -> dict[str, Any]:
    mod, path = m.module(section, "contactsLocationsModule")
    officials = []
    for here, item in m.objects(mod, "overallOfficials", path):
        entry: dict[str, Any] = {"name": _required_text(m, item, "name", here)}
        put(
            entry,
            "role",
            m.code(item, "role", here, enum_at("contacts", "officials", "[]", "role")),
        )
        put(entry, "affiliation", m.text(item, "affiliation", here))
        officials.append(entry)
    central = [_contact(m, item, here) for here, item in m.objects(mod, "centralContacts", path)]
    return {"central": central, "officials": officials}


def _contact(m: Mapper, item: dict[str, Any], here: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": _required_text(m, item, "name", here)}
    put(entry, "role", m.code(item, "role", here, enum_at("contacts", "central", "[]", "role")))
    for key, name in (("phone", "phone"), ("phoneExt", "phone_ext"), ("email", "email")):
        put(entry, name, m.text(item, key, here))
    return entry


def locations(m: Mapper, section: dict[str, Any]) -> list[dict[str, Any]]:
    mod, path = m.module(section, "contactsLocationsModule")
    out = []
    missing: Counter[str] = Counter()
    first: dict[str, str] = {}
    statuses = enum_at("locations", "[]", "status")
    for here, item in m.objects(mod, "locations", path):
        entry: dict[str, Any] = {}
        for key in ("facility", "status", "city", "state", "zip", "country"):
            value = (
                m.code(item, key, here, statuses) if key == "status" else m.text(item, key, here)
            )
            if value is None and key in ("facility", "city", "country"):
                missing[key] += 1
                first.setdefault(key, json_path(here, key))
                value = ""  # required by the spec: an empty value validate reports
            put(entry, key, value)
        put(entry, "contacts", [_contact(m, c, h) for h, c in m.objects(item, "contacts", here)])
        out.append(entry)
    for key, count in missing.items():
        m.note("PG914", first[key], f'{count} location(s) have no {key}; written as ""')
    return out


def references(m: Mapper, section: dict[str, Any]) -> list[dict[str, Any]]:
    mod, path = m.module(section, "referencesModule")
    out = []
    for here, item in m.objects(mod, "references", path):
        entry: dict[str, Any] = {"citation": _required_text(m, item, "citation", here)}
        pmid = m.text(item, "pmid", here)
        if pmid is not None and not pmid.isdigit():
            m.note(
                "PG915", json_path(here, "pmid"), f"PubMed id {pmid!r} is not a number; left out"
            )
            pmid = None
        put(entry, "pmid", pmid)
        put(entry, "type", m.code(item, "type", here, enum_at("references", "[]", "type")))
        out.append(entry)
    return out


def links(m: Mapper, section: dict[str, Any]) -> list[dict[str, Any]]:
    mod, path = m.module(section, "referencesModule")
    out = []
    for here, item in m.objects(mod, "seeAlsoLinks", path):
        entry: dict[str, Any] = {}
        put(entry, "label", m.text(item, "label", here))
        entry["url"] = _required_text(m, item, "url", here)
        out.append(entry)
    return out


def _required_text(m: Mapper, item: dict[str, Any], key: str, here: str) -> str:
    value = m.text(item, key, here)
    if value is None:
        m.note("PG914", json_path(here, key), f'no {key}; written as ""')
    return value or ""


def _required_code(
    m: Mapper, item: dict[str, Any], key: str, here: str, at: tuple[str, ...]
) -> str:
    value = m.code(item, key, here, enum_at(*at))
    if value is None:
        m.note("PG914", json_path(here, key), f"no {key}; written as OTHER")
    return value or "OTHER"
