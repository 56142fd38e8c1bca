"""A schema-clean spec dict → one PRS ``clinical_study`` element (ProtocolRecordSchema.xsd).

Elements are written in the schema's order with PRS's words for the codes
(:mod:`~protocolgen.interop.prs.labels`); text is plain (PRS formats its text blocks itself).
What PRS requires and the spec lacks is never invented: an element the XSD requires is
written empty, so the file stays valid, and a PG952 finding names it; a value PRS has no word
for (an ``UNKNOWN`` status) is left out with PG954; text over a PRS limit is kept whole and
reported (PG953). With ``partial`` the study is a partial upload: only what the spec gives is
sent, and PRS keeps the rest, so missing top-level items are not findings.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement

from protocolgen import labels
from protocolgen.interop.findings import RecordFinding
from protocolgen.interop.prs import labels as prs
from protocolgen.interop.prs import sections
from protocolgen.interop.prs.study import Study


def write_study(
    spec: dict[str, Any], where: str, *, partial: bool = False, org_name: str | None = None
) -> tuple[Element, list[RecordFinding]]:
    """The ``clinical_study`` element for ``spec`` and what PRS will miss in it."""
    s = Study(where, partial=partial)
    root = s.root
    ident = spec["identification"]
    id_info = SubElement(root, "id_info")
    s.text(id_info, "org_name", org_name, "--org-name", required=True)
    s.text(
        id_info,
        "org_study_id",
        ident.get("sponsor_protocol_id"),
        "/identification/sponsor_protocol_id",
        required=True,
    )
    _secondary_ids(s, id_info, ident)
    s.text(
        root, "brief_title", ident.get("brief_title"), "/identification/brief_title", required=True
    )
    s.text(root, "acronym", ident.get("acronym"), "/identification/acronym")
    s.text(root, "official_title", ident.get("official_title"), "/identification/official_title")
    _sponsors(s, spec.get("sponsors", {}))
    _oversight(s, spec.get("oversight", {}))
    desc = spec.get("description", {})
    for key in ("brief_summary", "detailed_description"):
        s.text(
            root,
            key,
            desc.get(key),
            f"/description/{key}",
            required=key == "brief_summary",
            block=True,
        )
    _status(s, spec.get("status", {}))
    sections.design(s, spec)
    for group in ("primary", "secondary", "other"):
        for index, outcome in enumerate(spec.get("outcomes", {}).get(group, [])):
            sections.outcome(s, f"{group}_outcome", outcome, f"/outcomes/{group}/{index}")
    enrollment = spec["design"].get("enrollment", {})
    s.text(root, "enrollment", enrollment.get("count"), "/design/enrollment/count", required=True)
    s.code(
        root, "enrollment_type", enrollment.get("type"), prs.DATE_TYPE, "/design/enrollment/type"
    )
    conditions = [c if isinstance(c, str) else c.get("term") for c in spec.get("conditions", [])]
    if not conditions:
        s.text(root, "condition", None, "/conditions", required=True)
    for index, condition in enumerate(conditions):
        s.text(root, "condition", condition, f"/conditions/{index}")
    for index, keyword in enumerate(spec.get("keywords", [])):
        s.text(root, "keyword", keyword, f"/keywords/{index}")
    sections.arms(s, spec)
    sections.eligibility(s, spec)
    sections.contacts(s, spec)
    sections.ipd(s, spec.get("ipd_sharing", {}))
    for index, link in enumerate(spec.get("links", [])):
        element = SubElement(root, "link")
        s.text(element, "url", link.get("url"), f"/links/{index}/url", required=True)
        s.text(element, "description", link.get("label"), f"/links/{index}/label", required=True)
    for index, ref in enumerate(spec.get("references", [])):
        element = SubElement(root, "reference")
        s.text(element, "citation", ref.get("citation"), f"/references/{index}/citation")
        s.text(element, "pubmed_id", ref.get("pmid"), f"/references/{index}/pmid")
        if ref.get("type") == "RESULT":
            s.text(element, "is_results_ref", "yes", f"/references/{index}/type")
    return root, s.findings


def _secondary_ids(s: Study, id_info: Element, ident: dict[str, Any]) -> None:
    for index, item in enumerate(ident.get("secondary_ids", [])):
        element = SubElement(id_info, "secondary_id")
        here = f"/identification/secondary_ids/{index}"
        s.text(element, "id", item.get("id"), f"{here}/id", required=True)
        s.code(element, "id_type", item.get("type"), prs.SECONDARY_ID_TYPE, f"{here}/type")
        s.text(element, "id_domain", item.get("domain"), f"{here}/domain")
    for index, reg in enumerate(ident.get("registrations", [])):
        if "clinicaltrials.gov" in reg.get("registry", "").lower().replace(" ", ""):
            continue  # the NCT number is PRS's own: it is not uploaded
        element = SubElement(id_info, "secondary_id")
        here = f"/identification/registrations/{index}"
        s.text(element, "id", reg.get("id"), f"{here}/id", required=True)
        s.text(element, "id_type", "Registry Identifier", here)
        s.text(element, "id_domain", reg.get("registry"), f"{here}/registry")


def _sponsors(s: Study, sponsors: dict[str, Any]) -> None:
    lead = sponsors.get("lead", {}).get("name")
    if not lead and s.partial:
        return
    element = SubElement(s.root, "sponsors")
    agency = SubElement(element, "lead_sponsor")
    s.text(agency, "agency", lead, "/sponsors/lead/name", required=True)
    for index, org in enumerate(sponsors.get("collaborators", [])):
        collaborator = SubElement(element, "collaborator")
        s.text(
            collaborator,
            "agency",
            org.get("name"),
            f"/sponsors/collaborators/{index}/name",
            required=True,
        )
    party = sponsors.get("responsible_party")
    if party:
        rp = SubElement(element, "resp_party")
        here = "/sponsors/responsible_party"
        s.code(
            rp,
            "resp_party_type",
            party.get("type"),
            labels.RESPONSIBLE_PARTY,
            f"{here}/type",
            required=True,
        )
        s.text(rp, "investigator_username", party.get("name"), f"{here}/name")
        s.text(rp, "investigator_title", party.get("title"), f"{here}/title")
        s.text(rp, "investigator_affiliation", party.get("affiliation"), f"{here}/affiliation")


def _oversight(s: Study, oversight: dict[str, Any]) -> None:
    given = [
        (tag, key, answer)
        for tag, key in (
            ("has_dmc", "has_dmc"),
            ("fda_regulated_drug", "fda_regulated_drug"),
            ("fda_regulated_device", "fda_regulated_device"),
            ("post_prior_to_approval", "unapproved_device"),
            ("exported_from_us", "us_export"),
        )
        if (answer := prs.yes_no(oversight.get(key)))
    ]
    if given:
        element = SubElement(s.root, "oversight_info")
        for tag, key, answer in given:
            s.text(element, tag, answer, f"/oversight/{key}")


def _status(s: Study, status: dict[str, Any]) -> None:
    root = s.root
    s.code(
        root,
        "overall_status",
        status.get("overall"),
        prs.OVERALL_STATUS,
        "/status/overall",
        required=True,
    )
    s.text(root, "why_stopped", status.get("why_stopped"), "/status/why_stopped")
    s.text(
        root,
        "verification_date",
        status.get("verified_date"),
        "/status/verified_date",
        required=True,
    )
    for key, tag in (
        ("start_date", "start_date"),
        ("completion_date", "last_follow_up_date"),
        ("primary_completion_date", "primary_compl_date"),
    ):
        dated = status.get(key) or {}
        required = key != "completion_date"
        s.text(root, tag, dated.get("date"), f"/status/{key}", required=required)
        s.code(root, f"{tag}_type", dated.get("type"), prs.DATE_TYPE, f"/status/{key}/type")
