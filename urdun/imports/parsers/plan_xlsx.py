"""Organizational plan from the first worksheet whose rows include the plan header."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from io import BytesIO
from typing import Any
from zipfile import ZipFile

from lxml import etree
from openpyxl.utils.cell import range_boundaries

from .export_labels import ends_plan, is_plan_aggregate
from .plan_rows import EXPECTED, Row, find_header, interpret_plan
from .types import ParsedPlan, ParseError, Problem, problem

MAX_COLUMNS = 40
MAX_ROWS = 5000
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def parse_plan_xlsx(data: bytes) -> ParsedPlan:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ParseError.of("unreadable_xlsx") from exc
    try:
        for sheet in workbook.worksheets:
            rows, formulas = read_rows(sheet)
            try:
                header_at, columns = find_header(rows)
            except ParseError:
                continue
            if formulas:
                raise ParseError(formulas[:10])
            header_row = rows[header_at].source
            _check_merges(data, sheet, rows, header_row, columns["objective"] + 1)
            return interpret_plan(rows)
    finally:
        workbook.close()
    raise ParseError.of("wrong_columns", expected=EXPECTED)


def read_rows(sheet: Any) -> tuple[list[Row], list[Problem]]:
    """Cell texts of a worksheet, row by row, and a problem for every formula (shared by the
    plan and the performance readers)."""
    rows: list[Row] = []
    formulas: list[Problem] = []
    sheet.reset_dimensions()  # trust the cells, not a stored (possibly huge) dimension
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > MAX_ROWS:
            raise ParseError.of("too_many_rows", limit=MAX_ROWS)
        texts = []
        for cell in cells:
            if getattr(cell, "data_type", None) == "f":
                formulas.append(problem("formula", row=number, column=cell.coordinate, cell=cell.coordinate))
            texts.append(_text(cell.value))
        rows.append(Row(number, texts))
    return rows, formulas


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return str(value)


def merged_ranges(data: bytes, sheet: Any) -> Iterator[str]:
    """Read-only worksheets do not load merges, so read `mergeCell` refs from the sheet XML."""
    path = getattr(sheet, "_worksheet_path", None)  # set by openpyxl's read-only reader
    if not path:
        return
    with ZipFile(BytesIO(data)) as archive, archive.open(path) as source:
        # No entities, no network: the XML comes from an upload.
        events = etree.iterparse(source, tag=SHEET_NS + "mergeCell", resolve_entities=False, no_network=True)
        for _, element in events:
            yield element.get("ref", "")
            element.clear()


def _check_merges(data: bytes, sheet: Any, rows: list[Row], header_row: int, objective_col: int) -> None:
    """Merges in the title rows are layout. Below the header only the objective column may be
    merged down (read as filled on its first row) and a section title across its own row; Urdun's
    export also merges its computed mean-implementation rows, and the plan ends at its total."""
    filled_by_row = {row.source: sum(1 for c in row.cells if c.strip()) for row in rows}
    computed = set()
    for row in rows:
        first = next((c for c in row.cells if c.strip()), "")
        if row.source > header_row and ends_plan(first):
            computed.update(range(row.source, len(rows) + 2))
            break
        if row.source > header_row and is_plan_aggregate(first):
            computed.add(row.source)
    bad = []
    for ref in merged_ranges(data, sheet):
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        if max_row <= header_row or (min_row == max_row and min_row in computed):
            continue
        down_objective = min_col == max_col == objective_col
        section_title = min_row == max_row and filled_by_row.get(min_row, 0) <= 1
        if not (down_objective or section_title):
            bad.append(ref)
    if bad:
        raise ParseError([problem("merged_cells", cells=", ".join(bad[:5]))])
