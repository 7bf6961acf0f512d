"""Markdown table lines as produced by document-to-text converters."""

from __future__ import annotations

import re

from .values import MAX_CELLS

SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
PIPE_RE = re.compile(r"(?<!\\)\|")


def is_markdown_separator(line: str) -> bool:
    return bool(SEPARATOR_RE.match(line))


def split_markdown_row(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [cell.replace("\\|", "|").strip() for cell in PIPE_RE.split(inner, maxsplit=MAX_CELLS)]
