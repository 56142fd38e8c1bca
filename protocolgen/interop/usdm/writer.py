"""A schema-clean spec dict → a USDM v4 ``Wrapper`` (one study, one version, one design).

The study level lives here: titles, identifiers with the organisations that scope them,
the sponsor role, study interventions and the eligibility criterion texts. The design
(arms, epochs, cells, objectives, population, criteria, schedule) is :mod:`.design`. The
mapping of each spec field is ``interop/tables/usdm.csv``; docs/usdm.md explains it.
"""

from __future__ import annotations

import uuid
from html import escape
from typing import Any

from protocolgen import __version__
from protocolgen.interop.criteria import criteria_text
from protocolgen.interop.usdm import design as design_mod
from protocolgen.interop.usdm.codes import Ids, base
from protocolgen.interop.usdm.narrative import write_summary

USDM_VERSION = "4.0.0"
#: Namespace of the study's uuid: the same spec identity always gives the same study id.
_NAMESPACE = uuid.UUID("8f0c2a4e-6d1b-5e2f-9a3c-7b4d5e6f7a8b")


_base = base


def write_wrapper(spec: dict[str, Any]) -> dict[str, Any]:
    """The USDM Wrapper for ``spec``."""
    ids = Ids()
    ident = spec["identification"]
    name = (
        ident.get("acronym") or ident.get("sponsor_protocol_id") or ident["brief_title"] or "Study"
    )
    key = "|".join([ident.get("sponsor_protocol_id", ""), ident.get("brief_title", "")])
    version = _version(ids, spec)
    return {
        "study": {
            "id": str(uuid.uuid5(_NAMESPACE, key)),
            "extensionAttributes": [],
            "name": name,
            "description": ident.get("official_title"),
            "label": ident.get("brief_title") or None,
            "versions": [version],
            "documentedBy": [],
            "instanceType": "Study",
        },
        "usdmVersion": USDM_VERSION,
        "systemName": "protocolgen",
        "systemVersion": __version__,
    }


def _version(ids: Ids, spec: dict[str, Any]) -> dict[str, Any]:
    ident = spec["identification"]
    titles = [
        _base(ids, "StudyTitle", text=ident[key], type=ids.code("title.type", key))
        for key in ("brief_title", "official_title", "acronym")
        if ident.get(key)
    ]
    organizations, identifiers = _organizations(ids, spec)
    items, criteria_ids = _criterion_items(ids, spec["eligibility"])
    interventions = [_intervention(ids, item) for item in spec.get("interventions", [])]
    intervention_ids = {
        item["id"]: made["id"]
        for item, made in zip(spec.get("interventions", []), interventions, strict=True)
    }
    sponsor = organizations[0]["id"] if organizations else None
    roles = (
        [
            _base(
                ids,
                "StudyRole",
                name="Sponsor",
                label=None,
                description=None,
                code=ids.code("role.code", "SPONSOR"),
                appliesToIds=[],
                assignedPersons=[],
                organizationIds=[sponsor],
                masking=None,
                notes=[],
            )
        ]
        if sponsor
        else []
    )
    protocol = ident.get("protocol_version", {})
    study_design = design_mod.write_design(ids, spec, criteria_ids, intervention_ids)
    return _base(
        ids,
        "StudyVersion",
        versionIdentifier=str(protocol.get("number", "1")),
        rationale="",
        documentVersionIds=[],
        dateValues=[],
        amendments=[],
        businessTherapeuticAreas=[],
        studyIdentifiers=identifiers,
        referenceIdentifiers=[],
        studyDesigns=[study_design],
        titles=titles,
        eligibilityCriterionItems=items,
        narrativeContentItems=write_summary(ids, spec),
        abbreviations=[],
        roles=roles,
        organizations=organizations,
        studyInterventions=interventions,
        administrableProducts=[],
        medicalDevices=[],
        productOrganizationRoles=[],
        biomedicalConcepts=[],
        bcCategories=[],
        bcSurrogates=[],
        dictionaries=[],
        conditions=[],
        notes=[],
    )


def _organization(ids: Ids, name: str, kind: str) -> dict[str, Any]:
    return _base(
        ids,
        "Organization",
        name=name,
        label=None,
        type=ids.code("organization.type", kind),
        identifierScheme="",
        identifier="",
        legalAddress=None,
        managedSites=[],
    )


def _organizations(
    ids: Ids, spec: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The sponsor (scope of the protocol id), collaborators and the registries that scope
    the registration numbers, and the study identifiers."""
    sponsors = spec.get("sponsors", {})
    orgs: list[dict[str, Any]] = []
    identifiers: list[dict[str, Any]] = []
    lead = sponsors.get("lead", {}).get("name")
    if lead:
        orgs.append(_organization(ids, lead, "SPONSOR"))
    for org in sponsors.get("collaborators", []):
        if org.get("name"):
            orgs.append(_organization(ids, org["name"], "COLLABORATOR"))
    ident = spec["identification"]
    if ident.get("sponsor_protocol_id") and lead:
        identifiers.append(
            _base(ids, "StudyIdentifier", text=ident["sponsor_protocol_id"], scopeId=orgs[0]["id"])
        )
    for reg in ident.get("registrations", []):
        registry = _organization(ids, reg["registry"], "REGISTRY")
        orgs.append(registry)
        identifiers.append(_base(ids, "StudyIdentifier", text=reg["id"], scopeId=registry["id"]))
    return orgs, identifiers


def _criterion_items(
    ids: Ids, elig: dict[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """One EligibilityCriterionItem per criterion (sub-items as lines of its text)."""
    items: list[dict[str, Any]] = []
    out: dict[str, list[str]] = {"inclusion": [], "exclusion": []}
    for kind in ("inclusion", "exclusion"):
        for index, item in enumerate(elig.get(kind, []), 1):
            text = criteria_text(item)
            sub = [] if isinstance(item, str) else item.get("sub", [])
            text = "\n".join([text, *(f"- {s}" for s in sub)])
            made = _base(
                ids,
                "EligibilityCriterionItem",
                name=f"{kind[:3].upper()}{index:02d}",
                label=None,
                description=None,
                text=escape(text, quote=False),
                dictionaryId=None,
                notes=[],
            )
            items.append(made)
            out[kind].append(made["id"])
    return items, out


def _intervention(ids: Ids, item: dict[str, Any]) -> dict[str, Any]:
    role = item.get("role")
    description = item.get("description")
    details = [f"{k}: {item[k]}" for k in ("dose", "route", "regimen") if item.get(k)]
    if details:
        description = "\n".join([description or "", *details]).strip()
    return _base(
        ids,
        "StudyIntervention",
        name=item["name"],
        label=", ".join(item.get("other_names", [])) or None,
        description=description,
        role=ids.code("intervention.role", role) if role else ids.code("unknown", "UNKNOWN"),
        type=ids.code("intervention.type", item["type"]),
        minimumResponseDuration=None,
        codes=[],
        administrations=[],
        notes=[],
    )
