"""Small-group suppression of a published table (METHODOLOGY.md part C, "Publication threshold").

A table has one row per unit and a total row for the organization; each row has the number of
people (``n``) and one count per rating band. Pure: numbers in, a mask out.

Rules, applied until nothing changes:
1. A row drawn from fewer people than the threshold is suppressed whole (primary).
2. The suppressed rows together must hold 0 or at least ``threshold`` people, and be 0 or at least
   two rows: otherwise the organization's total minus the published rows would give them away. The
   smallest published unit row is suppressed too until that holds (complementary); if the whole
   organization has fewer people than the threshold, everything is suppressed.
3. In a published row, a band count of 1 … threshold-1 is suppressed (primary); the suppressed
   counts of a row must be 0 or at least two cells summing to at least ``threshold``, since the row's
   ``n`` minus its published counts gives their sum: the smallest other non-zero count is
   suppressed until that holds.
4. Down a band column, the counts not published (suppressed cells, suppressed rows) must be 0 or
   at least two summing to at least ``threshold``, or the organization's count of that band minus
   the published ones would give them away: otherwise the organization's count is suppressed too
   (and rule 3 then applies to the organization's row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Table:
    """``rows[i]`` is (n, [count per band]); the total row is ``total``, the sum of the rows."""

    rows: list[tuple[int, list[int]]]
    total: tuple[int, list[int]]
    row_hidden: list[bool] = field(default_factory=list)
    cell_hidden: list[list[bool]] = field(default_factory=list)
    total_hidden: bool = False
    total_cell_hidden: list[bool] = field(default_factory=list)


def _safe(values: Sequence[int], threshold: int) -> bool:
    """May these unknown counts stay unknown without being worked out? (0, or ≥ 2 summing ≥ t)."""
    nonzero = [v for v in values if v]
    return not nonzero or (len(values) >= 2 and sum(values) >= threshold)


def _fix_row(counts: list[int], hidden: list[bool], threshold: int) -> bool:
    """Rule 3 on one published row; returns True if it hid something."""
    changed = False
    for i, c in enumerate(counts):
        if 0 < c < threshold and not hidden[i]:
            hidden[i] = changed = True
    while not _safe([c for c, h in zip(counts, hidden, strict=True) if h], threshold):
        candidates = [i for i, h in enumerate(hidden) if not h]
        if not candidates:
            break
        # the smallest non-zero count first; a zero only when no other is left
        i = min(candidates, key=lambda j: (counts[j] == 0, counts[j]))
        hidden[i] = changed = True
    return changed


def suppress(rows: list[tuple[int, list[int]]], threshold: int) -> Table:
    bands = len(rows[0][1]) if rows else 0
    total = (sum(n for n, _ in rows), [sum(r[1][b] for r in rows) for b in range(bands)])
    t = Table(
        rows=rows,
        total=total,
        row_hidden=[n < threshold for n, _ in rows],
        cell_hidden=[[False] * bands for _ in rows],
        total_cell_hidden=[False] * bands,
    )
    if total[0] < threshold:
        t.total_hidden = True
        t.row_hidden = [True] * len(rows)
        t.cell_hidden = [[True] * bands for _ in rows]
        t.total_cell_hidden = [True] * bands
        return t
    # rule 2
    while not _safe([n for (n, _), h in zip(rows, t.row_hidden, strict=True) if h], threshold):
        shown = [i for i, h in enumerate(t.row_hidden) if not h]
        if not shown:
            break
        t.row_hidden[min(shown, key=lambda i: rows[i][0])] = True
    for i, hidden in enumerate(t.row_hidden):
        if hidden:
            t.cell_hidden[i] = [True] * bands
    changed = True
    while changed:
        changed = False
        for i, (_n, counts) in enumerate(rows):
            if not t.row_hidden[i]:
                changed |= _fix_row(counts, t.cell_hidden[i], threshold)
        changed |= _fix_row(total[1], t.total_cell_hidden, threshold)
        for b in range(bands):
            if t.total_cell_hidden[b]:
                continue
            unknown = [rows[i][1][b] for i in range(len(rows)) if t.cell_hidden[i][b]]
            if not _safe(unknown, threshold):
                t.total_cell_hidden[b] = changed = True
    return t
