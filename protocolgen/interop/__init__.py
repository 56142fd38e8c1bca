"""Exchange formats: one subpackage per format over shared mapping tables kept as data.

```
spec ⇄ tables/*.csv (one row per field) ⇄ ctgov/ (API v2 JSON) · prs/ (PRS upload XML)
                                          · usdm/ (CDISC USDM v4 JSON)
```

Shared here: :mod:`findings` (PG9xx values with a JSON path), :mod:`tables` (the mapping
tables), :mod:`specschema` (code lists and key order from the spec schema), :mod:`values`
(ages, durations, dates), :mod:`criteria` and :mod:`markup` (criteria text and Markdown), and
:mod:`yaml_writer` (spec YAML out). Problems in a record are
:class:`~protocolgen.interop.findings.RecordFinding` values, never exceptions.
"""

from __future__ import annotations
