"""Specs → one PRS ``study_collection`` document: check each spec, write each study.

A spec with error findings is refused (PG950) and the collection is not written, so an
upload never carries a study that ``validate`` rejects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, indent, tostring

from protocolgen import api
from protocolgen.diagnostics import FileReport
from protocolgen.interop.assumed import assumed_pointers, without_assumed
from protocolgen.interop.findings import RecordFinding
from protocolgen.interop.prs.writer import write_study

#: The namespace of ProtocolRecordSchema.xsd; its local elements are unqualified.
NAMESPACE = "http://clinicaltrials.gov/prs"


@dataclass
class SpecExport:
    """One spec: its check report and the findings of writing it as a PRS study."""

    report: FileReport
    findings: list[RecordFinding] = field(default_factory=list)
    written: bool = False


@dataclass
class PrsExport:
    """The collection (``text`` is ``""`` when a spec was refused) and each spec's findings."""

    specs: list[SpecExport]
    text: str = ""

    @property
    def exit_code(self) -> int:
        if any(s.report.unreadable for s in self.specs):
            return 2
        return 0 if self.text else 1


def export_files(
    sources: list[str], *, partial: bool = False, org_name: str | None = None
) -> PrsExport:
    """Check every spec and write them all as one collection; nothing is written when any
    spec has error findings. The PRS-required items a spec lacks are the writer's PG952
    findings (the items of the ``ctgov`` profile and what the XSD requires)."""
    profiles: tuple[str, ...] = ()
    collection = Element("prs:study_collection", {"xmlns:prs": NAMESPACE})
    out = PrsExport([])
    for source in sources:
        checked = api.check_source(source, profiles=profiles)
        entry = SpecExport(checked.report)
        out.specs.append(entry)
        doc = checked.document
        if doc is None or checked.report.has_errors:
            continue
        data = without_assumed(doc.data, assumed_pointers(doc))
        study, entry.findings = write_study(data, source, partial=partial, org_name=org_name)
        collection.append(study)
        entry.written = True
    if all(s.written for s in out.specs) and out.specs:
        indent(collection, space="  ")
        body = tostring(collection, encoding="unicode", short_empty_elements=True)
        out.text = '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
    return out
