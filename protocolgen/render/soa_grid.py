"""The whole schedule of activities as one grid, for the formats that need no page blocks.

:class:`~.soa_view.Soa` splits the visits into blocks that fit a PDF page; a workbook has
no pages, so :func:`whole` joins the blocks back into one :class:`~.soa_view.SoaBlock`:
the epoch spans run on across block boundaries and each activity row gets all its cells.
"""

from __future__ import annotations

from protocolgen.render.soa_view import Soa, SoaBlock


def whole(soa: Soa) -> SoaBlock:
    """Every visit of ``soa`` in one block (an empty block when there are no visits)."""
    epochs: list[tuple[str, int]] = []
    groups: dict[str, list[tuple[str, str, list[str]]]] = {}
    for block in soa.blocks:
        for name, span in block.epochs:
            if epochs and epochs[-1][0] == name:
                epochs[-1] = (name, epochs[-1][1] + span)
            else:
                epochs.append((name, span))
        for group, rows in block.groups:
            joined = groups.setdefault(group, [])
            if len(joined) < len(rows):  # the first block holds every row, empty cells too
                joined.extend((name, marks, []) for name, marks, _ in rows[len(joined):])
            for (_, _, cells), (_, _, more) in zip(joined, rows, strict=True):
                cells.extend(more)
    columns = [c for block in soa.blocks for c in block.columns]
    return SoaBlock(epochs, columns, 1 if columns else 0, len(columns), list(groups.items()))
