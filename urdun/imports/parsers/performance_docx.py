"""Performance report and evaluation sheet from a DOCX whose tables have the form's columns
(Urdun's own export, or an office's Word file). Each paragraph line and table row gets a running
position number, which problems report as their row."""

from __future__ import annotations

from .docx_reader import body_blocks, open_body
from .layout import Block, Table, TextLine
from .performance import interpret_performance
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
        table = Table([])
        for cells in content:
            position += 1
            table.rows.append((position, [cell.text for cell in cells]))
        blocks.append(table)
    return blocks


def parse_performance_docx(data: bytes) -> ParsedPerformance:
    return interpret_performance(docx_blocks(data))
