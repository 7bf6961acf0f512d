"""Performance report, assignments and evaluation sheet from an XLSX laid out as Urdun exports
them (`urdun.documents.render.xlsx`): text lines in column A, each form table as a run of rows,
the sign-off steps as rows of label and position, name, date.

Each worksheet is read in order, so a workbook holding the report, the assignments and the sheet
on three worksheets reads as the three forms of one file. A row with text in column A only and
no merge is a line; a row with several cells, or a merge across, is a table row; an empty row
ends a table. Formulas are refused (an imported figure must be what the paper shows); merges
are layout and read as the text of their first cell, as the DOCX reader reads a spanned cell.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl.utils.cell import range_boundaries

from .layout import Block, Table, TextLine
from .performance import interpret_performance
from .plan_rows import Row
from .plan_xlsx import merged_ranges, read_rows
from .signatures import LABEL_RE
from .types import ParsedPerformance, ParseError


def parse_performance_xlsx(data: bytes, rescores: str = "rule") -> ParsedPerformance:
    return interpret_performance(xlsx_blocks(data), rescores)


def xlsx_blocks(data: bytes) -> list[Block]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ParseError.of("unreadable_xlsx") from exc
    blocks: list[Block] = []
    offset = 0
    try:
        for sheet in workbook.worksheets:
            rows, formulas = read_rows(sheet)
            if formulas:
                raise ParseError(formulas[:10])
            blocks += _sheet_blocks(rows, _merge_extents(data, sheet), offset)
            offset += len(rows)
    finally:
        workbook.close()
    return blocks


def _merge_extents(data: bytes, sheet: Any) -> dict[int, int]:
    """Row number → the last column (1-based) a merge starting on that row reaches."""
    extents: dict[int, int] = {}
    for ref in merged_ranges(data, sheet):
        try:
            _min_col, min_row, max_col, _max_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        extents[min_row] = max(extents.get(min_row, 0), max_col)
    return extents


def _sheet_blocks(rows: list[Row], merges: dict[int, int], offset: int) -> list[Block]:
    """Lines, tables and sign-off lines of one worksheet. Problems report the worksheet row
    (counted on across worksheets)."""
    blocks: list[Block] = []
    table: list[Row] = []

    def close() -> None:
        if table:
            blocks.append(_table(table, merges, offset))
            table.clear()

    for row in rows:
        cells = [c.strip() for c in row.cells]
        filled = [i for i, c in enumerate(cells) if c]
        line = row.source + offset
        if not filled:
            close()
        elif filled[0] == 1 and LABEL_RE.match(cells[1].split("\n", 1)[0]) and row.source not in merges:
            close()
            blocks += _signature_lines(cells, line)
        elif filled == [0] and row.source not in merges:
            close()
            blocks += [TextLine(text.strip(), line) for text in cells[0].split("\n")]
        else:
            table.append(row)
    close()
    return blocks


def _table(rows: list[Row], merges: dict[int, int], offset: int) -> Table:
    width = max(max((i + 1 for i, c in enumerate(row.cells) if c.strip()), default=0) for row in rows)
    width = max([width, *(merges.get(row.source, 0) for row in rows)])
    return Table(
        [(row.source + offset, [c.strip() for c in (row.cells + [""] * width)[:width]]) for row in rows]
    )


def _signature_lines(cells: list[str], line: int) -> list[TextLine]:
    """A sign-off row (label and position, name, date) as the lines the paper prints: the label,
    the position, the name between slashes, the date."""
    label, _sep, position = cells[1].partition(":")
    out = [TextLine(f"{label.strip()}:", line)]
    if position.strip():
        out.append(TextLine(position.strip(), line))
    name = cells[2] if len(cells) > 2 else ""
    if name and any(ch.isalpha() for ch in name):
        out.append(TextLine(f"/{name}/", line))
    if len(cells) > 3 and cells[3]:
        out.append(TextLine(cells[3], line))
    return out
