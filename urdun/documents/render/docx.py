"""DOCX rendering with python-docx: the same forms as real Word tables.

Tables are written as WordprocessingML (``w:tr``/``w:tc`` with ``w:gridSpan`` for column spans
and ``w:vMerge`` for row spans), one XML string per table parsed once, rather than through
python-docx's ``Table.cell().merge()`` API, which re-reads the whole grid for every cell.
Header rows carry ``w:tblHeader`` so Word repeats them on every page.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from .rows import Cell, Document, Signature, Table, build, place

FONT = "Arial"  # the usual face of Mongolian official documents; Word substitutes if absent
BODY_PT = 9
TABLE_PT = 8.5
SMALL_PT = 7
MARGIN_MM = 14
SHADE = "E8E8E8"
NOTE_COLOUR = "464646"
WORD_LANGUAGES = {"mn": "mn-MN", "kk": "kk-KZ", "en": "en-GB"}


def render_docx(kind: str, payload: Mapping[str, Any]) -> bytes:
    """Render ``payload`` (a contract dict, see docs/contracts.md) as a DOCX document."""
    return render_document_docx(build(kind, payload))


def render_document_docx(document: Document) -> bytes:
    out = new_docx()
    usable_mm = _page_setup(out, document.landscape)
    _base_style(out, document.language)
    out.core_properties.title = " ".join(document.title)

    for line in document.title:
        _paragraph(out, line, bold=True, size=10.5, align="center")
    for line in document.subtitle:
        _paragraph(out, line, align="center")
    for label, value in document.fields:
        p = out.add_paragraph()
        _run(p, label + " ", bold=True)
        _run(p, value)
    for line in document.basis:
        _paragraph(out, line, size=SMALL_PT + 0.5, colour=NOTE_COLOUR)

    for i, block in enumerate(document.blocks):
        if block.heading:
            p = _paragraph(out, block.heading, bold=True, size=9.5)
            p.paragraph_format.space_before = Pt(8)
            p.paragraph_format.keep_with_next = True
        for line in block.lines:
            _paragraph(out, line)
        if block.table is not None:
            # As in the PDF, a short last table stays on the page of the signatures below it.
            last = i == len(document.blocks) - 1 and bool(document.signatures)
            _table(out, block.table, usable_mm, keep_with_next=last)

    if document.signatures:
        _paragraph(out, "").paragraph_format.keep_with_next = True
        columns = 3 if document.landscape else 2
        _signatures(out, document.signatures, document.labels, columns, usable_mm)

    _footer(out, document)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


# -- page and styles -----------------------------------------------------------------------


def _page_setup(out: DocxDocument, landscape: bool) -> float:
    section = out.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    return (297 if landscape else 210) - 2 * MARGIN_MM


def _base_style(out: DocxDocument, language: str) -> None:
    style = out.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        fonts.set(qn("w:cs"), FONT)
        fonts.set(qn("w:eastAsia"), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), WORD_LANGUAGES.get(language, "mn-MN"))
    rpr.append(lang)


def _paragraph(
    out: DocxDocument,
    value: str,
    *,
    bold: bool = False,
    size: float | None = None,
    align: str = "left",
    colour: str | None = None,
) -> Any:
    p = out.add_paragraph()
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, value, bold=bold, size=size, colour=colour)
    return p


def _run(
    p: Any, value: str, *, bold: bool = False, size: float | None = None, colour: str | None = None
) -> None:
    for i, line in enumerate(value.split("\n")):
        if i:
            p.add_run().add_break()
        run = p.add_run(line)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)


def _footer(out: DocxDocument, document: Document) -> None:
    p = out.sections[0].footer.paragraphs[0]
    _run(p, document.footer + "    " + document.labels["page"] + " ", size=SMALL_PT, colour=NOTE_COLOUR)
    p._p.append(_field("PAGE"))
    _run(p, " / ", size=SMALL_PT, colour=NOTE_COLOUR)
    p._p.append(_field("NUMPAGES"))


def _field(instruction: str) -> Any:
    run = _r("1", size=SMALL_PT, colour=NOTE_COLOUR)
    return parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="{instruction}">{run}</w:fldSimple>')


# -- raw WordprocessingML for tables ---------------------------------------------------------
#
# A table is written as one XML string and parsed once: creating ~25 000 elements one by one
# with OxmlElement took three quarters of the DOCX time.


def _r(value: str, *, bold: bool = False, size: float = TABLE_PT, colour: str | None = None) -> str:
    half_points = round(size * 2)
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "")
    props += f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in value.split("\n"))
    return f"<w:r><w:rPr>{props}</w:rPr>{lines}</w:r>"


def _p(cell: Cell, *, keep_next: bool) -> str:
    props = "<w:keepNext/>" if keep_next else ""
    if cell.align in ("center", "right"):
        props += f'<w:jc w:val="{cell.align}"/>'
    runs = ""
    if cell.text:
        runs += _r(cell.text, bold=cell.bold, size=SMALL_PT if cell.small else TABLE_PT)
    if cell.note:
        if cell.text:
            runs += "<w:r><w:br/></w:r>"
        runs += _r(cell.note, size=SMALL_PT, colour=NOTE_COLOUR)
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def _tc(cell: Cell, width_twips: int, *, covered: bool, keep_next: bool) -> str:
    props = f'<w:tcW w:w="{width_twips}" w:type="dxa"/>'
    if cell.colspan > 1:
        props += f'<w:gridSpan w:val="{cell.colspan}"/>'
    if cell.rowspan > 1:
        props += "<w:vMerge/>" if covered else '<w:vMerge w:val="restart"/>'
    if cell.fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/>'
    if cell.align == "center":
        props += '<w:vAlign w:val="center"/>'
    # A covered continuation cell still needs a paragraph, but no text.
    body = _p(Cell() if covered else cell, keep_next=keep_next)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def _table(out: DocxDocument, table: Table, usable_mm: float, *, keep_with_next: bool = False) -> None:
    total = sum(table.widths)
    grid = [round(w / total * usable_mm * 56.7) for w in table.widths]  # 1 mm = 56.7 twips
    head_count = len(table.head)
    placed = place(table.head + table.body, table.columns)
    rows = []
    for r, slots in enumerate(placed):
        # keepNext on every row but the last keeps a short table on one page.
        # A full-width row (objective, section) stays with the row below it, as in the PDF.
        group_row = len(slots) == 1 and slots[0].cell.colspan == table.columns
        keep_next = group_row or (table.keep_together and (r < len(placed) - 1 or keep_with_next))
        cells = "".join(
            _tc(
                slot.cell,
                sum(grid[slot.column : slot.column + slot.cell.colspan]),
                covered=slot.covered,
                keep_next=keep_next,
            )
            for slot in slots
        )
        header = "<w:trPr><w:tblHeader/></w:trPr>" if r < head_count else ""
        rows.append(f"<w:tr>{header}{cells}</w:tr>")
    grid_xml = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        '<w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(grid)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0"'
        ' w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid_xml}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    out.element.body._insert_tbl(parse_xml(xml))


def _signatures(
    out: DocxDocument, signatures: list[Signature], labels: Mapping[str, str], columns: int, usable_mm: float
) -> None:
    """Signature blocks in a borderless grid, ``columns`` to a row, as on the paper sheet."""
    width = round(usable_mm * 56.7 / columns)

    def block(sig: Signature | None) -> str:
        if sig is None:
            return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
        signed = f"........................ /{sig.name}/" if sig.name else labels["unsigned"]
        date = f"{sig.date or labels['unsigned']} {labels['date_suffix']}"
        lines = [_r(sig.label, bold=True, size=BODY_PT)]
        if sig.position:
            lines.append(_r(sig.position, size=BODY_PT))
        lines += ["", _r(signed, size=BODY_PT), _r(date, size=BODY_PT), ""]
        paragraphs = "".join(f"<w:p><w:pPr><w:keepNext/></w:pPr>{line}</w:p>" for line in lines)
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'

    rows = []
    for start in range(0, len(signatures), columns):
        chunk: list[Signature | None] = list(signatures[start : start + columns])
        chunk += [None] * (columns - len(chunk))
        rows.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(block(s) for s in chunk) + "</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{width * columns}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )
    out.element.body._insert_tbl(parse_xml(xml))
