"""Seed 002: E. Batsetseg's half-year report, assignments and evaluation sheet (Markdown)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from urdun.imports.parsers import ParsedPerformance, parse_performance

from .builders import PERFORMANCE_SEED, seed


@pytest.fixture(scope="module")
def perf() -> ParsedPerformance:
    return parse_performance(seed(PERFORMANCE_SEED), "002.md")


def problems(perf: ParsedPerformance, code: str) -> list:
    return [p for p in perf.problems if p.code == code]


def actions(perf: ParsedPerformance) -> dict:
    return {a.code: a for a in perf.report.actions}


# Report, part one ------------------------------------------------------------------------------


def test_it_reads_23_objectives_and_33_actions_of_the_report(perf: ParsedPerformance) -> None:
    report = perf.report
    assert [o.number for o in report.objectives] == ["1", "2", *map(str, range(5, 26))]
    assert len(report.actions) == 33
    rows = [a.row for a in report.actions]
    # Rows 5-10 are on the missing page; 17.1 and 18.1 (rows 28 and 30) print no number.
    assert rows == [1, 2, 3, 4, *range(11, 28), None, 29, None, *range(31, 40)]
    assert report.objectives[0].text.startswith("Төрийн жинхэнэ албан хаагчийн гүйцэтгэлийн төлөвлөгөө")


def test_it_reports_the_missing_page_as_a_warning(perf: ParsedPerformance) -> None:
    [missing] = problems(perf, "missing_page")
    assert missing.severity == "warning"
    assert missing.row == 26
    assert missing.params == {"line": 26, "rows": "5–10", "objectives": "3–4"}
    # The half row at the top of the next page belongs to action 4.1 and is not glued to 2.1.
    [orphan] = problems(perf, "orphan_fragment")
    assert orphan.params["text"].startswith("Бичиж, хэрэгжүүлэх")
    assert actions(perf)["2.1"].text.endswith("хэрэгжилтийг тайлагнах")
    [only_sheet] = problems(perf, "sheet_only_items")
    assert only_sheet.params == {"objectives": "3, 4", "actions": "2.2, 2.3, 2.4, 2.5, 3.1, 4.1"}


def test_it_joins_rows_split_across_pages(perf: ParsedPerformance) -> None:
    by_code = actions(perf)
    assert by_code["9.1"].text == "Удирдамж боловсруулж батлуулах, тайлагнах"
    assert by_code["9.1"].achieved_text.startswith("Аймгийн Засаг даргын 2025 оны 04 дүгээр сарын 18-ны")
    assert "<p>" not in by_code["9.1"].achieved_text
    assert "Хамтаръя-Хэрэгжүүллье-Хайрлая" in by_code["9.1"].achieved_text
    assert (by_code["9.1"].end, by_code["9.1"].completion_percent) == (date(2025, 12, 20), Decimal(100))
    assert by_code["10.2"].text.endswith("хэрэгжилтэд хяналт тавих")
    assert by_code["25.1"].text.endswith("9 журмыг хэрэгжүүлж ажиллах")
    assert by_code["6.1"].achieved_text.endswith("шалгуур үзүүлэлтийг эцэслэн шийдвэрлэв.")
    joined = [(p.row, p.params["line"]) for p in problems(perf, "joined_row")]
    assert joined[:6] == [(31, 35), (43, 47), (50, 54), (66, 70), (75, 79), (102, 106)]


def test_it_splits_several_indicators_printed_in_one_cell(perf: ParsedPerformance) -> None:
    by_code = actions(perf)
    assert [(i.name, i.baseline, i.target) for i in by_code["7.1"].indicators] == [
        ("Агентлагийн тоо", "6", "6"),
        ("Сумын тоо", "8", "4"),
    ]
    assert [(i.baseline, i.target, i.completion_percent) for i in by_code["12.1"].indicators] == [
        ("1840", "1150", Decimal(50)),
        ("1800", "950", Decimal(50)),
    ]
    assert [i.name for i in by_code["13.2"].indicators] == [
        "Хэрэглэгдэхүү нээр хангасан заалны тоо",
        "Хамрагдсан хүүхдийн тоо",
    ]
    # "5 боть 180 хуудас" is one baseline, not four numbers.
    assert [(i.baseline, i.target) for i in by_code["21.1"].indicators] == [("5 боть 180 хуудас", "100")]


def test_it_attaches_an_indicator_row_without_action_to_its_action(perf: ParsedPerformance) -> None:
    action = actions(perf)["8.1"]
    assert [(i.name, i.completion_percent) for i in action.indicators] == [
        ("Танхимын хуралд оролцогчдын тоо", Decimal(100)),
        ("Цахим хуралд оролцогчдын тоо", Decimal(70)),
    ]
    assert action.completion_percent == Decimal(85)


def test_it_reads_statuses_percents_and_dates(perf: ParsedPerformance) -> None:
    by_code = actions(perf)
    statuses = {code: a.status for code, a in by_code.items() if a.status}
    assert statuses == {
        "2.1": "not_due",
        "7.2": "not_due",
        "10.2": "cannot_evaluate",
        "15.2": "not_due",
        "16.1": "not_due",
        "17.2": "not_due",
    }
    assert all(by_code[c].completion_percent is None for c in statuses)
    assert by_code["11.1"].completion_percent == Decimal(50)
    assert by_code["21.1"].completion_percent == Decimal(10)
    assert (by_code["1.1"].start, by_code["1.1"].end) == (date(2025, 1, 1), date(2025, 1, 10))
    # A single date is the end date.
    assert (by_code["1.2"].start, by_code["1.2"].end) == (None, date(2025, 3, 5))
    [reversed_dates] = problems(perf, "end_before_start")
    assert (reversed_dates.row, reversed_dates.params) == (72, {"start": "2025-01-20", "end": "2024-03-31"})


def test_it_reads_the_report_header_and_signature(perf: ParsedPerformance) -> None:
    report = perf.report
    assert report.title.endswith("Э.БАТЦЭЦЭГИЙН 2025 ОНЫ ХАГАС ЖИЛИЙН ГҮЙЦЭТГЭЛИЙН ТАЙЛАН")
    assert report.date == date(2025, 6, 5)
    [signature] = report.signatures
    assert (signature.label, signature.step, signature.name, signature.date) == (
        "ТАЙЛАН ГАРГАСАН",
        "prepared",
        "Э.Батцэцэг",
        date(2025, 6, 5),  # printed "8025.06.05": read corrected, and noted
    )


def test_it_reads_the_mistyped_year_as_2025_and_says_so(perf: ParsedPerformance) -> None:
    assert problems(perf, "impossible_date") == []
    [read] = problems(perf, "read_date")
    assert (read.row, read.column, read.severity) == (131, "date", "note")
    assert (read.written, read.read) == ("8025.06.05", "2025-06-05")
    assert perf.report.signatures[0].date == date(2025, 6, 5)


# Report, part two, and additional assignments --------------------------------------------------


def test_it_reads_three_knowledge_and_skills_actions(perf: ParsedPerformance) -> None:
    assert [(k.number, k.code, k.completion_percent) for k in perf.knowledge] == [
        ("1", "1", Decimal(100)),
        ("2", "2", Decimal(70)),
        ("3", "3", Decimal(100)),
    ]
    first = perf.knowledge[0]
    # The column numbers "2 | 3 | ... | 7" glued to the first row are not data.
    assert (first.indicator, first.baseline, first.target) == ("", "", "")
    assert first.achieved_text.startswith("Жендэрийн удирдлагын сургалтад")
    assert (first.start, first.end) == (date(2025, 1, 10), date(2025, 12, 20))
    assert perf.knowledge[2].indicator == "Гүйцэтгэлийн хувь"
    [differs] = problems(perf, "knowledge_percent_differs")
    assert differs.params == {"number": "2", "report": "70", "sheet": "80"}


def test_it_reads_two_additional_assignments(perf: ParsedPerformance) -> None:
    first, second = perf.assignments
    assert first.number == "1"
    assert first.text.startswith("Ёс зүйн дэд зөвлөлийн хурал")
    assert first.assigned_by == "Ёс зүйн дэд хороо В.Наранчимэг"
    assert (first.indicator, first.baseline, first.target) == ("Гүйцэтгэлийн хувь", "0", "1")
    assert (first.start, first.end, first.completion_percent) == (date(2025, 2, 10), date(2025, 6, 10), None)
    assert second.assigned_by == "В.Наранчимэг"
    assert second.text.endswith("захирамж төлөвлөх, гаргах")
    assert (second.start, second.end, second.completion_percent) == (
        date(2025, 4, 12),
        date(2025, 4, 14),
        Decimal(100),
    )
    assert [(s.step, s.name, s.date) for s in perf.assignment_signatures] == [
        ("assignment_received", "Э.Батцэцэг", date(2025, 6, 5)),
        ("verified", "В.Наранчимэг", date(2025, 6, 5)),
    ]


# Evaluation sheet ------------------------------------------------------------------------------


def test_it_counts_objectives_of_the_sheet_as_printed(perf: ParsedPerformance) -> None:
    sheet = perf.sheet
    assert sheet is not None
    # 26 objective rows are printed; "Зорилт 11" twice, so 25 objective numbers (1-25).
    assert len(sheet.objectives) == 26
    assert sheet.objective_numbers == [str(n) for n in range(1, 26)]
    [duplicate] = problems(perf, "duplicate_objective_number")
    assert (duplicate.row, duplicate.params) == (219, {"number": "11"})


def test_it_reads_42_rows_of_which_36_are_scored(perf: ParsedPerformance) -> None:
    sheet = perf.sheet
    assert sheet is not None
    assert len(sheet.rows) == 42
    assert [r.kind for r in sheet.rows].count("action") == 40
    assert [r.kind for r in sheet.assignment_rows] == ["assignment", "assignment"]
    assert len(sheet.scored_rows) == 36
    assert sum(r.total for r in sheet.scored_rows if r.total is not None) == 2477
    excluded = [(r.code, r.marker, r.performance_points) for r in sheet.rows if not r.scored]
    assert excluded == [
        ("2.3", "00", None),
        ("2.5", "00", None),
        ("4.1", "ХХ", None),
        ("10.2", "ХХ", None),
        ("15.2", None, Decimal(25)),
        ("17.2", None, Decimal(25)),
    ]


def test_it_reads_sheet_rows_as_printed(perf: ParsedPerformance) -> None:
    sheet = perf.sheet
    assert sheet is not None
    row = sheet.objectives[5].rows[0]
    assert (row.number, row.code, row.performance_points, row.timeliness_points, row.total) == (
        "1", "6.1", Decimal(60), Decimal(8), Decimal(68),
    )  # fmt: skip
    # Objective 9's row prints the objective instead of an action: no code.
    row9 = sheet.objectives[8].rows[0]
    assert (row9.code, row9.text) == (None, "Зорилт 9. Шаардлагатай сумдад зөвлөн туслах үйлчилгээ үзүүлэх")
    # Action 11.2 is split over a page break.
    row112 = sheet.objectives[12].rows[0]
    assert (row112.code, row112.text, row112.total) == (
        "11.2",
        "e-job програмд бүртгэж, ажлын байранд зуучлах",
        70,
    )
    assert sheet.assignment_rows[1].text.endswith("захирамж төлөвлөх, гаргах")


def test_it_reports_stray_rescores_without_applying_them(perf: ParsedPerformance) -> None:
    sheet = perf.sheet
    assert sheet is not None
    assert [r.rescore_raw for r in sheet.rows if r.rescore_raw] == ["0", "0", "141", "1", "1"]
    assert all(r.rescore is None for r in sheet.rows)
    # 0 on row 4.1 (marked ХХ) and 141 on row 10.2 (ХХ, beyond 70) are not re-scores, so the
    # column is mixed and none of it is applied: 0 on 6.1 and 1 on both 11.1 rows included.
    [not_counted] = problems(perf, "rescore_not_counted")
    assert (not_counted.row, not_counted.params["value"]) == (201, "0")
    [beyond] = problems(perf, "rescore_out_of_range")
    assert (beyond.row, beyond.params["value"]) == (216, "141")
    not_applied = problems(perf, "rescore_not_applied")
    assert [(p.row, p.params["value"]) for p in not_applied] == [(206, "0"), (218, "1"), (220, "1")]
    assert len(problems(perf, "rescore_column_mixed")) == 1
    stray = not_counted, beyond, *not_applied
    assert all(p.severity == "warning" for p in stray)
    assert sheet.rescores == "ignored"


def test_it_reads_the_paper_means_and_checks_their_arithmetic(perf: ParsedPerformance) -> None:
    sheet = perf.sheet
    assert sheet is not None
    means = sheet.paper_means
    assert (means.part1, means.part2, means.part3, means.part4) == (
        Decimal("68.8"), Decimal("14.3"), Decimal("6.8"), Decimal("8"),
    )  # fmt: skip
    assert (means.adjustments, means.total) == (None, Decimal("97.9"))
    assert means.part1 + means.part2 + means.part3 + means.part4 == means.total
    # Part 2 rows give (15 + 12 + 15) / 3 = 14.0, not the printed 14.3.
    assert [(p.params) for p in problems(perf, "paper_mean_mismatch")] == [
        {"part": 2, "printed": "14.3", "computed": "14.0"}
    ]
    assert [(p.params) for p in problems(perf, "paper_total_mismatch")] == [
        {"printed": "97.9", "computed": "97.6"}
    ]


def test_it_reads_knowledge_head_and_colleague_points(perf: ParsedPerformance) -> None:
    sheet = perf.sheet
    assert sheet is not None
    assert [(k.number, k.percent, k.points) for k in sheet.knowledge] == [
        ("1", Decimal(100), Decimal(15)),
        ("2", Decimal(80), Decimal(12)),
        ("3", Decimal(100), Decimal(15)),
    ]
    assert sheet.head_points == [Decimal(p) for p in (7, 7, 6, 7, 7)] + [None, None, None]
    assert [c.name for c in sheet.head_criteria][:2] == ["Хандлага, ёс зүй", "Дүн шинжилгээ хийх"]
    assert sheet.head_criteria[5].name == "Мэргэжлийн ур чадвар 1."
    assert sheet.colleague_points == [Decimal(8)] * 3


def test_it_reads_the_sheet_header(perf: ParsedPerformance) -> None:
    sheet = perf.sheet
    assert sheet is not None
    assert sheet.organization_name == "Аймгийн Засаг даргын Тамгын газар"
    assert sheet.unit_name == "Нийгмийн бодлогын хэлтэс"
    assert sheet.title.startswith("ХӨДӨЛМӨР, НИЙГМИЙН ХАМГААЛАЛ")
    assert sheet.title.endswith("ҮНЭЛГЭЭНИЙ ХУУДАС")


def test_it_reads_the_sign_off_chain(perf: ParsedPerformance) -> None:
    sheet = perf.sheet
    assert sheet is not None
    assert [(s.label, s.name, s.date) for s in sheet.signatures] == [
        ("ҮНЭЛГЭЭ ӨГСӨН", "В.Наранчимэг", date(2025, 6, 10)),
        ("ҮНЭЛГЭЭТЭЙ ТАНИЛЦАЖ, ЗӨВШӨӨРСӨН", "Э.Батцэцэг", None),
        ("ҮНЭЛГЭЭГ ХЯНАСАН", "Л.Эрдэнэбат", date(2025, 6, 18)),
        ("ҮНЭЛГЭЭНИЙ БАГИЙН НАРИЙН БИЧГИЙН ДАРГА", "Л.Сандагдорж", date(2025, 6, 18)),
        ("ҮНЭЛГЭЭГ БАТАЛГААЖУУЛСАН", "Л.Хишигбаатар", date(2025, 6, 25)),
    ]
    assert [s.step for s in sheet.signatures] == [
        "assessed", "acknowledged", "reviewed_leader", "reviewed_secretary", "confirmed",
    ]  # fmt: skip
    assert sheet.signatures[0].name_printed == "В.НАРАНЧИМЭГ"
    assert sheet.signatures[0].position == "НЭГЖИЙН ДАРГА НИЙГМИЙН БОДЛОГЫН ХЭЛТСИЙН ДАРГА"
    assert sheet.signatures[2].position.startswith("ҮНЭЛГЭЭНИЙ БАГИЙГ ТӨЛӨӨЛЖ АХЛАГЧ")
    assert sheet.signatures[4].position.startswith("ТӨСВИЙН ШУУД ЗАХИРАГЧ")


# Whole document --------------------------------------------------------------------------------


def test_it_reports_only_warnings_on_the_seed(perf: ParsedPerformance) -> None:
    assert perf.errors == []
    assert all(p.message for p in perf.problems)


def test_it_gives_equal_results_when_parsed_twice() -> None:
    data = seed(PERFORMANCE_SEED)
    assert parse_performance(data, "a.md") == parse_performance(data, "a.md")
