"""Paragraphs and tables of a DOCX body in document order, read from its XML.

python-docx repeats a horizontally merged cell once per grid column and hides vertical merges;
reading `w:tc` elements directly tells us what is merged, which the plan reader must check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from .types import ParseError
from .values import MAX_CELLS, MAX_LINES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_SPAN = 64  # a hostile gridSpan must not blow a row up to millions of cells


@dataclass(frozen=True)
class DocxCell:
    text: str
    span: int = 1
    continues_above: bool = False  # w:vMerge without "restart": merged with the cell above


DocxRow = list[DocxCell]
Block = tuple[str, Any]  # ("p", text) or ("tbl", list[DocxRow])


def open_body(data: bytes) -> Any:
    import docx  # imported here: only DOCX uploads pay for it

    try:
        return docx.Document(BytesIO(data)).element.body
    except Exception as exc:  # python-docx raises many types for damaged files
        raise ParseError.of("unreadable_docx") from exc


def body_blocks(body: Any) -> Iterator[Block]:
    count = 0
    for block in _blocks(body):
        count += 1 if block[0] == "p" else len(block[1])
        if count > MAX_LINES:
            raise ParseError.of("too_many_rows", limit=MAX_LINES)
        yield block


def _blocks(body: Any) -> Iterator[Block]:
    for child in body.iterchildren():
        if child.tag == W + "p":
            yield "p", paragraph_text(child)
        elif child.tag == W + "tbl":
            yield "tbl", table_rows(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


def paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell(tc: Any) -> DocxCell:
    text = "\n".join(paragraph_text(p) for p in tc.iter(W + "p"))
    props = tc.find(W + "tcPr")
    span, continues = 1, False
    if props is not None:
        grid_span = props.find(W + "gridSpan")
        if grid_span is not None:
            span = _bounded_int(grid_span.get(W + "val"))
        merge = props.find(W + "vMerge")
        continues = merge is not None and merge.get(W + "val", "continue") != "restart"
    return DocxCell(text.strip(), span, continues)


def table_rows(tbl: Any) -> list[DocxRow]:
    rows: list[DocxRow] = []
    for tr in tbl.iterchildren(W + "tr"):
        row: DocxRow = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            row.extend(DocxCell("") for _ in range(_bounded_int(before.get(W + "val"), minimum=0)))
        for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc")[:MAX_CELLS]:
            cell = _cell(tc)
            row.append(cell)
            row.extend(DocxCell("", 1, cell.continues_above) for _ in range(cell.span - 1))
        rows.append(row)
    return rows


def _bounded_int(value: str | None, minimum: int = 1) -> int:
    try:
        return max(minimum, min(MAX_SPAN, int(value or minimum)))
    except ValueError:
        return minimum
