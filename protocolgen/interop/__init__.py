"""ClinicalTrials.gov API v2 interchange: records → specs (import) and specs → records (export).

Two plain-function pipelines over plain data, like the rest of protocolgen:

```
import: FILE.json ─reading─▶ [(json path, study)] ─ctgov_import─▶ (spec dict, findings)
                  ─yaml_writer─▶ spec YAML (schema key order, literal blocks, modeline)
export: spec.yaml ─api.check_source─▶ schema-clean data ─ctgov_export─▶ protocolSection dict
```

Problems in a record are :class:`~protocolgen.interop.findings.RecordFinding` values (PG9xx),
never exceptions; see ``docs/ctgov.md`` for the codes and the field mapping.
"""

from __future__ import annotations
