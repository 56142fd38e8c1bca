"""Display labels for the ClinicalTrials.gov codes used in specs ("NONE" → "None (Open Label)").

The labels are the ones the registry shows on its study pages (its ``legacyValue``s), so a
rendered summary reads like a ClinicalTrials.gov record.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

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
IPD_INFO_TYPE = {
    "STUDY_PROTOCOL": "Study Protocol",
    "SAP": "Statistical Analysis Plan (SAP)",
    "ICF": "Informed Consent Form (ICF)",
    "CSR": "Clinical Study Report (CSR)",
    "ANALYTIC_CODE": "Analytic Code",
}
SECONDARY_ID_TYPE = {
    "NIH": "U.S. NIH Grant/Contract",
    "FDA": "U.S. FDA Grant/Contract",
    "VA": "U.S. VA Grant/Contract",
    "CDC": "U.S. CDC Grant/Contract",
    "AHRQ": "U.S. AHRQ Grant/Contract",
    "SAMHSA": "U.S. SAMHSA Grant/Contract",
    "OTHER_GRANT": "Other Grant/Funding Number",
    "EUDRACT_NUMBER": "EudraCT Number",
    "CTIS": "CTIS",
    "REGISTRY": "Registry Identifier",
    "OTHER": "Other Identifier",
}
REFERENCE_TYPE = {"BACKGROUND": "Background", "RESULT": "Result", "DERIVED": "Derived"}
OBSERVATIONAL_MODEL = {
    "COHORT": "Cohort",
    "CASE_CONTROL": "Case-Control",
    "CASE_ONLY": "Case-Only",
    "CASE_CROSSOVER": "Case-Crossover",
    "ECOLOGIC_OR_COMMUNITY": "Ecologic or Community",
    "FAMILY_BASED": "Family-Based",
    "DEFINED_POPULATION": "Defined Population",
    "NATURAL_HISTORY": "Natural History",
    "OTHER": "Other",
}
TIME_PERSPECTIVE = {
    "RETROSPECTIVE": "Retrospective",
    "PROSPECTIVE": "Prospective",
    "CROSS_SECTIONAL": "Cross-Sectional",
    "OTHER": "Other",
}
BIOSPECIMEN_RETENTION = {
    "NONE_RETAINED": "None Retained",
    "SAMPLES_WITH_DNA": "Samples With DNA",
    "SAMPLES_WITHOUT_DNA": "Samples Without DNA",
}
SAMPLING_METHOD = {
    "PROBABILITY_SAMPLE": "Probability Sample",
    "NON_PROBABILITY_SAMPLE": "Non-Probability Sample",
}
#: Codes of the protocolgen spec itself (ICH M11 and SPIRIT items CT.gov has no code for).
CODING_SYSTEM = {
    "MeSH": "MeSH",
    "MedDRA": "MedDRA",
    "ICD-10": "ICD-10",
    "ICD-11": "ICD-11",
    "SNOMED CT": "SNOMED CT",
}
CONTROL_TYPE = {
    "PLACEBO": "Placebo",
    "ACTIVE": "Active comparator",
    "DOSE_COMPARISON": "Dose comparison",
    "STANDARD_OF_CARE": "Standard of care",
    "NO_TREATMENT": "No treatment",
    "EXTERNAL": "External",
    "NONE": "No control",
}
COMMITTEE = {
    "DMC": "Data monitoring committee",
    "DOSE_ESCALATION": "Dose escalation committee",
    "ENDPOINT_ADJUDICATION": "Endpoint adjudication committee",
    "STEERING": "Steering committee",
    "OTHER": "Other committee",
}
PART_METHOD = {
    "DOSE_ESCALATION_3_PLUS_3": "3+3 dose escalation",
    "DOSE_ESCALATION_OTHER": "Other dose escalation",
    "RANDOMIZED": "Randomized",
    "NON_RANDOMIZED": "Non-Randomized",
    "OTHER": "Other",
}
INTERVENTION_ROLE = {
    "EXPERIMENTAL": "Experimental",
    "PLACEBO": "Placebo",
    "COMPARATOR": "Comparator",
    "BACKGROUND": "Background",
    "RESCUE": "Rescue",
    "OTHER": "Other",
}
OBJECTIVE_LEVEL = {"PRIMARY": "Primary", "SECONDARY": "Secondary", "EXPLORATORY": "Exploratory"}
EPOCH_TYPE = {
    "SCREENING": "Screening",
    "RUN_IN": "Run-in",
    "TREATMENT": "Treatment",
    "FOLLOW_UP": "Follow-up",
    "OTHER": "Other",
}
CONTACT_MODE = {"IN_PERSON": "In person", "TELEPHONE": "Telephone", "REMOTE": "Remote"}
ETHICS_STATUS = {
    "NOT_SUBMITTED": "Not submitted",
    "SUBMITTED": "Submitted",
    "APPROVED": "Approved",
    "EXEMPT": "Exempt",
    "DENIED": "Denied",
}
#: The registry's standard age groups, with the ages (in years) each one spans: a study
#: is open to a group when its age range overlaps the group's (Child: 0-17, Adult: 18-64,
#: Older Adult: 65 and over).
STD_AGE = {
    "CHILD": ("Child", 0.0, 18.0),
    "ADULT": ("Adult", 18.0, 65.0),
    "OLDER_ADULT": ("Older Adult", 65.0, float("inf")),
}
#: ICH E9(R1) intercurrent-event strategies (estimands).
STRATEGY = {
    "TREATMENT_POLICY": "Treatment policy", "HYPOTHETICAL": "Hypothetical",
    "COMPOSITE": "Composite", "WHILE_ON_TREATMENT": "While on treatment",
    "PRINCIPAL_STRATUM": "Principal stratum",
}
#: ICH M11 §1.1.2 control type (the Step 4 value set's words where it has one).
CONTROL_TYPE = {
    "PLACEBO": "Placebo", "ACTIVE": "Active comparator", "DOSE_COMPARISON": "Dose response",
    "STANDARD_OF_CARE": "Standard of care", "NO_TREATMENT": "No treatment",
    "EXTERNAL": "External", "NONE": "No control",
}
#: How a part of a multi-part design assigns participants.
PART_METHOD = {
    "DOSE_ESCALATION_3_PLUS_3": "3+3 dose escalation", "DOSE_ESCALATION_OTHER": "Dose escalation",
    "RANDOMIZED": "Randomised", "NON_RANDOMIZED": "Non-randomised", "OTHER": "Other",
}
#: What an intervention is used for (M11 "intervention use").
INTERVENTION_ROLE = {
    "EXPERIMENTAL": "Experimental", "PLACEBO": "Placebo", "COMPARATOR": "Comparator",
    "BACKGROUND": "Background", "RESCUE": "Rescue", "OTHER": "Other",
}
#: ICH M11 §1.1.2 population type, site distribution and site geographic scope.
POPULATION_TYPE = {"WITH_DISEASE": "With disease", "WITHOUT_DISEASE": "Without disease"}
SITE_DISTRIBUTION = {"SINGLE_CENTRE": "Single-centre", "MULTICENTRE": "Multicentre"}
SITE_SCOPE = {"SINGLE_COUNTRY": "Single country", "MULTIPLE_COUNTRIES": "Multiple countries"}
#: ICH M11 title page: whether an amendment applies everywhere.
AMENDMENT_SCOPE = {"GLOBAL": "Global", "NOT_GLOBAL": "Not global"}

#: Length of one age unit in years, to place an age in the standard groups (exact
#: fractions, so that 216 Months is 18 years and not a rounding error below it).
_DAYS_PER_YEAR = Fraction(1461, 4)
_YEARS_PER_UNIT = {
    "YEARS": Fraction(1),
    "MONTHS": Fraction(1, 12),
    "WEEKS": 7 / _DAYS_PER_YEAR,
    "DAYS": 1 / _DAYS_PER_YEAR,
    "HOURS": 1 / (_DAYS_PER_YEAR * 24),
    "MINUTES": 1 / (_DAYS_PER_YEAR * 24 * 60),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The display label of ``code``; unknown codes are shown as written."""
    if code is None:
        return ""
    if not isinstance(code, str):  # diff shows specs that break the schema: any value here
        return str(code)
    return table.get(code, code)


def phases(codes: Iterable[str]) -> str:
    """``["PHASE1", "PHASE2"]`` → ``"Phase 1/Phase 2"`` as the registry writes it."""
    return "/".join(label(PHASE, c) for c in codes)


def age(value: object) -> str:
    """``{"value": 18, "unit": "YEARS"}`` → ``"18 Years"``; ``"no_limit"`` → ``"No limit"``.

    Also a duration (``{"value": 12, "unit": "MONTHS"}`` → ``"12 Months"``): the units are
    the same, and a whole number written as ``12.0`` is shown as ``12``.
    """
    if value == "no_limit":
        return "No limit"
    if isinstance(value, dict) and "value" in value and "unit" in value:
        number = value["value"]
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        singular, plural = AGE_UNIT.get(str(value["unit"]), (str(value["unit"]),) * 2)
        return f"{number} {singular if number == 1 else plural}"
    return ""


def _years(value: object, default: float) -> Fraction | float | None:
    """An age in years; ``no_limit`` is ``default``, anything else unreadable is ``None``."""
    if value == "no_limit":
        return default
    if isinstance(value, dict) and isinstance(value.get("value"), int):
        per_unit = _YEARS_PER_UNIT.get(str(value.get("unit")))
        return None if per_unit is None else value["value"] * per_unit
    return None


def std_ages(minimum: object, maximum: object) -> list[str]:
    """The standard age groups an age range spans, as the registry derives them.

    ``18 Years`` to ``no_limit`` → ``["Adult", "Older Adult"]``; ``3 Years`` to ``18 Years``
    → ``["Child", "Adult"]`` (the maximum age is included). ``[]`` when either end is absent.
    """
    low, high = _years(minimum, 0.0), _years(maximum, float("inf"))
    if low is None or high is None:
        return []
    return [name for name, start, end in STD_AGE.values() if low < end and high >= start]
