"""Files written the way offices write them (issue 16): each case is its own small file, built
here. Readings that are not literal are notes {row, column, written, read}; nothing is guessed
silently."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from urdun.imports.parsers import ParseError, parse_performance, parse_plan
from urdun.imports.parsers.plan_quarters import read_quarters
from urdun.imports.parsers.values import read_number

from .builders import PERFORMANCE_BLOCKS, PLAN_HEADER, PLAN_ORGANIZATION, PLAN_TITLE, performance_markdown


def plan_file(header_rows: list[list[str]], rows: list[list[str]]) -> bytes:
    lines = [PLAN_TITLE, "", PLAN_ORGANIZATION, ""]
    lines += ["\t".join(r) for r in header_rows]
    lines += ["\t".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def codes(result, severity: str | None = None) -> list[str]:
    return [p.code for p in result.problems if severity is None or p.severity == severity]


def notes(result) -> list[tuple]:
    return [(n.code, n.row, n.column, n.written, n.read) for n in result.notes]


# Numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value", "literal"),
    [
        ("100", "100", True),
        ("92.4", "92.4", True),
        ("100%", "100", True),
        ("100 %", "100", True),
        ("100 хувь", "100", False),
        ("80 Хувь", "80", False),
        ("12 оноо", "12", False),
        ("12,5", "12.5", False),
        ("1 092", "1092", False),
    ],
)
def test_it_reads_numbers_as_people_write_them(written: str, value: str, literal: bool) -> None:
    assert read_number(written) == (Decimal(value), literal)


@pytest.mark.parametrize("written", ["5 боть", "хувь", "сайн", "1 2 3"])
def test_it_reads_no_number_from_words(written: str) -> None:
    assert read_number(written)[0] is None


# Performance report and sheet --------------------------------------------------------------------


def blocks_with(change) -> bytes:
    blocks = copy.deepcopy(PERFORMANCE_BLOCKS)
    change(blocks)
    return performance_markdown(blocks)


def table(blocks, first_cell: str) -> list[list[str]]:
    return next(c for k, c in blocks if k == "table" and c[0][0] == first_cell and len(c[0]) >= 6)


def test_a_percentage_written_with_khuv_is_read_and_noted() -> None:
    def change(blocks):
        report = blocks[4][1]
        report[3][7] = "100 хувь"

    perf = parse_performance(blocks_with(change), "report.md")
    assert perf.report.actions[0].completion_percent == Decimal(100)
    [(code, row, column, written, read)] = notes(perf)
    assert (code, column, written, read) == ("read_number", "percent", "100 хувь", "100")
    assert "bad_percent" not in codes(perf)


@pytest.mark.parametrize(
    ("written", "status"), [("ХБ", "not_due"), ("ҮБ", "cannot_evaluate"), ("хб.", "not_due")]
)
def test_status_abbreviations_in_the_report_give_the_status(written: str, status: str) -> None:
    def change(blocks):
        blocks[4][1][3][7] = written

    perf = parse_performance(blocks_with(change), "report.md")
    first = perf.report.actions[0]
    assert (first.completion_percent, first.status) == (None, status)
    assert [n.code for n in perf.notes] == ["read_status"]


def sheet_blocks(rows: list[list[str]], mean: str = "", summary: list[list[str]] | None = None) -> bytes:
    header = ["Д/д", "Арга хэмжээ", "Гүйцэтгэлд өгсөн оноо", "Хугацаа", "Нийлбэр оноо", "Дахин үнэлсэн оноо"]
    blocks = [
        ("p", "ҮНЭЛГЭЭНИЙ ХУУДАС"),
        ("p", "1. Гүйцэтгэлийн зорилт, арга хэмжээний биелэлт"),
        (
            "table",
            [
                header,
                ["Зорилт 1. Төлөвлөгөө", "", "", "", "", ""],
                *rows,
                ["Дундаж оноо:", "", "", "", mean, ""],
            ],
        ),
    ]
    if summary is not None:
        blocks += [
            ("p", "5. Гүйцэтгэлийн үнэлгээ"),
            ("table", [["Д/д", "Үнэлгээний үзүүлэлт", "Үзүүлэлт тус бүрийн оноо"], *summary]),
        ]
    return performance_markdown(blocks)


def row(n: int, points: str, timeliness: str = "", total: str = "", rescore: str = "") -> list[str]:
    return [str(n), f"Арга хэмжээ 1.{n}. Ажил {n}", points, timeliness, total, rescore]


def test_status_words_where_points_stand_exclude_the_row_with_its_reason() -> None:
    data = sheet_blocks(
        [row(1, "60", "10", "70"), row(2, "Хугацаа болоогүй"), row(3, "Үнэлэх боломжгүй"), row(4, "ХБ")]
    )
    sheet = parse_performance(data, "sheet.md").sheet
    assert sheet is not None
    assert [(r.code, r.marker) for r in sheet.rows] == [
        ("1.1", None),
        ("1.2", "ХБ"),
        ("1.3", "ХХ"),
        ("1.4", "ХБ"),
    ]
    assert [r.code for r in sheet.scored_rows] == ["1.1"]
    perf = parse_performance(data, "sheet.md")
    assert "bad_points" not in codes(perf)
    assert [(n.code, n.written, n.read) for n in perf.notes] == [("read_status", "ХБ", "Хугацаа болоогүй")]


def test_points_written_with_onoo_are_read_and_noted() -> None:
    perf = parse_performance(sheet_blocks([row(1, "60 оноо", "10", "70")], mean="70"), "sheet.md")
    assert perf.sheet is not None and perf.sheet.rows[0].performance_points == Decimal(60)
    assert notes(perf)[0][2:] == ("performance", "60 оноо", "60")


def test_a_mistyped_year_is_read_corrected_and_noted() -> None:
    def change(blocks):
        blocks[-1] = ("p", "8025.06.10 (огноо)")

    perf = parse_performance(blocks_with(change), "report.md")
    assert perf.sheet is not None
    [assessed] = [s for s in perf.sheet.signatures if s.step == "assessed"]
    assert assessed.date == date(2025, 6, 10)
    assert [(n.code, n.written, n.read) for n in perf.notes] == [("read_date", "8025.06.10", "2025-06-10")]
    assert "impossible_date" not in codes(perf)


def test_an_impossible_date_stays_a_warning() -> None:
    def change(blocks):
        blocks[-1] = ("p", "2025.13.40 (огноо)")

    perf = parse_performance(blocks_with(change), "report.md")
    assert "impossible_date" in codes(perf, "warning")


def test_adjustment_rows_of_part_5_are_read_with_points_and_clause() -> None:
    summary = [
        ["1", "Гүйцэтгэлийн зорилт", "70"],
        ["5", "Үнэлгээний оноонд орсон өөрчлөлт", "-2 (6.1.2 Сахилгын шийтгэлтэй) +1 (6.2.1)"],
    ]
    perf = parse_performance(sheet_blocks([row(1, "60", "10", "70")], "70", summary), "sheet.md")
    sheet = perf.sheet
    assert sheet is not None
    assert [(a.points, a.clause, a.reason) for a in sheet.adjustments] == [
        (Decimal(-2), "6.1.2", "Сахилгын шийтгэлтэй"),
        (Decimal(1), "6.2.1", ""),
    ]
    assert sheet.paper_means.adjustments == Decimal(-1)
    assert [n.code for n in perf.notes] == ["read_adjustment", "read_adjustment"]


# The re-score rule (docs/imports.md) ---------------------------------------------------------------


def test_a_column_of_rescores_only_is_applied_even_when_the_paper_mean_was_not_updated() -> None:
    rows = [row(1, "60", "10", "70", "50"), row(2, "60", "10", "70")]
    perf = parse_performance(sheet_blocks(rows, mean="70"), "sheet.md")
    sheet = perf.sheet
    assert sheet is not None
    assert [r.rescore for r in sheet.rows] == [Decimal(50), None]
    assert sheet.rescores == "applied"
    [contradiction] = [p for p in perf.problems if p.code == "rescore_paper_without"]
    assert contradiction.params == {"paper": "70", "read": "60.0"}
    assert contradiction.message == (
        "The paper prints part 1 as 70, the mean without the re-scores; with them, as read, part 1 is 60.0."
    )


def test_a_column_with_stray_values_applies_none_and_says_why() -> None:
    rows = [row(1, "60", "10", "70", "1"), row(2, "ХХ", rescore="0"), row(3, "60", "10", "70", "141")]
    perf = parse_performance(sheet_blocks(rows, mean="70"), "sheet.md")
    sheet = perf.sheet
    assert sheet is not None
    assert all(r.rescore is None for r in sheet.rows)
    assert sheet.rescores == "ignored"
    assert sorted(codes(perf, "warning")) == [
        "rescore_column_mixed",
        "rescore_not_applied",
        "rescore_not_counted",
        "rescore_out_of_range",
    ]


def test_the_user_may_apply_or_ignore_the_column() -> None:
    rows = [row(1, "60", "10", "70", "1"), row(2, "ХХ", rescore="0"), row(3, "60", "10", "70")]
    data = sheet_blocks(rows, mean="70")
    applied = parse_performance(data, "sheet.md", rescores="apply").sheet
    assert applied is not None and [r.rescore for r in applied.rows] == [Decimal(1), None, None]
    ignored = parse_performance(
        sheet_blocks([row(1, "60", "10", "70", "50")], "70"), "s.md", rescores="ignore"
    )
    assert ignored.sheet is not None and ignored.sheet.rows[0].rescore is None


# Plans ---------------------------------------------------------------------------------------------

ROWS = [
    ["1. ИРГЭДИЙН ҮЙЛЧИЛГЭЭ", "", "", "", "", "", ""],
    ["1", "1.1. Ухаалаг үйлчилгээ", "1.1.1. Цахим үйлчилгээ;", "IV", "-", "35", "ТЗУХ"],
    ["2", "", "1.1.2. Шилэн кабель;", "I-III", "11 сум", "7 сум", "ХЭЗХ"],
]


def test_a_header_over_two_rows_is_read() -> None:
    top = [*PLAN_HEADER[:4], "Үр дүнгийн үзүүлэлт", "", PLAN_HEADER[6]]
    bottom = ["", "", "", "", "Суурь", "Зорилтот", ""]
    plan = parse_plan(plan_file([top, bottom], ROWS), "plan.txt")
    assert [(a.code, a.baseline, a.target) for a in plan.actions] == [
        ("1.1.1", "", "35"),
        ("1.1.2", "11 сум", "7 сум"),
    ]
    assert plan.problems == []


def test_a_header_over_three_rows_with_column_numbers_is_read() -> None:
    top = ["Д/д", "Зорилт", "Арга хэмжээ", "Хэрэгжих хугацаа", "Үр дүнгийн үзүүлэлт", "", "Хэрэгжүүлэх"]
    middle = ["", "", "", "", "Түвшин", "", ""]
    bottom = ["", "", "", "", "Суурь", "Зорилтот", ""]
    numbers = ["1", "2", "3", "4", "5", "6", "7"]
    plan = parse_plan(plan_file([top, middle, bottom, numbers], ROWS), "plan.txt")
    assert [a.target for a in plan.actions] == ["35", "7 сум"]


def test_a_header_lacking_columns_names_its_row_and_the_columns() -> None:
    top = [*PLAN_HEADER[:4], "Үр дүнгийн үзүүлэлт", "", PLAN_HEADER[6]]
    with pytest.raises(ParseError) as caught:
        parse_plan(plan_file([top], ROWS), "plan.txt")
    [refused] = caught.value.problems
    assert (refused.code, refused.row) == ("missing_columns", 5)
    assert refused.params["missing"] == "Суурь түвшин, Зорилтот түвшин"


def test_roman_sections_and_numbered_actions_take_codes_from_their_position() -> None:
    rows = [
        ["I. ИРГЭДИЙН ҮЙЛЧИЛГЭЭ", "", "", "", "", "", ""],
        ["1", "1.1. Ухаалаг үйлчилгээ", "1) Цахим үйлчилгээ;", "IV", "", "35", "ТЗУХ"],
        ["2", "", "2) Шилэн кабель;", "I", "", "7", "ХЭЗХ"],
        ["II. ИЛ ТОД БАЙДАЛ", "", "", "", "", "", ""],
        ["3", "1) Ил тод болгох", "1) Мэдээлэл нээх.", "II", "", "1", "ТЗУХ"],
    ]
    plan = parse_plan(plan_file([PLAN_HEADER], rows), "plan.txt")
    assert [(s.code, s.title) for s in plan.sections] == [("1", "ИРГЭДИЙН ҮЙЛЧИЛГЭЭ"), ("2", "ИЛ ТОД БАЙДАЛ")]
    assert [o.code for o in plan.objectives] == ["1.1", "2.1"]
    assert [(a.code, a.text) for a in plan.actions] == [
        ("1.1.1", "Цахим үйлчилгээ;"),
        ("1.1.2", "Шилэн кабель;"),
        ("2.1.1", "Мэдээлэл нээх."),
    ]
    assert [(n[3], n[4]) for n in notes(plan)] == [
        ("I.", "1"),
        ("1)", "1.1.1"),
        ("2)", "1.1.2"),
        ("II.", "2"),
        ("1)", "2.1"),
        ("1)", "2.1.1"),
    ]
    assert codes(plan, "warning") == []


def test_codes_without_trailing_dots_keep_their_section_titles() -> None:
    rows = [
        ["1 ИРГЭДИЙН ҮЙЛЧИЛГЭЭ", "", "", "", "", "", ""],
        ["1", "1.1 Ухаалаг үйлчилгээ", "1.1.1 Цахим үйлчилгээ;", "IV", "", "35", "ТЗУХ"],
        ["2", "ИЛ ТОД БАЙДАЛ", "", "", "", "", ""],
        ["3", "2.1 Ил тод болгох", "2.1.1 Мэдээлэл нээх.", "II", "", "1", "ТЗУХ"],
    ]
    plan = parse_plan(plan_file([PLAN_HEADER], rows), "plan.txt")
    assert [(s.code, s.title) for s in plan.sections] == [("1", "ИРГЭДИЙН ҮЙЛЧИЛГЭЭ"), ("2", "ИЛ ТОД БАЙДАЛ")]
    assert [a.code for a in plan.actions] == ["1.1.1", "2.1.1"]
    assert "implicit_section" not in codes(plan)


def test_unknown_columns_are_kept_with_each_action_and_named() -> None:
    header = [*PLAN_HEADER, "Хууль эрх зүйн үндэслэл", "Төсөв, сая төг", "Санхүүжилтийн эх үүсвэр"]
    rows = [
        [*r, *extra]
        for r, extra in zip(
            ROWS, [["", "", ""], ["Тогтоол 12", "5.0", "Улсын төсөв"], ["", "", "Орон нутаг"]], strict=True
        )
    ]
    plan = parse_plan(plan_file([header], rows), "plan.txt")
    assert [a.extra for a in plan.actions] == [
        {
            "Хууль эрх зүйн үндэслэл": "Тогтоол 12",
            "Төсөв, сая төг": "5.0",
            "Санхүүжилтийн эх үүсвэр": "Улсын төсөв",
        },
        {"Санхүүжилтийн эх үүсвэр": "Орон нутаг"},
    ]
    assert [(n[0], n[3]) for n in notes(plan)] == [
        ("extra_column", "Хууль эрх зүйн үндэслэл"),
        ("extra_column", "Төсөв, сая төг"),
        ("extra_column", "Санхүүжилтийн эх үүсвэр"),
    ]
    assert "extra_cells" not in codes(plan)


@pytest.mark.parametrize(
    ("written", "quarters", "how"),
    [
        ("IV", ["IV"], "literal"),
        ("2019.12.31", ["IV"], "read"),
        ("2019.03.01-2019.06.30", ["I", "II"], "read"),
        ("3 сар", ["I"], "read"),
        ("гуравдугаар сар", ["I"], "read"),
        ("1-6 сар", ["I", "II"], "read"),
        ("Жилийн эцэст", ["IV"], "read"),
        ("Жилийн турш", ["I", "II", "III", "IV"], "literal"),
        ("Тухай бүр", ["I", "II", "III", "IV"], "read"),
        ("Эхний хагас жил", ["I", "II"], "read"),
        ("Жилд 2 удаа", [], "ambiguous"),
        ("IV, 2020 он", ["IV"], "bad"),
    ],
)
def test_it_reads_periods_as_quarters(written: str, quarters: list[str], how: str) -> None:
    assert read_quarters(written) == (quarters, how)


def test_quarters_read_from_words_are_notes_and_an_ambiguous_period_stays_empty() -> None:
    rows = [
        ["1. ИРГЭДИЙН ҮЙЛЧИЛГЭЭ", "", "", "", "", "", ""],
        ["1", "1.1. Ухаалаг үйлчилгээ", "1.1.1. Цахим;", "2019.12.31", "", "35", "ТЗУХ"],
        ["2", "", "1.1.2. Кабель;", "Жилд 2 удаа", "", "7", "ХЭЗХ"],
        ["3", "", "1.1.3. Сургалт;", "Тухай бүр", "", "7", "ХЭЗХ"],
    ]
    plan = parse_plan(plan_file([PLAN_HEADER], rows), "plan.txt")
    assert [a.quarters for a in plan.actions] == [["IV"], [], ["I", "II", "III", "IV"]]
    assert [(n[0], n[1], n[3], n[4]) for n in notes(plan)] == [
        ("read_quarters", 7, "2019.12.31", "IV"),
        ("read_quarters", 9, "Тухай бүр", "I–IV"),
    ]
    [ambiguous] = [p for p in plan.problems if p.code == "ambiguous_quarter"]
    assert (ambiguous.severity, ambiguous.row, ambiguous.column) == ("warning", 8, "quarter")


def test_adjustments_as_urdun_prints_them_import_back_and_a_zero_is_none() -> None:
    summary = [
        ["1", "Гүйцэтгэлийн зорилт", "70"],
        ["5", "Үнэлгээний оноонд орсон өөрчлөлт", "-1.0"],
        ["5.1", "Сахилгын шийтгэлтэй (заалт 6.1.2)", "-2.0"],
        ["5.2", "Шагнал (заалт 6.2.1)", "1.0"],
    ]
    sheet = parse_performance(sheet_blocks([row(1, "60", "10", "70")], "70", summary), "sheet.md").sheet
    assert sheet is not None
    assert [(a.points, a.clause, a.reason) for a in sheet.adjustments] == [
        (Decimal("-2.0"), "6.1.2", "Сахилгын шийтгэлтэй"),
        (Decimal("1.0"), "6.2.1", "Шагнал"),
    ]
    assert sheet.paper_means.adjustments == Decimal(-1)
    none = [["5", "Үнэлгээний оноонд орсон өөрчлөлт", "0.0"]]
    empty = parse_performance(sheet_blocks([row(1, "60", "10", "70")], "70", none), "sheet.md").sheet
    assert empty is not None and empty.adjustments == [] and empty.paper_means.adjustments == 0
