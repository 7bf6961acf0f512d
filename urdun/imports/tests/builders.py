"""Helpers for the parser tests: the seed files, small DOCX/XLSX files built on the fly, and a
view of parse results without source positions (which differ between file formats)."""

from __future__ import annotations

import dataclasses
from io import BytesIO
from pathlib import Path
from typing import Any

from urdun.imports import seeds

PLAN_SEED = seeds.seed_path(seeds.PLAN_SEED)
PERFORMANCE_SEED = seeds.seed_path(seeds.PERFORMANCE_SEED)


def seed(path: Path) -> bytes:
    return path.read_bytes()


def shape(value: Any) -> Any:
    """Dataclasses as nested tuples, without `source_line` and `problems` (positions and
    problem rows are counted differently in text, DOCX and XLSX)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(
            (f.name, shape(getattr(value, f.name)))
            for f in dataclasses.fields(value)
            if f.name not in {"source_line", "problems"}
        )
    if isinstance(value, list):
        return [shape(v) for v in value]
    return value


def problem_codes(result: Any) -> list[str]:
    return [p.code for p in result.problems]


# Plans -------------------------------------------------------------------------------------------

PLAN_HEADER = [
    "Д/д",
    "Зорилт",
    "Арга хэмжээ",
    "Хэрэгжих хугацаа",
    "Суурь түвшин буюу өмнөх оны үзүүлэлт",
    "2019 оны зорилтот түвшин, үр дүнгийн үзүүлэлт",
    "Хэрэгжүүлэх байгууллага, албан тушаалтан",
]
PLAN_TITLE = "2019 ОНЫ ТӨЛӨВЛӨГӨӨ"
PLAN_ORGANIZATION = "Баян-Өлгий аймгийн Засаг даргын Тамгын газар"
# A plan with two sections; the objective cell is filled only on its first row.
# fmt: off
PLAN_ROWS = [
    ["1. ИРГЭДИЙН ХЭРЭГЦЭЭНД СУУРИЛСАН ҮЙЛЧИЛГЭЭ", "", "", "", "", "", ""],
    ["1", "1.1. Ухаалаг үйлчилгээг хөгжүүлэх", "1.1.1. Цахим үйлчилгээг нэмэгдүүлэх;", "IV", "-", "35", "ТЗУХ, Д.Ербол"],
    ["2", "", "1.1.3. Шилэн кабелийн сүлжээнд холбох;", "I-III", "11 сум", "7 сум", "ХЭЗХ- УБХ, МХС Төк"],
    ["3", "1.2. Стандартыг хөгжүүлэх", "1.2.1. Стандарт боловсруулах;", "II, IV", "", "", "Бүх хэлтэс, агентлаг, СЗДТГ"],
    ["2. ИЛ ТОД БАЙДАЛ", "", "", "", "", "", ""],
    ["4", "2.1. Ил тод болгох", "2.1.1. Мэдээллийг нээлттэй болгох.", "I y", "0.71", "0.73", "ТЗУХ, Х.Ербол,"],
]
# fmt: on
PLAN_OBJECTIVE_MERGE = (2, 3)  # table rows (0-based, header included) of objective 1.1
# Sheet rows: 1 title, 2 organization, 3 header, 4 section 1, 5-6 objective 1.1, 8 section 2.
PLAN_XLSX_MERGES = ("A1:G1", "A4:G4", "B5:B6", "A8:G8")


def plan_text(rows: list[list[str]] | None = None) -> bytes:
    lines = [PLAN_TITLE, "", PLAN_ORGANIZATION, "", "\t".join(PLAN_HEADER)]
    lines += ["\t".join(row) for row in rows or PLAN_ROWS]
    return ("\n".join(lines) + "\n").encode()


def plan_docx(
    rows: list[list[str]] | None = None,
    header: list[str] | None = None,
    merge_objective: bool = True,
    extra_merge: tuple[tuple[int, int], tuple[int, int]] | None = None,
) -> bytes:
    import docx

    rows = rows or PLAN_ROWS
    header = header or PLAN_HEADER
    document = docx.Document()
    document.add_paragraph(PLAN_TITLE)
    document.add_paragraph(PLAN_ORGANIZATION)
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    for col, text in enumerate(header):
        table.cell(0, col).text = text
    for r, row in enumerate(rows, start=1):
        section_row = sum(1 for c in row if c) == 1
        if section_row:
            table.cell(r, 0).merge(table.cell(r, len(header) - 1)).text = row[0]
            continue
        for col, text in enumerate(row):
            if text:
                table.cell(r, col).text = text
    if merge_objective:
        first, last = PLAN_OBJECTIVE_MERGE
        table.cell(first, 1).merge(table.cell(last, 1))
    if extra_merge:
        (r1, c1), (r2, c2) = extra_merge
        table.cell(r1, c1).merge(table.cell(r2, c2))
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def plan_xlsx(
    rows: list[list[str]] | None = None,
    header: list[str] | None = None,
    merges: tuple[str, ...] = PLAN_XLSX_MERGES,
    formula_at: str | None = None,
) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([PLAN_TITLE])
    sheet.append([PLAN_ORGANIZATION])
    sheet.append(header or PLAN_HEADER)
    for row in rows or PLAN_ROWS:
        sheet.append([_number_or_text(c) for c in row])
    for ref in merges:
        sheet.merge_cells(ref)
    if formula_at:
        sheet[formula_at] = "=1+1"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _number_or_text(text: str) -> object:
    """Row numbers are stored as numbers, as Excel users type them."""
    return int(text) if text.isdigit() else (text or None)


# Performance documents ---------------------------------------------------------------------------

Block = tuple[str, Any]  # ("p", text) or ("table", rows)

# fmt: off
PERFORMANCE_BLOCKS: list[Block] = [
    ("p", "МЭРГЭЖИЛТЭН Э.БАТЦЭЦЭГИЙН 2025 ОНЫ ХАГАС ЖИЛИЙН ГҮЙЦЭТГЭЛИЙН ТАЙЛАН"),
    ("p", ""),
    ("p", "2025 оны 06 дугаар сарын 05"),
    ("p", "Нэг. Гүйцэтгэлийн зорилт, арга хэмжээний биелэлт"),
    (
        "table",
        [
            ["Д/А", "Арга хэмжээ", "Шалгуур үзүүлэлт", "Суурь түвшин", "Хүрэх түвшин", "Хүрсэн түвшин", "Хугацаа", "Хувь"],
            ["", "1", "2", "3", "4", "5", "6", "7"],
            ["Зорилт 1. Төлөвлөгөө батлуулах", "", "", "", "", "", "", ""],
            ["1", "Арга хэмжээ 1.1. Төлөвлөгөөг батлуулах", "Хувь", "100", "100", "", "2025.01.01 2025.01.10", "100"],
            ["2", "Арга хэмжээ 1.2. Сум, байгууллагад", "Агентлагийн тоо Сумын тоо", "6 8", "6 4", "Хийсэн.", "2025.06.10 2025.07.01", "Хугацаа болоогүй."],
        ],
    ),
    (
        "table",
        [
            ["1", "2", "3", "4", "5", "6", "7", "8"],
            ["", "зөвлөн туслах", "", "", "", "Хийгдэх хугацаа болоогүй.", "", ""],
            ["Зорилт 2. Хурал зохион байгуулах", "", "", "", "", "", "", ""],
            ["3", "Арга хэмжээ 2.1. Зар хүргэх", "Оролцогчдын тоо", "35", "30", "2 удаа хойшилсон.", "2025.03.05", "70"],
        ],
    ),
    ("p", "НЭМЭЛТ ҮҮРЭГ ДААЛГАВАРЫН ХУУДАС"),
    (
        "table",
        [
            ["Д/д", "Үүрэг даалгавар", "Өгсөн удирдах албан тушаалтан", "Шалгуур", "Суурь", "Хүрэх", "Хүрсэн", "Хугацаа"],
            ["1", "Үүрэг даалгавар 1. Жүжгийн бэлтгэл", "В.Наранчимэг", "Хувь", "0", "1", "Зохион байгууллаа.", "2025.04.12 2025.04.14"],
        ],
    ),
    ("p", "ҮНЭЛГЭЭНИЙ ХУУДАС"),
    ("p", "Байгууллагын нэр: Аймгийн Засаг даргын Тамгын газар"),
    ("p", "1. Гүйцэтгэлийн зорилт, арга хэмжээний биелэлт"),
    (
        "table",
        [
            ["Д/д", "Арга хэмжээ", "Гүйцэтгэлд өгсөн оноо", "Хугацаа", "Нийлбэр оноо", "Дахин үнэлсэн оноо"],
            ["Зорилт 1. Төлөвлөгөө батлуулах", "", "", "", "", ""],
            ["1", "Арга хэмжээ 1.1. Төлөвлөгөөг батлуулах", "60", "10", "70", ""],
            ["2", "Арга хэмжээ 1.2. Сум, байгууллагад зөвлөн туслах", "ХХ", "", "", ""],
            ["Зорилт 2. Хурал зохион байгуулах", "", "", "", "", ""],
            ["1", "Арга хэмжээ 2.1. Зар хүргэх", "57", "8", "65", ""],
            ["Нэмэлт ажлын биелэлт", "", "", "", "", ""],
            ["1", "Үүрэг даалгавар 1. Жүжгийн бэлтгэл", "60", "10", "70", ""],
            ["Дундаж оноо:", "", "", "", "68.3", ""],
        ],
    ),
    ("p", "ҮНЭЛГЭЭ ӨГСӨН: НЭГЖИЙН ДАРГА"),
    ("p", "/В.НАРАНЧИМЭГ/"),
    ("p", "2025.06.10 (огноо)"),
]
# fmt: on


def performance_markdown(blocks: list[Block] | None = None) -> bytes:
    lines: list[str] = []
    for kind, content in blocks or PERFORMANCE_BLOCKS:
        if kind == "p":
            lines += [content, ""]
            continue
        for index, row in enumerate(content):
            lines.append("| " + " | ".join(row) + " |")
            if index == 0:
                lines.append("|" + "---|" * len(row))
        lines.append("")
    return "\n".join(lines).encode()


def performance_docx(blocks: list[Block] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for kind, content in blocks or PERFORMANCE_BLOCKS:
        if kind == "p":
            document.add_paragraph(content)
            continue
        table = document.add_table(rows=len(content), cols=len(content[0]))
        for r, row in enumerate(content):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.add_paragraph("")
    out = BytesIO()
    document.save(out)
    return out.getvalue()
