"""Display labels for the ClinicalTrials.gov codes used in specs ("NONE" → "None (Open Label)").

The labels are the ones the registry shows on its study pages (its ``legacyValue``s), so a
rendered summary reads like a ClinicalTrials.gov record.
"""

from __future__ import annotations

from collections.abc import Iterable

STATUS = {
    "NOT_YET_RECRUITING": "Not yet recruiting",
    "RECRUITING": "Recruiting",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "SUSPENDED": "Suspended",
    "TERMINATED": "Terminated",
    "COMPLETED": "Completed",
    "WITHDRAWN": "Withdrawn",
    "AVAILABLE": "Available",
    "NO_LONGER_AVAILABLE": "No longer available",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available",
    "APPROVED_FOR_MARKETING": "Approved for marketing",
    "WITHHELD": "Withheld",
    "UNKNOWN": "Unknown status",
}
STUDY_TYPE = {
    "INTERVENTIONAL": "Interventional",
    "OBSERVATIONAL": "Observational",
    "EXPANDED_ACCESS": "Expanded Access",
}
PHASE = {
    "NA": "Not Applicable",
    "EARLY_PHASE1": "Early Phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
}
ALLOCATION = {"RANDOMIZED": "Randomized", "NON_RANDOMIZED": "Non-Randomized", "NA": "N/A"}
INTERVENTION_MODEL = {
    "SINGLE_GROUP": "Single Group Assignment",
    "PARALLEL": "Parallel Assignment",
    "CROSSOVER": "Crossover Assignment",
    "FACTORIAL": "Factorial Assignment",
    "SEQUENTIAL": "Sequential Assignment",
}
PRIMARY_PURPOSE = {
    "TREATMENT": "Treatment",
    "PREVENTION": "Prevention",
    "DIAGNOSTIC": "Diagnostic",
    "ECT": "Educational/Counseling/Training",
    "SUPPORTIVE_CARE": "Supportive Care",
    "SCREENING": "Screening",
    "HEALTH_SERVICES_RESEARCH": "Health Services Research",
    "BASIC_SCIENCE": "Basic Science",
    "DEVICE_FEASIBILITY": "Device Feasibility",
    "OTHER": "Other",
}
MASKING = {
    "NONE": "None (Open Label)",
    "SINGLE": "Single",
    "DOUBLE": "Double",
    "TRIPLE": "Triple",
    "QUADRUPLE": "Quadruple",
}
WHO_MASKED = {
    "PARTICIPANT": "Participant",
    "CARE_PROVIDER": "Care Provider",
    "INVESTIGATOR": "Investigator",
    "OUTCOMES_ASSESSOR": "Outcomes Assessor",
}
ARM_TYPE = {
    "EXPERIMENTAL": "Experimental",
    "ACTIVE_COMPARATOR": "Active Comparator",
    "PLACEBO_COMPARATOR": "Placebo Comparator",
    "SHAM_COMPARATOR": "Sham Comparator",
    "NO_INTERVENTION": "No Intervention",
    "OTHER": "Other",
}
INTERVENTION_TYPE = {
    "BEHAVIORAL": "Behavioral",
    "BIOLOGICAL": "Biological",
    "COMBINATION_PRODUCT": "Combination Product",
    "DEVICE": "Device",
    "DIAGNOSTIC_TEST": "Diagnostic Test",
    "DIETARY_SUPPLEMENT": "Dietary Supplement",
    "DRUG": "Drug",
    "GENETIC": "Genetic",
    "PROCEDURE": "Procedure",
    "RADIATION": "Radiation",
    "OTHER": "Other",
}
SEX = {"ALL": "All", "FEMALE": "Female", "MALE": "Male"}
DATE_TYPE = {"ACTUAL": "Actual", "ESTIMATED": "Estimated"}
AGE_UNIT = {
    "YEARS": ("Year", "Years"),
    "MONTHS": ("Month", "Months"),
    "WEEKS": ("Week", "Weeks"),
    "DAYS": ("Day", "Days"),
    "HOURS": ("Hour", "Hours"),
    "MINUTES": ("Minute", "Minutes"),
}
CONTACT_ROLE = {
    "STUDY_CHAIR": "Study Chair",
    "STUDY_DIRECTOR": "Study Director",
    "PRINCIPAL_INVESTIGATOR": "Principal Investigator",
    "SUB_INVESTIGATOR": "Sub-Investigator",
    "CONTACT": "Contact",
}
RESPONSIBLE_PARTY = {
    "SPONSOR": "Sponsor",
    "PRINCIPAL_INVESTIGATOR": "Principal Investigator",
    "SPONSOR_INVESTIGATOR": "Sponsor-Investigator",
}
AGENCY_CLASS = {
    "NIH": "NIH",
    "FED": "U.S. Fed",
    "OTHER_GOV": "Other U.S. Government",
    "INDIV": "Individual",
    "INDUSTRY": "Industry",
    "NETWORK": "Network",
    "AMBIG": "Ambiguous",
    "OTHER": "Other",
    "UNKNOWN": "Unknown",
}
IPD_SHARING = {"YES": "Yes", "NO": "No", "UNDECIDED": "Undecided"}


def label(table: dict[str, str], code: str | None) -> str:
    """The display label of ``code``; unknown codes are shown as written."""
    if code is None:
        return ""
    return table.get(code, code)


def phases(codes: Iterable[str]) -> str:
    """``["PHASE1", "PHASE2"]`` → ``"Phase 1/Phase 2"`` as the registry writes it."""
    return "/".join(label(PHASE, c) for c in codes)


def age(value: object) -> str:
    """``{"value": 18, "unit": "YEARS"}`` → ``"18 Years"``; ``"no_limit"`` → ``"No limit"``."""
    if value == "no_limit":
        return "No limit"
    if isinstance(value, dict) and "value" in value and "unit" in value:
        singular, plural = AGE_UNIT.get(str(value["unit"]), (str(value["unit"]),) * 2)
        return f"{value['value']} {singular if value['value'] == 1 else plural}"
    return ""
