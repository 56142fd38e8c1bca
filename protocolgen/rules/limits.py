"""ClinicalTrials.gov character limits (PRS data element definitions).

Real legacy records can exceed today's limits, so these are warnings: the spec is still a
valid protocol, it just cannot be submitted to ClinicalTrials.gov unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from protocolgen import spec_paths
from protocolgen.diagnostics import Severity
from protocolgen.rules.base import Finding, rule

#: (path with ``*`` for every list item, CT.gov field name, limit in characters).
LIMITS: tuple[tuple[str, str, int], ...] = (
    ("/identification/acronym", "Acronym", 14),
    ("/identification/sponsor_protocol_id", "Unique Protocol ID", 30),
    ("/identification/secondary_ids/*/id", "Secondary ID", 30),
    ("/sponsors/lead/name", "Sponsor name", 160),
    ("/sponsors/collaborators/*/name", "Collaborator name", 160),
    ("/sponsors/responsible_party/affiliation", "Responsible party affiliation", 160),
    ("/sponsors/responsible_party/title", "Investigator title", 254),
    ("/conditions/*", "Condition", 160),
    ("/conditions/*/term", "Condition", 160),
    ("/keywords/*", "Keyword", 160),
    ("/interventions/*/name", "Intervention name", 200),
    ("/interventions/*/other_names/*", "Other intervention name", 200),
    ("/status/why_stopped", "Why stopped", 250),
    ("/locations/*/facility", "Facility name", 254),
    ("/links/*/label", "Link label", 254),
    ("/outcomes/*/*/measure", "Outcome measure", 255),
    ("/outcomes/*/*/time_frame", "Outcome time frame", 255),
    ("/contacts/officials/*/affiliation", "Official affiliation", 255),
    ("/identification/brief_title", "Brief title", 300),
    ("/identification/official_title", "Official title", 600),
    ("/arms/*/description", "Arm description", 999),
    ("/outcomes/*/*/description", "Outcome description", 999),
    ("/interventions/*/description", "Intervention description", 1000),
    ("/design/intervention_model_description", "Model description", 1000),
    ("/design/masking/description", "Masking description", 1000),
    ("/design/observational/biospecimen_description", "Biospecimen description", 1000),
    ("/eligibility/study_population", "Study population", 1000),
    ("/eligibility/gender_description", "Gender description", 1000),
    ("/ipd_sharing/description", "IPD sharing description", 1000),
    ("/ipd_sharing/time_frame", "IPD sharing time frame", 1000),
    ("/references/*/citation", "Citation", 2000),
    ("/links/*/url", "URL", 3999),
    ("/description/brief_summary", "Brief summary", 5000),
    ("/description/detailed_description", "Detailed description", 32000),
)
#: CT.gov holds all criteria as one text block of at most 20,000 characters.
CRITERIA_LIMIT = 20000


def _criteria_length(data: dict[str, Any]) -> int:
    """Length of the criteria as CT.gov would hold them: one item per line, with headings."""
    total = len("Inclusion Criteria:\n\nExclusion Criteria:\n")
    for kind in ("inclusion", "exclusion"):
        for item in data["eligibility"].get(kind, []):
            text = item if isinstance(item, str) else item["text"]
            subs = [] if isinstance(item, str) else item.get("sub", [])
            total += len(text) + 3 + sum(len(s) + 5 for s in subs)
    return total


@rule(
    "PG601",
    "ctgov-character-limit",
    Severity.WARNING,
    "Text fits the ClinicalTrials.gov character limits",
    passing="acronym: LUPUS-MSC",
    failing="acronym: LUPUS-MSC-PHASE-ONE",
)
def ctgov_character_limit(data: dict[str, Any]) -> Iterator[Finding]:
    """ClinicalTrials.gov limits the length of most text fields (acronym 14 characters,
    brief title 300, official title 600, outcome measure and time frame 255, arm
    description 999, brief summary 5,000, eligibility criteria 20,000, detailed description
    32,000, ...). Longer text is rejected on submission."""
    for path, label, limit in LIMITS:
        too_long = (isinstance(v, str) and len(v) > limit for v in spec_paths.values(data, path))
        if not any(too_long):
            continue  # the usual case: no pointers needed
        for pointer, value in spec_paths.resolve(data, path):
            if isinstance(value, str) and len(value) > limit:
                yield Finding(
                    pointer,
                    f"{label} is {len(value)} characters; ClinicalTrials.gov allows {limit}",
                    f"Shorten it by {len(value) - limit} characters.",
                )
    length = _criteria_length(data)
    if length > CRITERIA_LIMIT:
        yield Finding(
            "/eligibility",
            f"the eligibility criteria come to about {length} characters; "
            f"ClinicalTrials.gov allows {CRITERIA_LIMIT}",
            "Shorten the criteria.",
            at_key=True,
        )
