"""Click commands beyond ``validate``; each module stays thin and calls the library.

Commands here must not import heavy dependencies (WeasyPrint) at import time: ``cli.py``
imports them on every run, including ``protocolgen validate``.
"""

from __future__ import annotations
