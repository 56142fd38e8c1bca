"""ClinicalTrials.gov PRS upload XML (ProtocolRecordSchema.xsd, version 2018-05-08).

```
export: spec.yaml … ─api.check_source─▶ schema-clean data ─writer─▶
        <prs:study_collection> with one <clinical_study> per spec
```

The field table is ``interop/tables/prs.csv``. PRS-required items a spec lacks (the items of
the ``ctgov`` profile and what the XSD itself requires) are PG952 findings, never invalid XML
and never dropped silently; text over PRS limits is PG953, written whole.
"""

from __future__ import annotations

from protocolgen.interop.prs.files import PrsExport, export_files
from protocolgen.interop.prs.writer import write_study

__all__ = ["PrsExport", "export_files", "write_study"]
