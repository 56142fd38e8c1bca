"""The words PRS upload XML uses for the spec's codes, where they differ from CT.gov's labels.

PRS takes most codes as the labels CT.gov shows (:mod:`protocolgen.labels`); the entries here
are the exceptions named in ProtocolRecordSchema.xsd's comments.
"""

from __future__ import annotations

from protocolgen import labels

PHASE = {**labels.PHASE, "NA": "N/A"}
DATE_TYPE = {"ACTUAL": "Actual", "ESTIMATED": "Anticipated"}
INTERVENTION_TYPE = {
    **labels.INTERVENTION_TYPE,
    "BIOLOGICAL": "Biological/Vaccine",
    "PROCEDURE": "Procedure/Surgery",
}
SECONDARY_ID_TYPE = {
    **{code: "NIH Grant Number" for code in ("NIH",)},
    **{code: "Other Grant/Funding Number" for code in ("FDA", "VA", "CDC", "AHRQ", "SAMHSA")},
    "OTHER_GRANT": "Other Grant/Funding Number",
    "EUDRACT_NUMBER": "EudraCT Number",
    "CTIS": "EU Trial (CTIS) Number",
    "REGISTRY": "Registry Identifier",
    "OTHER": "Other Identifier",
}
#: Statuses PRS accepts as the overall recruitment status (the others are registry-assigned).
OVERALL_STATUS = {
    code: labels.STATUS[code]
    for code in (
        "NOT_YET_RECRUITING",
        "RECRUITING",
        "ACTIVE_NOT_RECRUITING",
        "ENROLLING_BY_INVITATION",
        "COMPLETED",
        "SUSPENDED",
        "TERMINATED",
        "WITHDRAWN",
        "AVAILABLE",
        "NO_LONGER_AVAILABLE",
        "TEMPORARILY_NOT_AVAILABLE",
        "APPROVED_FOR_MARKETING",
    )
}
#: masked_* element of each spec ``who_masked`` code.
MASKED = {
    "PARTICIPANT": "masked_subject",
    "CARE_PROVIDER": "masked_caregiver",
    "INVESTIGATOR": "masked_investigator",
    "OUTCOMES_ASSESSOR": "masked_assessor",
}
IPD_INFO = {
    "STUDY_PROTOCOL": "ipd_info_type_protocol",
    "SAP": "ipd_info_type_sap",
    "ICF": "ipd_info_type_icf",
    "CSR": "ipd_info_type_csr",
    "ANALYTIC_CODE": "ipd_info_type_analytic_code",
}
#: PRS character limits (REPORT.md §4), by element; text over them is reported, not cut.
LIMITS = {
    "brief_title": 300,
    "official_title": 600,
    "acronym": 14,
    "why_stopped": 250,
    "brief_summary": 5000,
    "detailed_description": 32000,
    "criteria": 20000,
    "arm_group_label": 100,
    "intervention_name": 200,
    "outcome_measure": 255,
    "outcome_time_frame": 255,
    "name": 254,
}


def yes_no(value: object) -> str | None:
    """``True`` → ``yes``, ``False`` → ``no``, anything else → ``None`` (left out)."""
    return {True: "yes", False: "no"}.get(value) if isinstance(value, bool) else None


def phase(phases: list[str]) -> str | None:
    """``[PHASE1, PHASE2]`` → ``Phase 1/Phase 2``; none → ``None``."""
    if not phases:
        return None
    return "/".join(PHASE.get(p, p) for p in phases)
