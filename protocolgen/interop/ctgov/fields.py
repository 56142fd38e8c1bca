"""Which CT.gov ``protocolSection`` fields the spec models, which it keeps as registry metadata,
and which it leaves out (and why). docs/ctgov.md is written from these tables.

Paths are written without indices: ``armsInterventionsModule.armGroups[].label``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

_OUTCOME = ("measure", "description", "timeFrame")
_CONTACT = ("name", "role", "phone", "phoneExt", "email")

#: Fields mapped to authored spec fields; export writes them back.
MODELLED: frozenset[str] = frozenset(
    [
        "identificationModule.nctId",
        "identificationModule.orgStudyIdInfo.id",
        "identificationModule.briefTitle",
        "identificationModule.officialTitle",
        "identificationModule.acronym",
        *(f"identificationModule.secondaryIdInfos[].{k}" for k in ("id", "type", "domain", "link")),
        *(
            f"statusModule.{k}"
            for k in ("statusVerifiedDate", "overallStatus", "lastKnownStatus", "whyStopped")
        ),
        *(
            f"statusModule.{d}.{k}"
            for d in ("startDateStruct", "primaryCompletionDateStruct", "completionDateStruct")
            for k in ("date", "type")
        ),
        *(
            f"sponsorCollaboratorsModule.responsibleParty.{k}"
            for k in (
                "type",
                "investigatorFullName",
                "investigatorTitle",
                "investigatorAffiliation",
            )
        ),
        "sponsorCollaboratorsModule.leadSponsor.name",
        "sponsorCollaboratorsModule.leadSponsor.class",
        "sponsorCollaboratorsModule.collaborators[].name",
        "sponsorCollaboratorsModule.collaborators[].class",
        *(
            f"oversightModule.{k}"
            for k in (
                "oversightHasDmc",
                "isFdaRegulatedDrug",
                "isFdaRegulatedDevice",
                "isUnapprovedDevice",
                "isUsExport",
            )
        ),
        "descriptionModule.briefSummary",
        "descriptionModule.detailedDescription",
        "conditionsModule.conditions[]",
        "conditionsModule.keywords[]",
        *(
            f"designModule.{k}"
            for k in ("studyType", "patientRegistry", "targetDuration", "phases[]")
        ),
        *(
            f"designModule.designInfo.{k}"
            for k in (
                "allocation",
                "interventionModel",
                "interventionModelDescription",
                "primaryPurpose",
                "observationalModel",
                "timePerspective",
                "maskingInfo.masking",
                "maskingInfo.maskingDescription",
                "maskingInfo.whoMasked[]",
            )
        ),
        "designModule.bioSpec.retention",
        "designModule.bioSpec.description",
        "designModule.enrollmentInfo.count",
        "designModule.enrollmentInfo.type",
        *(
            f"armsInterventionsModule.armGroups[].{k}"
            for k in ("label", "type", "description", "interventionNames[]")
        ),
        *(
            f"armsInterventionsModule.interventions[].{k}"
            for k in ("type", "name", "description", "armGroupLabels[]", "otherNames[]")
        ),
        *(
            f"outcomesModule.{group}[].{k}"
            for group in ("primaryOutcomes", "secondaryOutcomes", "otherOutcomes")
            for k in _OUTCOME
        ),
        *(
            f"eligibilityModule.{k}"
            for k in (
                "eligibilityCriteria",
                "healthyVolunteers",
                "sex",
                "genderBased",
                "genderDescription",
                "minimumAge",
                "maximumAge",
                "stdAges[]",
                "studyPopulation",
                "samplingMethod",
            )
        ),
        *(f"contactsLocationsModule.centralContacts[].{k}" for k in _CONTACT),
        *(
            f"contactsLocationsModule.overallOfficials[].{k}"
            for k in ("name", "affiliation", "role")
        ),
        *(
            f"contactsLocationsModule.locations[].{k}"
            for k in ("facility", "status", "city", "state", "zip", "country")
        ),
        *(f"contactsLocationsModule.locations[].contacts[].{k}" for k in _CONTACT),
        *(f"referencesModule.references[].{k}" for k in ("pmid", "type", "citation")),
        "referencesModule.seeAlsoLinks[].label",
        "referencesModule.seeAlsoLinks[].url",
        *(
            f"ipdSharingStatementModule.{k}"
            for k in (
                "ipdSharing",
                "description",
                "infoTypes[]",
                "timeFrame",
                "accessCriteria",
                "url",
            )
        ),
    ]
)

#: Modelled fields of CT.gov's ``markup`` type: Markdown in the record, plain text in the spec
#: (import undoes the backslash escapes, export puts them back; see ``markup.py``).
MARKUP: frozenset[str] = frozenset(
    [
        "statusModule.whyStopped",
        "descriptionModule.briefSummary",
        "descriptionModule.detailedDescription",
        "designModule.designInfo.interventionModelDescription",
        "designModule.designInfo.maskingInfo.maskingDescription",
        "armsInterventionsModule.armGroups[].description",
        "armsInterventionsModule.interventions[].description",
        *(
            f"outcomesModule.{group}[].description"
            for group in ("primaryOutcomes", "secondaryOutcomes", "otherOutcomes")
        ),
        "eligibilityModule.eligibilityCriteria",
        "eligibilityModule.studyPopulation",
        *(f"ipdSharingStatementModule.{k}" for k in ("description", "timeFrame", "accessCriteria")),
    ]
)

#: Registry-assigned dates kept under the spec's ``registry_record`` (import metadata only).
SYSTEM: frozenset[str] = frozenset(
    f"statusModule.{k}"
    for k in (
        "studyFirstSubmitDate",
        "studyFirstPostDateStruct.date",
        "lastUpdateSubmitDate",
        "lastUpdatePostDateStruct.date",
        "resultsFirstPostDateStruct.date",
    )
)

#: Fields the spec does not model, with the reason (shown in PG916 findings and the docs).
#: Those in :data:`REGISTRY_ASSIGNED` are dropped without a finding: no sponsor writes them.
NOT_MODELLED: dict[str, str] = {
    "identificationModule.nctIdAliases": "registry-assigned: older NCT numbers merged here",
    "identificationModule.orgStudyIdInfo.type": "the spec keeps only the sponsor's protocol id",
    "identificationModule.orgStudyIdInfo.link": "the spec keeps only the sponsor's protocol id",
    "identificationModule.organization": "registry-assigned: the PRS account's organisation",
    "statusModule.delayedPosting": "a PRS submission setting, not protocol content",
    "statusModule.resultsWaived": "a results-reporting setting, not protocol content",
    "statusModule.expandedAccessInfo": "no spec field for linked expanded-access records",
    "statusModule.studyFirstSubmitQcDate": "registry processing date",
    "statusModule.studyFirstPostDateStruct.type": "registry processing detail",
    "statusModule.lastUpdatePostDateStruct.type": "registry processing detail",
    "statusModule.resultsFirstSubmitDate": "results processing date",
    "statusModule.resultsFirstSubmitQcDate": "results processing date",
    "statusModule.resultsFirstPostDateStruct.type": "registry processing detail",
    "statusModule.dispFirstSubmitDate": "results-delay certification date",
    "statusModule.dispFirstSubmitQcDate": "results-delay certification date",
    "statusModule.dispFirstPostDateStruct": "results-delay certification date",
    "sponsorCollaboratorsModule.responsibleParty.oldNameTitle": "pre-2007 free-text field",
    "sponsorCollaboratorsModule.responsibleParty.oldOrganization": "pre-2007 free-text field",
    "oversightModule.isPpsd": "no spec field (pediatric postmarket surveillance of a device)",
    "oversightModule.fdaaa801Violation": "registry-assigned flag",
    "designModule.expandedAccessTypes": "no spec field for expanded-access types",
    "designModule.nPtrsToThisExpAccNctId": "registry-assigned count",
    "contactsLocationsModule.locations[].geoPoint": "registry-assigned geocoding",
    "referencesModule.references[].retractions": "registry-assigned (from PubMed)",
    "referencesModule.availIpds": "no spec field for available IPD/documents",
}

REGISTRY_ASSIGNED: frozenset[str] = frozenset(
    path
    for path, reason in NOT_MODELLED.items()
    if reason.startswith(("registry", "results processing", "results-delay"))
)
#: The default of an optional block that says nothing ("no expanded access").
_EMPTY = {"statusModule.expandedAccessInfo": {"hasExpandedAccess": False}}

_PREFIXES = frozenset(
    path[:i].removesuffix("[]")
    for path in MODELLED | SYSTEM
    for i in range(len(path))
    if path[i] in ".["
)


def unmodelled(section: dict[str, Any]) -> Counter[str]:
    """Paths of the protocol section that are neither modelled nor system, with their counts.

    The walk stops at the first unknown key, so a copied block (``locations_nested``) is one
    entry, not one per leaf.
    """
    found: Counter[str] = Counter()
    _walk(section, "", found)
    return found


def _walk(value: Any, path: str, found: Counter[str]) -> None:
    if isinstance(value, list):
        for item in value:
            _walk(item, path + "[]", found)
        return
    if not isinstance(value, dict):
        return
    for key, child in value.items():
        here = f"{path}.{key}" if path else str(key)
        if here in MODELLED or here in SYSTEM or (here + "[]") in MODELLED:
            continue
        if here in REGISTRY_ASSIGNED or _EMPTY.get(here) == child:
            continue
        if here in _PREFIXES:
            _walk(child, here, found)
        else:
            found[here] += 1
