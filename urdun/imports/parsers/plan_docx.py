"""Organizational plan from the first Word table whose header names the plan columns."""

from __future__ import annotations

from .docx_reader import DocxRow, body_blocks, open_body
from .export_labels import ends_plan, is_plan_aggregate
from .plan_rows import EXPECTED, Row, find_header, interpret_plan
from .types import ParsedPlan, ParseError, problem


def parse_plan_docx(data: bytes) -> ParsedPlan:
    preamble: list[str] = []
    for kind, content in body_blocks(open_body(data)):
        if kind == "p":
            preamble.extend(content.split("\n"))
            continue
        rows = [Row(number, [c.text for c in cells]) for number, cells in enumerate(content, start=1)]
        try:
            header_at, columns = find_header(rows)
        except ParseError:
            continue
        _check_merges(content, header_at, columns["objective"])
        return interpret_plan(rows, preamble)
    raise ParseError.of("wrong_columns", expected=EXPECTED)


def _check_merges(table: list[DocxRow], header_at: int, objective_col: int) -> None:
    """Below the header only two merges are read: the objective cell spanning its actions'
    rows, and a section title spanning its row. Any other would hide which row a value is on.
    Urdun's export also spans its computed mean-implementation rows; the plan ends at its total."""
    bad: list[str] = []
    for number, cells in enumerate(table[header_at + 1 :], start=header_at + 2):
        filled = sum(1 for c in cells if c.text)
        first = next((c.text for c in cells if c.text), "")
        if ends_plan(first):
            break
        if is_plan_aggregate(first):
            continue
        for col, cell in enumerate(cells):
            if cell.continues_above and col != objective_col:
                bad.append(f"row {number} column {col + 1}")
            if cell.span > 1 and filled > 1:
                bad.append(f"row {number} columns {col + 1}–{col + cell.span}")
    if bad:
        raise ParseError([problem("merged_cells", cells=", ".join(bad[:5]))])
