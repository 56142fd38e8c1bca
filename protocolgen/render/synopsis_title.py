"""The title page of the synopsis: the ICH M11 title-page fields as rows, each value marked
when it is assumed (see :mod:`.assumed_view`)."""

from __future__ import annotations

from typing import Any

from protocolgen import labels
from protocolgen.render.assumed_view import mark
from protocolgen.render.display import Row, join, plain
from protocolgen.render.synopsis_annex import organisation
from protocolgen.render.synopsis_design import NA


def _registry_ids(ident: dict[str, Any]) -> str:
    ids = [f"{r['registry']}: {r['id']}" for r in ident.get("registrations", [])]
    ids += [
        f"{s.get('domain') or s.get('type') or 'Other'}: {s['id']}"
        for s in ident.get("secondary_ids", [])
    ]
    return "; ".join(ids)


def _version_rows(ident: dict[str, Any]) -> list[Row]:
    version = ident.get("protocol_version", {})
    original = version.get("original")
    at = "/identification/protocol_version"
    amended = original is False or bool(version.get("amendment"))
    scope = labels.AMENDMENT_SCOPE.get(version.get("amendment_scope", ""),
                                                                 "")
    scope = join(scope, plain(version.get("amendment_scope_description")), sep=": ")
    return [
        Row("Original protocol", mark({True: "Yes", False: "No"}.get(original, ""),
                                      f"{at}/original")),
        Row("Version number", mark(plain(version.get("number")), f"{at}/number")),
        Row("Version date", mark(plain(version.get("date")), f"{at}/date")),
        Row("Amendment identifier", mark(plain(version.get("amendment")), f"{at}/amendment")
            if amended else NA + (" (original protocol)" if original else "")),
        Row("Amendment scope", mark(scope, f"{at}/amendment_scope") if amended else NA),
    ]


def _product_rows(data: dict[str, Any]) -> list[Row]:
    experimental = [(n, i) for n, i in enumerate(data.get("interventions", []))
                    if i.get("role", "EXPERIMENTAL") == "EXPERIMENTAL"]
    codes = "; ".join(mark(i["product_code"], f"/interventions/{n}/product_code")
                      for n, i in experimental if i.get("product_code"))
    names = "; ".join(
        mark(i["name"], f"/interventions/{n}/name")
        + (f" (other names: {', '.join(i['other_names'])})" if i.get("other_names") else "")
        for n, i in experimental)
    device = any(i["type"] in ("DEVICE", "COMBINATION_PRODUCT") for i in data["interventions"])
    return [
        Row("Sponsor investigational product code(s)", codes),
        Row("Investigational product name(s)", names),
        Row("Device manufacturer", "" if device else NA + " (no investigational device)"),
    ]


def title_rows(data: dict[str, Any]) -> list[Row]:
    ident = data["identification"]
    sponsors = data["sponsors"]
    version = ident.get("protocol_version", {})
    return [
        Row("Trial acronym", mark(plain(ident.get("acronym")), "/identification/acronym")),
        Row("Sponsor protocol identifier", mark(plain(ident.get("sponsor_protocol_id")),
                                                "/identification/sponsor_protocol_id")),
        *_version_rows(ident),
        *_product_rows(data),
        Row("Trial phase", mark(labels.phases(data["design"].get("phases", [])),
                                "/design/phases")),
        Row("Trial short title", mark(ident["brief_title"], "/identification/brief_title")),
        Row("Sponsor name", organisation(sponsors["lead"], "/sponsors/lead")),
        Row("Sponsor legal address", mark(plain(sponsors["lead"].get("address")),
                                          "/sponsors/lead/address")),
        Row("Co-sponsors and collaborators", "; ".join(
            organisation(c, f"/sponsors/collaborators/{n}")
            for n, c in enumerate(sponsors.get("collaborators", []))) or "None listed"),
        Row("Regulatory and trial identifiers", _registry_ids(ident)),
        Row("Sponsor approval", mark(plain(version.get("approval")),
                                     "/identification/protocol_version/approval")),
    ]
