"""Organizational plan as tab-separated text (seed 000), or as a Markdown table."""

from __future__ import annotations

from .markdown import is_markdown_separator, split_markdown_row
from .plan_rows import Row, interpret_plan
from .types import ParsedPlan
from .values import MAX_CELLS


def text_rows(text: str) -> list[Row]:
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if line.lstrip().startswith("|"):
            if is_markdown_separator(line):
                continue
            rows.append(Row(number, split_markdown_row(line)))
        else:
            rows.append(Row(number, line.split("\t", MAX_CELLS)))
    return rows


def parse_plan_text(text: str) -> ParsedPlan:
    return interpret_plan(text_rows(text))
