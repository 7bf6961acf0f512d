"""How plan rows are read, on small tab-separated tables."""

from __future__ import annotations

import pytest

from urdun.imports.parsers import ParseError, parse_plan
from urdun.imports.parsers.plan_rows import parse_quarters, split_responsibles

from .builders import PLAN_ROWS, plan_text, problem_codes


@pytest.mark.parametrize(
    ("text", "quarters"),
    [
        ("IV", ["IV"]),
        ("I y", ["I"]),
        ("I-IV", ["I", "II", "III", "IV"]),
        ("II – III", ["II", "III"]),
        ("II, IV", ["II", "IV"]),
        ("I,II", ["I", "II"]),
        ("III улирал", ["III"]),
        ("2-р улирал", ["II"]),
        ("Жилийн турш", ["I", "II", "III", "IV"]),
    ],
)
def test_it_reads_quarter_forms(text: str, quarters: list[str]) -> None:
    assert parse_quarters(text) == (quarters, True)


def test_it_flags_a_period_that_is_not_a_quarter() -> None:
    assert parse_quarters("Зохион байгуулна") == ([], False)
    # "Тухай бүр" (whenever it comes up) names every quarter: read, and noted (test_fidelity_parsers).
    assert parse_quarters("Тухай бүр") == (["I", "II", "III", "IV"], True)
    assert parse_quarters("IV, 2020 он")[1] is False


def test_it_joins_lower_case_parts_of_responsibles() -> None:
    assert split_responsibles("ТЗУХ, Бүх хэлтэс, агентлаг, СЗДТГ, ") == [
        "ТЗУХ",
        "Бүх хэлтэс, агентлаг",
        "СЗДТГ",
    ]
    assert split_responsibles("НБХ;\nД.Ербол") == ["НБХ", "Д.Ербол"]


def test_it_reads_a_small_plan_with_two_sections() -> None:
    plan = parse_plan(plan_text(), "plan.txt")
    assert [(s.code, s.title) for s in plan.sections] == [
        ("1", "ИРГЭДИЙН ХЭРЭГЦЭЭНД СУУРИЛСАН ҮЙЛЧИЛГЭЭ"),
        ("2", "ИЛ ТОД БАЙДАЛ"),
    ]
    assert [[a.code for a in o.actions] for o in plan.objectives] == [
        ["1.1.1", "1.1.3"],
        ["1.2.1"],
        ["2.1.1"],
    ]
    assert [a.quarters for a in plan.actions] == [["IV"], ["I", "II", "III"], ["II", "IV"], ["I"]]
    assert plan.actions[3].responsibles == ["ТЗУХ", "Х.Ербол"]
    assert plan.problems == []


def test_it_reports_an_unknown_quarter_as_a_warning() -> None:
    rows = [list(r) for r in PLAN_ROWS]
    rows[1][3] = "Зохион байгуулна"  # ("Тухай бүр" names every quarter: test_fidelity_parsers)
    plan = parse_plan(plan_text(rows), "plan.txt")
    assert plan.actions[0].quarters == []
    [warning] = plan.problems
    assert (warning.code, warning.severity, warning.column, warning.row) == (
        "bad_quarter",
        "warning",
        "quarter",
        7,
    )
    assert warning.params == {"text": "Зохион байгуулна"}


def test_it_reports_an_action_without_objective_as_an_error() -> None:
    rows = [["1", "", "1.1.1. Арга хэмжээ", "IV", "", "", "ТЗУХ"]]
    plan = parse_plan(plan_text(rows), "plan.txt")
    assert plan.actions == []
    assert [(p.code, p.severity) for p in plan.errors] == [("missing_objective", "error")]


def test_it_assumes_the_section_when_the_plan_has_no_section_rows() -> None:
    plan = parse_plan(plan_text([r for r in PLAN_ROWS if r[1] or r[0].isdigit()]), "plan.txt")
    assert [(s.code, s.title) for s in plan.sections] == [("1", ""), ("2", "")]
    assert [len(s.objectives) for s in plan.sections] == [2, 1]
    assert problem_codes(plan) == ["implicit_section", "implicit_section"]


def test_it_joins_a_row_continued_after_a_page_break() -> None:
    rows = [list(r) for r in PLAN_ROWS]
    rows[1][2] = "1.1.1. Цахим үйлчилгээг"
    rows.insert(2, ["", "", "нэмэгдүүлэх;", "", "", "", "Ө.Хуралай"])
    plan = parse_plan(plan_text(rows), "plan.txt")
    first = plan.actions[0]
    assert first.text == "Цахим үйлчилгээг нэмэгдүүлэх;"
    assert first.responsibles == ["ТЗУХ", "Д.Ербол", "Ө.Хуралай"]
    assert len(plan.actions) == 4
    assert problem_codes(plan) == ["joined_row"]


def test_it_skips_a_header_repeated_after_a_page_break() -> None:
    header = (
        "Д/д\tЗорилт\tАрга хэмжээ\tХэрэгжих хугацаа\tСуурь түвшин\tЗорилтот түвшин\tХэрэгжүүлэх байгууллага"
    )
    text = plan_text().decode().replace("\n4\t", f"\n\f{header}\n1\t2\t3\t4\t5\t6\t7\n4\t")
    plan = parse_plan(text.encode(), "plan.txt")
    assert len(plan.actions) == 4
    assert plan.problems == []


def test_it_reports_numbering_out_of_sequence() -> None:
    rows = [list(r) for r in PLAN_ROWS]
    rows[2][0] = "5"
    plan = parse_plan(plan_text(rows), "plan.txt")
    assert [(p.code, p.params) for p in plan.problems] == [
        ("row_number_sequence", {"number": 5, "previous": 1}),
        ("row_number_sequence", {"number": 3, "previous": 5}),
    ]


def test_it_refuses_a_table_with_other_columns() -> None:
    data = "Нэр\tОвог\tАлбан тушаал\nБатцэцэг\tЭ\tМэргэжилтэн\n".encode()
    with pytest.raises(ParseError) as caught:
        parse_plan(data, "people.txt")
    assert [p.code for p in caught.value.problems] == ["wrong_columns"]


def test_it_refuses_a_header_missing_a_column() -> None:
    data = "Д/д\tЗорилт\tАрга хэмжээ\tХэрэгжих хугацаа\tСуурь түвшин\n".encode()
    with pytest.raises(ParseError) as caught:
        parse_plan(data, "plan.txt")
    [refused] = caught.value.problems
    assert (refused.code, refused.severity, refused.row) == ("missing_columns", "error", 1)
    assert refused.params["missing"] == "Зорилтот түвшин, Хэрэгжүүлэх"


def test_it_reads_the_same_plan_from_a_markdown_table() -> None:
    lines = ["| " + " | ".join(r) + " |" for r in [PLAN_ROWS[0][:1] + [""] * 6, *PLAN_ROWS[1:]]]
    header = (
        "| Д/д | Зорилт | Арга хэмжээ | Хэрэгжих хугацаа | Суурь түвшин | Зорилтот түвшин | Хэрэгжүүлэх |"
    )
    text = "\n".join(["2019 ОНЫ ТӨЛӨВЛӨГӨӨ", header, "|---|---|---|---|---|---|---|", *lines])
    plan = parse_plan(text.encode(), "plan.md")
    assert [a.code for a in plan.actions] == ["1.1.1", "1.1.3", "1.2.1", "2.1.1"]


def test_it_reads_an_objective_printed_alone_on_its_row() -> None:
    rows = [list(r) for r in PLAN_ROWS]
    rows.insert(3, ["", "1.2. Стандартыг хөгжүүлэх", "", "", "", "", ""])
    rows[4][1] = ""
    plan = parse_plan(plan_text(rows), "plan.txt")
    assert [(o.code, [a.code for a in o.actions]) for o in plan.objectives] == [
        ("1.1", ["1.1.1", "1.1.3"]),
        ("1.2", ["1.2.1"]),
        ("2.1", ["2.1.1"]),
    ]
    assert plan.problems == []
