"""protocolgen: validate clinical-trial protocol specs and render registry-ready documents."""

from __future__ import annotations

__version__ = "0.1.0"
