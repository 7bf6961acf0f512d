"""XLSX rendering with openpyxl: the rows and figures of a form, and the totals list.

Figures go in as numbers (so a spreadsheet can sum them) with the number of decimals the
payload printed; everything else goes in as text. Text a spreadsheet would read as a formula
(``=``, ``+``, ``-``, ``@``, or a leading tab / CR, the CSV-injection set) is stored as a string
cell with the quote prefix, so it is never evaluated, even after the cell is edited.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .labels import labels_for
from .rows import Cell, Document, Table, build, is_decimal, place, text

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=12)
_NOTE = Font(italic=True, size=9, color="464646")
_SHADE = PatternFill("solid", fgColor="E8E8E8")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_WRAP_CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")
_WRAP_RIGHT = Alignment(wrap_text=True, horizontal="right", vertical="center")
_ALIGN = {"left": _WRAP_TOP, "center": _WRAP_CENTER, "right": _WRAP_RIGHT}
LINE_HEIGHT_PT = 12.0
# Width of the whole table in Excel character units, portrait and landscape.
_TABLE_CHARS = {False: 125, True: 190}


def write_text(ws: Worksheet, row: int, column: int, value: str) -> Any:
    """Store ``value`` as a text cell that no spreadsheet will evaluate."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if value.startswith(_FORMULA_START):
        # openpyxl turns "=..." into a formula on assignment; force it back to a string and
        # mark it quote-prefixed, as Excel does for text typed with a leading apostrophe.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_number(ws: Worksheet, row: int, column: int, value: Decimal) -> Any:
    """Store a payload figure as a number that displays with the decimals it was given."""
    cell = ws.cell(row=row, column=column, value=value)
    places = max(0, -int(value.as_tuple().exponent))
    cell.number_format = "0" if places == 0 else "0." + "0" * places
    return cell


def write_value(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """A payload string: a number when it is a plain decimal, text otherwise."""
    s = text(value).strip()
    if is_decimal(s):
        return write_number(ws, row, column, Decimal(s))
    return write_text(ws, row, column, text(value))


def render_xlsx(kind: str, payload: Mapping[str, Any]) -> bytes:
    """Render ``payload`` (a contract dict, see docs/contracts.md) as an XLSX workbook."""
    return render_document_xlsx(build(kind, payload))


def render_document_xlsx(document: Document) -> bytes:
    lab = labels_for(document.language)
    wb = Workbook()
    ws = wb.active
    ws.title = lab[f"xlsx_{document.kind}"][:31]
    tables = [b.table for b in document.blocks if b.table is not None]
    widths = _column_widths(tables, document.landscape)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width

    row = 1
    for line in document.title:
        write_text(ws, row, 1, line).font = _TITLE
        row += 1
    for line in document.subtitle:
        write_text(ws, row, 1, line)
        row += 1
    for label, value in document.fields:
        write_text(ws, row, 1, f"{label} {value}")
        row += 1
    for line in document.basis:
        write_text(ws, row, 1, line).font = _NOTE
        row += 1

    for block in document.blocks:
        row += 1
        if block.heading:
            write_text(ws, row, 1, block.heading).font = _BOLD
            row += 1
        for line in block.lines:
            write_text(ws, row, 1, line)
            row += 1
        if block.table is not None:
            row = _write_table(ws, row, block.table, widths)

    if document.signatures:
        row += 1
        for sig in document.signatures:
            write_text(ws, row, 2, " ".join(p for p in (sig.label, sig.position) if p)).alignment = _WRAP_TOP
            write_text(ws, row, 3, sig.name or document.labels["unsigned"])
            write_text(ws, row, 4, sig.date)
            row += 1

    ws.page_setup.orientation = "landscape" if document.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return _save(wb)


def _column_widths(tables: list[Table], landscape: bool) -> list[float]:
    """Each column as wide as the widest share any table gives it."""
    columns = max((t.columns for t in tables), default=1)
    widths = [8.0] * columns
    for t in tables:
        total = sum(t.widths)
        for i, w in enumerate(t.widths):
            widths[i] = max(widths[i], round(w / total * _TABLE_CHARS[landscape], 1))
    return widths


def _cell_text(cell: Cell) -> str:
    return cell.text + ("\n" + cell.note if cell.text and cell.note else cell.note)


def _lines(value: str, chars: float) -> int:
    return sum(max(1, math.ceil(len(part) / max(chars, 1.0))) for part in value.split("\n"))


def _write_table(ws: Worksheet, row: int, table: Table, widths: list[float]) -> int:
    head_count = len(table.head)
    for r, slots in enumerate(place(table.head + table.body, table.columns)):
        lines = 1
        for slot in slots:
            if slot.covered:
                continue  # a rowspan's text sits in its first row, as on the paper plan
            cell = slot.cell
            column = slot.column + 1
            value = _cell_text(cell)
            if cell.number is not None and not cell.note:
                xl = write_number(ws, row, column, cell.number)
            else:
                xl = write_text(ws, row, column, value)
            xl.alignment = _ALIGN[cell.align]
            if cell.bold or r < head_count:
                xl.font = _BOLD
            if cell.fill or r < head_count:
                xl.fill = _SHADE
            if cell.colspan > 1:
                ws.merge_cells(
                    start_row=row, start_column=column, end_row=row, end_column=column + cell.colspan - 1
                )
            if value and cell.rowspan == 1:
                # Wrapped text in merged cells is never auto-fitted by Excel: size the row.
                chars = sum(widths[slot.column : slot.column + cell.colspan]) * 1.1
                lines = max(lines, _lines(value, chars))
        if lines > 1:
            ws.row_dimensions[row].height = lines * LINE_HEIGHT_PT + 2
        row += 1
    return row


_TOTALS_COLUMNS = (
    ("name", "col_name", 24),
    ("position", "col_position", 36),
    ("unit", "col_unit_name", 28),
    ("part1", "col_part1", 11),
    ("part2", "col_part2", 11),
    ("part3", "col_part3", 11),
    ("part4", "col_part4", 11),
    ("adjustments", "col_adjustments", 11),
    ("total", "col_total", 10),
    ("rating", "col_rating", 20),
    ("status", "col_status", 14),
)


def render_totals_xlsx(rows: Iterable[Mapping[str, Any]], language: str = "mn") -> bytes:
    """All evaluation totals of a unit or organization, one sheet per line.

    Each row holds ``name``, ``position``, ``unit``, ``part1``..``part4``, ``adjustments``,
    ``total`` (Decimal strings or None), ``rating`` (``{"letter", "label"}`` or a string) and
    ``status``.
    """
    lab = labels_for(language)
    wb = Workbook()
    ws = wb.active
    ws.title = lab["xlsx_totals"][:31]
    for column, (_key, label, width) in enumerate(_TOTALS_COLUMNS, start=1):
        cell = write_text(ws, 1, column, lab[label])
        cell.font = _BOLD
        cell.fill = _SHADE
        cell.alignment = _WRAP_CENTER
        ws.column_dimensions[get_column_letter(column)].width = width
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, (key, _label, _width) in enumerate(_TOTALS_COLUMNS, start=1):
            value = row.get(key)
            if key == "rating" and isinstance(value, Mapping):
                value = " ".join(text(value.get(k)) for k in ("letter", "label") if value.get(k))
            write_value(ws, count + 1, column, value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(_TOTALS_COLUMNS))}{count + 1}"
    return _save(wb)


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
