"""A performance document read from DOCX gives what the same document gives as Markdown."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from urdun.imports.parsers import ParseError, parse_performance

from .builders import PERFORMANCE_BLOCKS, performance_docx, performance_markdown, problem_codes, shape


def test_it_reads_a_docx_performance_document_like_markdown() -> None:
    from_docx = parse_performance(performance_docx(), "report.docx")
    from_markdown = parse_performance(performance_markdown(), "report.md")
    assert shape(from_docx) == shape(from_markdown)
    assert problem_codes(from_docx) == problem_codes(from_markdown)


def test_it_reads_the_small_document() -> None:
    perf = parse_performance(performance_docx(), "report.docx")
    report = perf.report
    assert report.date == date(2025, 6, 5)
    assert [o.number for o in report.objectives] == ["1", "2"]
    first, second, third = report.actions
    assert second.text == "Сум, байгууллагад зөвлөн туслах"  # joined across the page break
    assert second.achieved_text == "Хийсэн. Хийгдэх хугацаа болоогүй."
    assert [(i.name, i.baseline, i.target) for i in second.indicators] == [
        ("Агентлагийн тоо", "6", "6"),
        ("Сумын тоо", "8", "4"),
    ]
    assert second.status == "not_due"
    assert (third.row, third.completion_percent, third.end) == (3, Decimal(70), date(2025, 3, 5))
    assert [a.assigned_by for a in perf.assignments] == ["В.Наранчимэг"]
    sheet = perf.sheet
    assert sheet is not None
    assert sheet.organization_name == "Аймгийн Засаг даргын Тамгын газар"
    assert [(r.code, r.total, r.marker) for r in sheet.rows] == [
        ("1.1", Decimal(70), None),
        ("1.2", None, "ХХ"),
        ("2.1", Decimal(65), None),
        ("1", Decimal(70), None),
    ]
    assert sheet.paper_means.part1 == Decimal("68.3")
    assert [(s.name, s.date) for s in sheet.signatures] == [("В.Наранчимэг", date(2025, 6, 10))]
    assert problem_codes(perf) == ["joined_row"]


def test_it_reports_a_paper_mean_its_rows_do_not_give() -> None:
    blocks = [(k, [list(r) for r in c] if k == "table" else c) for k, c in PERFORMANCE_BLOCKS]
    blocks[-4][1][-1][4] = "69.0"
    perf = parse_performance(performance_markdown(blocks), "report.md")
    [mismatch] = [p for p in perf.problems if p.code == "paper_mean_mismatch"]
    assert mismatch.params == {"part": 1, "printed": "69.0", "computed": "68.3"}


def test_it_applies_a_rescore_the_paper_mean_uses() -> None:
    blocks = [(k, [list(r) for r in c] if k == "table" else c) for k, c in PERFORMANCE_BLOCKS]
    sheet_table = blocks[-4][1]
    sheet_table[2][5] = "61"  # action 1.1 re-scored from 70 to 61: (61 + 65 + 70) / 3 = 65.3
    sheet_table[-1][4] = "65.3"
    perf = parse_performance(performance_markdown(blocks), "report.md")
    assert perf.sheet is not None
    assert perf.sheet.rows[0].rescore == Decimal(61)
    assert not [p for p in perf.problems if p.code.startswith("rescore") or p.code.startswith("paper")]


def test_it_refuses_a_document_without_performance_tables() -> None:
    with pytest.raises(ParseError) as caught:
        parse_performance("Сайн байна уу?\n| a | b |\n|---|---|\n| 1 | 2 |\n".encode(), "notes.md")
    assert [p.code for p in caught.value.problems] == ["no_performance_tables"]


def test_it_refuses_a_report_table_with_other_columns() -> None:
    text = "Нэг. Гүйцэтгэлийн зорилт\n\n| Нэр | Овог |\n|---|---|\n| Бат | Дорж |\n"
    with pytest.raises(ParseError) as caught:
        parse_performance(text.encode(), "report.md")
    assert [p.code for p in caught.value.problems] == ["wrong_columns"]
    # The message names the part as the form does, and where its table starts.
    [wrong] = caught.value.problems
    assert wrong.params == {"expected": "Гүйцэтгэлийн тайлан: “шалгуур”"}
    assert wrong.row == 3


def test_it_refuses_a_plan_xlsx_given_as_a_performance_document() -> None:
    from .builders import plan_xlsx

    with pytest.raises(ParseError) as caught:
        parse_performance(plan_xlsx(), "report.xlsx")
    assert [p.code for p in caught.value.problems] == ["no_performance_tables"]


def test_it_reads_an_action_cell_merged_over_two_indicator_rows() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Нэг. Гүйцэтгэлийн зорилт, арга хэмжээний биелэлт")
    rows = [
        ["Д/А", "Арга хэмжээ", "Шалгуур үзүүлэлт", "Суурь", "Хүрэх", "Хүрсэн", "Хугацаа", "Хувь"],
        ["Зорилт 8. Хурал", "", "", "", "", "", "", ""],
        ["16", "Арга хэмжээ 8.1. Зар хүргэх", "Танхимын хуралд оролцогчдын тоо", "12", "100", "4 удаа.", "2025.01.10 2025.12.20", "100"],
        ["", "", "Цахим хуралд оролцогчдын тоо", "35", "30", "2 удаа.", "2025.01.10 2025.12.20", "70"],
    ]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=8)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, 7))
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(2, 1).merge(table.cell(3, 1))
    out = io.BytesIO()
    document.save(out)

    [action] = parse_performance(out.getvalue(), "report.docx").report.actions
    assert (action.row, action.code) == (16, "8.1")
    assert [(i.name, i.completion_percent) for i in action.indicators] == [
        ("Танхимын хуралд оролцогчдын тоо", Decimal(100)),
        ("Цахим хуралд оролцогчдын тоо", Decimal(70)),
    ]
    assert action.completion_percent == Decimal(85)
