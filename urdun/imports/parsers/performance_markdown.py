"""Performance report and evaluation sheet as Markdown text (seed 002): text lines and pipe
tables, as document converters write them."""

from __future__ import annotations

from .layout import Block, Table, TextLine
from .markdown import is_markdown_separator, split_markdown_row
from .performance import interpret_performance
from .types import ParsedPerformance


def markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    table: Table | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        # A form feed is a page break: it ends a table like a blank line does.
        line = raw.rstrip("\r").replace("\f", "")
        if "\f" in raw:
            table = None
        if line.lstrip().startswith("|"):
            if is_markdown_separator(line):
                continue
            if table is None:
                table = Table([])
                blocks.append(table)
            table.rows.append((number, split_markdown_row(line)))
        else:
            table = None
            blocks.append(TextLine(line.strip(), number))
    return blocks


def parse_performance_markdown(text: str, rescores: str = "rule") -> ParsedPerformance:
    return interpret_performance(markdown_blocks(text), rescores)
