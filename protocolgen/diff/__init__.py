"""``protocolgen diff``: field-level changes between two versions of a spec.

:func:`diff_specs` compares two spec mappings; :mod:`protocolgen.diff.sources` loads them from
files or a git revision; :data:`REPORTERS` turns the changes into Markdown, JSON or text.
"""

from __future__ import annotations

from protocolgen.diff.model import Change, FileDiff, diff_specs

__all__ = ["Change", "FileDiff", "diff_specs"]
