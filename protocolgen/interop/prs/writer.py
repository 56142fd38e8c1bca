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

import re
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from protocolgen import labels
from protocolgen.diagnostics import Severity
from protocolgen.interop.criteria import join_criteria
from protocolgen.interop.findings import RecordFinding
from protocolgen.interop.markup import unescape
from protocolgen.interop.prs import labels as prs
from protocolgen.interop.values import format_age, format_duration

# Characters XML 1.0 cannot hold at all (C0 controls but tab, CR, LF; surrogates; FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Study:
    """Builds one ``clinical_study`` and collects its findings; ``where`` names the spec."""

    def __init__(self, where: str, *, partial: bool) -> None:
        self.where = where
        self.partial = partial
        self.findings: list[RecordFinding] = []
        self.root = Element("clinical_study")
        if partial:
            self.root.set("partial_upload", "true")

    def note(self, code: str, pointer: str, message: str) -> None:
        self.findings.append(RecordFinding(pointer, code, Severity.WARNING, message))

    def text(
        self,
        parent: Element,
        tag: str,
        value: Any,
        pointer: str,
        *,
        required: bool = False,
        block: bool = False,
    ) -> Element | None:
        """``<tag>value</tag>`` (``<tag><textblock>…`` with ``block``); nothing for no value,
        unless ``required``: then an empty element and a PG952 finding."""
        if value is None or value == "" or value == []:
            if not required or (self.partial and parent is self.root):
                return None  # a partial upload leaves what it omits as PRS has it
            self.note("PG952", pointer, f"{tag} is required by PRS but the spec has no value")
            value = ""
        value = str(value)
        if _NOT_XML.search(value):
            self.note("PG954", pointer, f"{tag} holds characters XML cannot carry; replaced by �")
            value = _NOT_XML.sub("\ufffd", value)
        limit = prs.LIMITS.get(tag)
        if limit is not None and len(value) > limit:
            self.note(
                "PG953",
                pointer,
                f"{tag} has {len(value)} characters, over the PRS limit of {limit}: "
                "written whole; shorten it before upload",
            )
        element = SubElement(parent, tag)
        if block:
            SubElement(element, "textblock").text = value
        else:
            element.text = value
        return element

    def code(
        self,
        parent: Element,
        tag: str,
        value: Any,
        words: dict[str, str],
        pointer: str,
        *,
        required: bool = False,
    ) -> None:
        """A code in PRS's words; a code PRS has no word for is left out (PG954)."""
        if value is not None and value not in words:
            self.note("PG954", pointer, f"{tag}: PRS has no value for {value!r}; left out")
            value = None
        self.text(parent, tag, words.get(value) if value else None, pointer, required=required)


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
    _design(s, spec)
    for group in ("primary", "secondary", "other"):
        for index, outcome in enumerate(spec.get("outcomes", {}).get(group, [])):
            _outcome(s, f"{group}_outcome", outcome, f"/outcomes/{group}/{index}")
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
    _arms(s, spec)
    _eligibility(s, spec)
    _contacts(s, spec)
    _ipd(s, spec.get("ipd_sharing", {}))
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


def _design(s: Study, spec: dict[str, Any]) -> None:
    design = spec["design"]
    kind = design.get("study_type")
    element = SubElement(s.root, "study_design")
    s.code(element, "study_type", kind, labels.STUDY_TYPE, "/design/study_type", required=True)
    if kind == "INTERVENTIONAL":
        block = SubElement(element, "interventional_design")
        s.code(
            block,
            "interventional_subtype",
            design.get("primary_purpose"),
            labels.PRIMARY_PURPOSE,
            "/design/primary_purpose",
            required=True,
        )
        s.text(block, "phase", prs.phase(design.get("phases", [])), "/design/phases", required=True)
        s.code(
            block,
            "assignment",
            design.get("intervention_model"),
            labels.INTERVENTION_MODEL,
            "/design/intervention_model",
        )
        s.text(
            block,
            "model_description",
            design.get("intervention_model_description"),
            "/design/intervention_model_description",
            block=True,
        )
        s.code(
            block,
            "allocation",
            design.get("allocation"),
            labels.ALLOCATION,
            "/design/allocation",
            required=True,
        )
        masking = design.get("masking", {})
        if masking.get("type") == "NONE":
            s.text(block, "no_masking", "yes", "/design/masking/type")
        elif masking.get("type"):
            s.text(block, "no_masking", "no", "/design/masking/type")
            who = set(masking.get("who_masked", []))
            for code, tag in prs.MASKED.items():
                s.text(block, tag, "yes" if code in who else "no", "/design/masking/who_masked")
        s.text(
            block,
            "masking_description",
            masking.get("description"),
            "/design/masking/description",
            block=True,
        )
        s.text(block, "number_of_arms", len(spec.get("arms", [])) or None, "/arms")
    elif kind == "OBSERVATIONAL":
        obs = design.get("observational", {})
        block = SubElement(element, "observational_design")
        here = "/design/observational"
        s.code(
            block,
            "observational_study_design",
            obs.get("model"),
            labels.OBSERVATIONAL_MODEL,
            f"{here}/model",
            required=True,
        )
        s.code(
            block,
            "biospecimen_retention",
            obs.get("biospecimen_retention"),
            labels.BIOSPECIMEN_RETENTION,
            f"{here}/biospecimen_retention",
            required=True,
        )
        s.text(
            block,
            "biospecimen_description",
            obs.get("biospecimen_description"),
            f"{here}/biospecimen_description",
            block=True,
        )
        s.code(
            block,
            "timing",
            obs.get("time_perspective"),
            labels.TIME_PERSPECTIVE,
            f"{here}/time_perspective",
            required=True,
        )
        s.text(block, "number_of_groups", len(spec.get("arms", [])) or None, "/arms", required=True)
        s.text(
            block,
            "patient_registry",
            prs.yes_no(obs.get("patient_registry")),
            f"{here}/patient_registry",
        )
        duration = obs.get("target_duration")
        text = format_duration(duration) if duration else None
        if text:
            number, unit = text.split(" ", 1)
            s.text(block, "target_duration_quantity", number, f"{here}/target_duration")
            s.text(
                block,
                "target_duration_units",
                unit if unit.endswith("s") else unit + "s",
                f"{here}/target_duration",
            )


def _outcome(s: Study, tag: str, outcome: dict[str, Any], here: str) -> None:
    element = SubElement(s.root, tag)
    s.text(element, "outcome_measure", outcome.get("measure"), f"{here}/measure", required=True)
    s.text(element, "outcome_time_frame", outcome.get("time_frame"), f"{here}/time_frame")
    s.text(
        element,
        "outcome_description",
        outcome.get("description"),
        f"{here}/description",
        block=True,
    )


def _arms(s: Study, spec: dict[str, Any]) -> None:
    typed = spec["design"].get("study_type") == "INTERVENTIONAL"
    labels_of: dict[str, list[str]] = {}
    for index, arm in enumerate(spec.get("arms", [])):
        element = SubElement(s.root, "arm_group")
        here = f"/arms/{index}"
        s.text(element, "arm_group_label", arm.get("label"), f"{here}/label", required=True)
        if typed:
            s.code(element, "arm_type", arm.get("type"), labels.ARM_TYPE, f"{here}/type")
        s.text(
            element,
            "arm_group_description",
            arm.get("description"),
            f"{here}/description",
            block=True,
        )
        for ref in arm.get("interventions", []):
            labels_of.setdefault(ref, []).append(arm.get("label", ""))
    for index, item in enumerate(spec.get("interventions", [])):
        element = SubElement(s.root, "intervention")
        here = f"/interventions/{index}"
        s.code(
            element, "intervention_type", item.get("type"), prs.INTERVENTION_TYPE, f"{here}/type"
        )
        s.text(element, "intervention_name", item.get("name"), f"{here}/name", required=True)
        s.text(
            element,
            "intervention_description",
            item.get("description"),
            f"{here}/description",
            block=True,
        )
        for label in labels_of.get(item.get("id", ""), []):
            s.text(element, "arm_group_label", label, f"{here}/id")
        for other in item.get("other_names", []):
            s.text(element, "intervention_other_name", other, f"{here}/other_names")


def _eligibility(s: Study, spec: dict[str, Any]) -> None:
    elig = spec["eligibility"]
    element = SubElement(s.root, "eligibility")
    here = "/eligibility"
    if spec["design"].get("study_type") == "OBSERVATIONAL":
        s.text(
            element,
            "study_population",
            elig.get("study_population"),
            f"{here}/study_population",
            block=True,
        )
        s.code(
            element,
            "sampling_method",
            elig.get("sampling_method"),
            labels.SAMPLING_METHOD,
            f"{here}/sampling_method",
        )
    criteria = join_criteria(elig.get("inclusion", []), elig.get("exclusion", []))
    s.text(element, "criteria", unescape(criteria), f"{here}/inclusion", required=True, block=True)
    s.text(
        element,
        "healthy_volunteers",
        prs.yes_no(elig.get("healthy_volunteers")),
        f"{here}/healthy_volunteers",
    )
    s.code(element, "gender", elig.get("sex"), labels.SEX, f"{here}/sex", required=True)
    s.text(element, "gender_based", prs.yes_no(elig.get("gender_based")), f"{here}/gender_based")
    s.text(
        element,
        "gender_description",
        elig.get("gender_description"),
        f"{here}/gender_description",
        block=True,
    )
    for key in ("minimum_age", "maximum_age"):
        value = elig.get(key)
        text = "N/A" if value == "no_limit" else format_age(value)
        s.text(element, key, text, f"{here}/{key}", required=True)


def _contacts(s: Study, spec: dict[str, Any]) -> None:
    contacts = spec.get("contacts", {})
    for index, official in enumerate(contacts.get("officials", [])):
        element = SubElement(s.root, "overall_official")
        here = f"/contacts/officials/{index}"
        s.text(element, "last_name", official.get("name"), f"{here}/name", required=True)
        s.code(element, "role", official.get("role"), labels.CONTACT_ROLE, f"{here}/role")
        s.text(element, "affiliation", official.get("affiliation"), f"{here}/affiliation")
    for index, (tag, contact) in enumerate(
        zip(
            ("overall_contact", "overall_contact_backup"), contacts.get("central", []), strict=False
        )
    ):
        _person(s, SubElement(s.root, tag), contact, f"/contacts/central/{index}", required=True)
    for index, loc in enumerate(spec.get("locations", [])):
        here = f"/locations/{index}"
        element = SubElement(s.root, "location")
        facility = SubElement(element, "facility")
        s.text(facility, "name", loc.get("facility"), f"{here}/facility", required=True)
        address = SubElement(facility, "address")
        for key in ("city", "state", "country", "zip"):
            s.text(address, key, loc.get(key), f"{here}/{key}")
        s.code(element, "status", loc.get("status"), labels.STATUS, f"{here}/status")
        for n, (tag, contact) in enumerate(
            zip(("contact", "contact_backup"), loc.get("contacts", []), strict=False)
        ):
            _person(s, SubElement(element, tag), contact, f"{here}/contacts/{n}", required=False)


def _person(
    s: Study, element: Element, contact: dict[str, Any], here: str, *, required: bool
) -> None:
    s.text(element, "last_name", contact.get("name"), f"{here}/name", required=required)
    s.text(element, "phone", contact.get("phone"), f"{here}/phone")
    s.text(element, "phone_ext", contact.get("phone_ext"), f"{here}/phone_ext")
    s.text(element, "email", contact.get("email"), f"{here}/email")


def _ipd(s: Study, ipd: dict[str, Any]) -> None:
    if not ipd.get("plan"):
        return
    element = SubElement(s.root, "ipd_sharing_statement")
    s.code(element, "sharing_ipd", ipd.get("plan"), labels.IPD_SHARING, "/ipd_sharing/plan")
    s.text(
        element, "ipd_description", ipd.get("description"), "/ipd_sharing/description", block=True
    )
    if ipd.get("plan") == "YES":
        given = set(ipd.get("info_types", []))
        for code, tag in prs.IPD_INFO.items():
            s.text(element, tag, "yes" if code in given else "no", "/ipd_sharing/info_types")
        s.text(
            element, "ipd_time_frame", ipd.get("time_frame"), "/ipd_sharing/time_frame", block=True
        )
        s.text(
            element,
            "ipd_access_criteria",
            ipd.get("access_criteria"),
            "/ipd_sharing/access_criteria",
            block=True,
        )
        s.text(element, "ipd_url", ipd.get("url"), "/ipd_sharing/url")
