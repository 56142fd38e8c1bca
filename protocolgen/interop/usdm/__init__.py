"""CDISC USDM v4.0 JSON (the data model behind ICH M11 and the Digital Data Flow).

```
export: spec.yaml … ─api.check_source─▶ schema-clean data ─writer─▶ Wrapper JSON
```

The field table is ``interop/tables/usdm.csv`` (spec field → USDM class.attribute); the
CDISC controlled terminology used is ``interop/tables/usdm_codes.csv``. See docs/usdm.md.
"""

from __future__ import annotations

from protocolgen.interop.usdm.writer import write_wrapper

__all__ = ["write_wrapper"]
