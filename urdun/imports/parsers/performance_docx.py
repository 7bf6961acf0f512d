"""Performance report and evaluation sheet from a DOCX whose tables have the form's columns
(Urdun's own export, or an office's Word file). Each paragraph line and table row gets a running
position number, which problems report as their row."""

from __future__ import annotations

from .docx_reader import DocxRow, body_blocks, open_body
from .layout import Block, Table, TextLine
from .performance import interpret_performance
from .signatures import LABEL_RE
from .types import ParsedPerformance


def docx_blocks(data: bytes) -> list[Block]:
    blocks: list[Block] = []
    position = 0
    for kind, content in body_blocks(open_body(data)):
        if kind == "p":
            for line in content.split("\n"):
                position += 1
                blocks.append(TextLine(line.strip(), position))
            continue
        if _is_signature_grid(content):
            # Sign-off blocks laid out side by side in a borderless table (Urdun's export and
            # many office files): read them as the lines they print, block after block.
            for cells in content:
                for cell in cells:
                    for line in cell.text.split("\n"):
                        position += 1
                        blocks.append(TextLine(line.strip(), position))
            continue
        table = Table([])
        for cells in content:
            position += 1
            table.rows.append((position, [cell.text for cell in cells]))
        blocks.append(table)
    return blocks


def parse_performance_docx(data: bytes, rescores: str = "rule") -> ParsedPerformance:
    return interpret_performance(docx_blocks(data), rescores)


def _is_signature_grid(rows: list[DocxRow]) -> bool:
    """A table whose every filled cell starts with a sign-off label in capitals ("ТАЙЛАН
    ГАРГАСАН:"), not a form table."""
    firsts = [cell.text.split("\n", 1)[0].strip() for cells in rows for cell in cells if cell.text.strip()]
    return bool(firsts) and all(LABEL_RE.match(first) for first in firsts)
