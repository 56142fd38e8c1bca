"""A schema-clean spec dict → the ``protocolSection`` of an API v2 study.

Values are written in CT.gov's form: codes as they are, ages and durations as ``"18 Years"``,
the text of ``markup`` fields as Markdown (escaped again: :mod:`protocolgen.interop.markup`),
arm ↔ intervention links as ``"Biological: UC-MSC"`` / arm labels on both sides, derived
``stdAges`` worked out from the ages. Empty values are left out, as CT.gov does; the PRS
items that end up missing are reported as PG952 warnings (validate reports the same gaps in
the spec). Registry-assigned dates under ``registry_record`` are not exported: PRS assigns
them.
"""

from __future__ import annotations

from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.interop.assumed import without_assumed
from protocolgen.interop.criteria import join_criteria
from protocolgen.interop.findings import RecordFinding
from protocolgen.interop.markup import markdown
from protocolgen.interop.values import (
    format_age,
    format_duration,
    intervention_name,
    standard_ages,
)

_CTGOV = "clinicaltrials.gov"
#: PRS items required for every interventional record (REPORT.md §2), by the path export writes.
PRS_REQUIRED = (
    "identificationModule.orgStudyIdInfo",
    "identificationModule.briefTitle",
    "statusModule.statusVerifiedDate",
    "statusModule.startDateStruct",
    "statusModule.primaryCompletionDateStruct",
    "sponsorCollaboratorsModule.leadSponsor",
    "descriptionModule.briefSummary",
    "conditionsModule.conditions",
    "outcomesModule.primaryOutcomes",
    "eligibilityModule.eligibilityCriteria",
)


def _clean(value: Any) -> Any:
    """Drop empty strings, lists and objects (and ``None``) everywhere, as CT.gov does."""
    if isinstance(value, dict):
        out = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        items = [_clean(v) for v in value]
        return [v for v in items if v not in (None, "", [], {})]
    return value


def export_spec(
    spec: dict[str, Any], assumed: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], list[RecordFinding]]:
    """The ``protocolSection`` for ``spec`` and the PRS-required items it lacks.

    ``assumed`` names the values the spec marks as inferred by an importer
    (:mod:`protocolgen.interop.assumed`): they are left out, as the source left them out.
    """
    heading = "/eligibility/inclusion" not in assumed
    spec = without_assumed(spec, assumed - {"/eligibility/inclusion"})
    section = _clean(
        {
            "identificationModule": _identification(spec),
            "statusModule": _status(spec.get("status", {})),
            "sponsorCollaboratorsModule": _sponsors(spec.get("sponsors", {})),
            "oversightModule": _oversight(spec.get("oversight", {})),
            "descriptionModule": {
                "briefSummary": markdown(spec["description"].get("brief_summary")),
                "detailedDescription": markdown(spec["description"].get("detailed_description")),
            },
            "conditionsModule": {
                "conditions": [c if isinstance(c, str) else c["term"] for c in spec["conditions"]],
                "keywords": spec.get("keywords"),
            },
            "designModule": _design(spec["design"]),
            "armsInterventionsModule": _arms(spec),
            "outcomesModule": {
                f"{group}Outcomes": [_outcome(o) for o in spec["outcomes"].get(group, [])]
                for group in ("primary", "secondary", "other")
            },
            "eligibilityModule": _eligibility(spec["eligibility"], heading),
            "contactsLocationsModule": {
                "centralContacts": [_contact(c) for c in spec["contacts"]["central"]],
                "overallOfficials": spec["contacts"]["officials"],
                "locations": [_location(loc) for loc in spec.get("locations", [])],
            },
            "referencesModule": {
                "references": [
                    {"pmid": r.get("pmid"), "type": r.get("type"), "citation": r["citation"]}
                    for r in spec.get("references", [])
                ],
                "seeAlsoLinks": spec.get("links"),
            },
            "ipdSharingStatementModule": _ipd(spec.get("ipd_sharing", {})),
        }
    )
    return section, _missing(section, spec["design"].get("study_type"))


def _identification(spec: dict[str, Any]) -> dict[str, Any]:
    ident = spec["identification"]
    nct = None
    secondary = [
        {"id": s["id"], "type": s.get("type"), "domain": s.get("domain"), "link": s.get("link")}
        for s in ident.get("secondary_ids", [])
    ]
    for reg in ident.get("registrations", []):
        if _CTGOV in reg["registry"].lower().replace(" ", "") and nct is None:
            nct = reg["id"]
        else:  # another registry's number is a secondary id of type REGISTRY on CT.gov
            secondary.append({"id": reg["id"], "type": "REGISTRY", "domain": reg["registry"]})
    return {
        "nctId": nct,
        "orgStudyIdInfo": {"id": ident.get("sponsor_protocol_id")},
        "secondaryIdInfos": secondary,
        "briefTitle": ident["brief_title"],
        "officialTitle": ident.get("official_title"),
        "acronym": ident.get("acronym"),
    }


def _status(status: dict[str, Any]) -> dict[str, Any]:
    return {
        "statusVerifiedDate": status.get("verified_date"),
        "overallStatus": status.get("overall"),
        "lastKnownStatus": status.get("last_known"),
        "whyStopped": markdown(status.get("why_stopped")),
        "startDateStruct": status.get("start_date"),
        "primaryCompletionDateStruct": status.get("primary_completion_date"),
        "completionDateStruct": status.get("completion_date"),
    }


def _sponsors(sponsors: dict[str, Any]) -> dict[str, Any]:
    party = sponsors.get("responsible_party", {})
    return {
        "responsibleParty": {
            "type": party.get("type"),
            "investigatorFullName": party.get("name"),
            "investigatorTitle": party.get("title"),
            "investigatorAffiliation": party.get("affiliation"),
        },
        "leadSponsor": _organisation(sponsors["lead"]) if "lead" in sponsors else None,
        "collaborators": [_organisation(o) for o in sponsors.get("collaborators", [])],
    }


def _organisation(org: dict[str, Any]) -> dict[str, Any]:
    return {"name": org["name"], "class": org.get("class")}


def _oversight(oversight: dict[str, Any]) -> dict[str, Any]:
    return {
        "oversightHasDmc": oversight.get("has_dmc"),
        "isFdaRegulatedDrug": oversight.get("fda_regulated_drug"),
        "isFdaRegulatedDevice": oversight.get("fda_regulated_device"),
        "isUnapprovedDevice": oversight.get("unapproved_device"),
        "isUsExport": oversight.get("us_export"),
    }


def _design(design: dict[str, Any]) -> dict[str, Any]:
    obs = design.get("observational", {})
    masking = design.get("masking", {})
    duration = obs.get("target_duration")
    return {
        "studyType": design.get("study_type"),
        "patientRegistry": obs.get("patient_registry"),
        "targetDuration": format_duration(duration) if duration else None,
        "phases": design.get("phases"),
        "designInfo": {
            "allocation": design.get("allocation"),
            "interventionModel": design.get("intervention_model"),
            "interventionModelDescription": markdown(design.get("intervention_model_description")),
            "primaryPurpose": design.get("primary_purpose"),
            "observationalModel": obs.get("model"),
            "timePerspective": obs.get("time_perspective"),
            "maskingInfo": {
                "masking": masking.get("type"),
                "maskingDescription": markdown(masking.get("description")),
                "whoMasked": masking.get("who_masked"),
            },
        },
        "bioSpec": {
            "retention": obs.get("biospecimen_retention"),
            "description": obs.get("biospecimen_description"),
        },
        "enrollmentInfo": design.get("enrollment"),
    }


def _arms(spec: dict[str, Any]) -> dict[str, Any]:
    interventions = {i["id"]: i for i in spec["interventions"]}
    labels: dict[str, list[str]] = {i: [] for i in interventions}
    # CT.gov gives observational groups no type; the spec's required OTHER is left out.
    typed = spec["design"].get("study_type") == "INTERVENTIONAL"
    groups = []
    for arm in spec["arms"]:
        names = []
        for ref in arm["interventions"]:
            if ref in interventions:
                item = interventions[ref]
                # An assumed type is left out; the link is then the bare name.
                kind = item.get("type")
                names.append(intervention_name(kind, item["name"]) if kind else item["name"])
                labels[ref].append(arm["label"])
        groups.append(
            {
                "label": arm["label"],
                "type": arm.get("type") if typed else None,
                "description": markdown(arm.get("description")),
                "interventionNames": names,
            }
        )
    return {
        "armGroups": groups,
        "interventions": [
            {
                "type": i.get("type"),
                "name": i["name"],
                "description": markdown(i.get("description")),
                "armGroupLabels": labels[i["id"]],
                "otherNames": i.get("other_names"),
            }
            for i in spec["interventions"]
        ],
    }


def _outcome(outcome: dict[str, Any]) -> dict[str, Any]:
    return {
        "measure": outcome["measure"],
        "description": markdown(outcome.get("description")),
        "timeFrame": outcome["time_frame"],
    }


def _eligibility(elig: dict[str, Any], heading: bool = True) -> dict[str, Any]:
    low, high = elig["minimum_age"], elig["maximum_age"]
    criteria = join_criteria(elig["inclusion"], elig["exclusion"], inclusion_heading=heading)
    return {
        "eligibilityCriteria": criteria,
        "healthyVolunteers": elig.get("healthy_volunteers"),
        "sex": elig.get("sex"),
        "genderBased": elig.get("gender_based"),
        "genderDescription": elig.get("gender_description"),
        "minimumAge": format_age(low),
        "maximumAge": format_age(high),
        "stdAges": standard_ages(low, high),
        "studyPopulation": markdown(elig.get("study_population")),
        "samplingMethod": elig.get("sampling_method"),
    }


def _contact(contact: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": contact["name"],
        "role": contact.get("role"),
        "phone": contact.get("phone"),
        "phoneExt": contact.get("phone_ext"),
        "email": contact.get("email"),
    }


def _location(loc: dict[str, Any]) -> dict[str, Any]:
    keys = ("facility", "status", "city", "state", "zip", "country")
    out: dict[str, Any] = {k: loc.get(k) for k in keys}
    out["contacts"] = [_contact(c) for c in loc.get("contacts", [])]
    return out


def _ipd(ipd: dict[str, Any]) -> dict[str, Any]:
    return {
        "ipdSharing": ipd.get("plan"),
        "description": markdown(ipd.get("description")),
        "infoTypes": ipd.get("info_types"),
        "timeFrame": markdown(ipd.get("time_frame")),
        "accessCriteria": markdown(ipd.get("access_criteria")),
        "url": ipd.get("url"),
    }


def _missing(section: dict[str, Any], study_type: str) -> list[RecordFinding]:
    found = []
    required: tuple[str, ...] = PRS_REQUIRED
    if study_type == "INTERVENTIONAL":
        required += ("armsInterventionsModule.armGroups", "armsInterventionsModule.interventions")
    for path in required:
        node: Any = section
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        if node is None:
            found.append(
                RecordFinding(
                    f"$.protocolSection.{path}",
                    "PG952",
                    Severity.WARNING,
                    f"{path} is required by PRS but the spec has no value for it: left out",
                )
            )
    return found
