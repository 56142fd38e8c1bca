"""ClinicalTrials.gov API v2 JSON: records → specs (import) and specs → records (export).

```
import: FILE.json ─reading─▶ [(json path, study)] ─reader─▶ (spec dict, findings)
                  ─yaml_writer─▶ spec YAML (schema key order, literal blocks, modeline)
export: spec.yaml ─api.check_source─▶ schema-clean data ─writer─▶ protocolSection dict
```

:func:`import_study` (one API v2 study dict → spec dict and findings) is the public entry
point for a caller that reads records itself (a bulk reader); :func:`import_record` and
:func:`export_file` are what the CLI calls. The field table is ``interop/tables/ctgov.csv``.
"""

from __future__ import annotations

from protocolgen.interop.ctgov.files import (
    STDIN,
    ExportResult,
    ImportedStudy,
    ImportReport,
    dump_study,
    export_file,
    import_record,
    read_source,
    targets,
)
from protocolgen.interop.ctgov.reader import import_study
from protocolgen.interop.ctgov.writer import export_spec

__all__ = [
    "STDIN",
    "ExportResult",
    "ImportReport",
    "ImportedStudy",
    "dump_study",
    "export_file",
    "export_spec",
    "import_record",
    "import_study",
    "read_source",
    "targets",
]
