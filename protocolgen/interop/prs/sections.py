"""The design, arms and interventions, eligibility, contacts and IPD parts of a PRS study."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement

from protocolgen import labels
from protocolgen.interop.criteria import join_criteria
from protocolgen.interop.markup import unescape
from protocolgen.interop.prs import labels as prs
from protocolgen.interop.prs.study import Study
from protocolgen.interop.values import format_age, format_duration


def design(s: Study, spec: dict[str, Any]) -> None:
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


def outcome(s: Study, tag: str, outcome: dict[str, Any], here: str) -> None:
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


def arms(s: Study, spec: dict[str, Any]) -> None:
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


def eligibility(s: Study, spec: dict[str, Any]) -> None:
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


def contacts(s: Study, spec: dict[str, Any]) -> None:
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


def ipd(s: Study, ipd: dict[str, Any]) -> None:
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
