"""Seed 000, the Bayan-Ölgii plan, read from its tab-separated text."""

from __future__ import annotations

import pytest

from urdun.imports.parsers import ParsedPlan, parse_plan

from .builders import PLAN_SEED, seed


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return parse_plan(seed(PLAN_SEED), "000.txt")


def test_it_reads_five_sections_fifteen_objectives_and_37_actions(plan: ParsedPlan) -> None:
    assert [s.code for s in plan.sections] == ["1", "2", "3", "4", "5"]
    assert plan.sections[0].title == "ИРГЭДИЙН ХЭРЭГЦЭЭНД СУУРИЛСАН ҮЙЛЧИЛГЭЭ"
    assert plan.sections[4].title == "ИРГЭН ТӨВТЭЙ МЭРГЭШСЭН ТӨРИЙН АЛБА"
    assert [len(s.objectives) for s in plan.sections] == [5, 4, 1, 2, 3]
    assert len(plan.objectives) == 15
    assert len(plan.actions) == 37


def test_it_keeps_row_numbers_and_codes_as_printed(plan: ParsedPlan) -> None:
    assert [a.row for a in plan.actions] == list(range(1, 38))
    assert [o.code for o in plan.objectives] == [
        "1.1", "1.2", "1.3", "1.4", "1.6", "2.1", "2.2", "2.3", "2.4", "3.2", "4.1", "4.2", "5.1", "5.2", "5.3",
    ]  # fmt: skip
    first = plan.objectives[0]
    assert first.text.startswith("Харилцаа холбоо, мэдээллийн технологийн")
    # Gaps in the codes are the plan's own numbering and are kept.
    assert [a.code for a in first.actions] == ["1.1.1", "1.1.3", "1.1.4", "1.1.6"]
    assert [a.code for a in plan.objectives[-3].actions] == ["5.1.1", "5.1.3"]
    assert plan.actions[-1].code == "5.3.1"


def test_it_keeps_action_text_as_written(plan: ParsedPlan) -> None:
    first = plan.actions[0]
    assert first.text.startswith("Төрийн үйлчилгээнд тоон гарын үсгийг")
    assert first.text.endswith("үйлчилгээний тоог нэмэгдүүлэх;")
    # Row 4 is cut off mid-word on paper; the parser does not repair it.
    assert plan.actions[3].row == 4
    assert plan.actions[3].text.endswith("цогц арга хэмжээг ава")


def test_it_reads_quarters_including_i_y_as_first_quarter(plan: ParsedPlan) -> None:
    by_row = {a.row: a.quarters for a in plan.actions}
    assert by_row[1] == ["IV"]
    assert by_row[2] == ["III"]
    assert by_row[12] == ["I"]  # printed "I y"
    assert by_row[21] == ["II"]
    assert by_row[22] == ["I"]
    assert all(len(q) == 1 for q in by_row.values())
    counts = {q: sum(quarters == [q] for quarters in by_row.values()) for q in ("I", "II", "III", "IV")}
    assert counts == {"I": 2, "II": 5, "III": 3, "IV": 27}


def test_it_splits_responsibles_into_units_and_officials(plan: ParsedPlan) -> None:
    by_row = {a.row: a.responsibles for a in plan.actions}
    assert by_row[1] == [
        "ТЗУХ", "ХОХБТХ", "ХЭЗХ", "МХС Төк", "УБХ",
        "Д.Ербол", "З.Болат", "Ө.Хуралай", "Х.Арман", "С.Арман", "А.Хозыбай",
    ]  # fmt: skip
    assert by_row[5] == ["ТЗУХ", "ХЭЗХ- УБХ", "Д.Ербол", "Ө.Хуралай", "С.Арман"]
    # "Бүх хэлтэс, агентлаг" (all departments and agencies) is one entry.
    assert by_row[12] == ["ТЗУХ", "Бүх хэлтэс, агентлаг", "СЗДТГ"]
    assert by_row[27] == ["ХЭЗХ", "УБХ", "Бүх хэлтэс, агентлаг", "СЗДТГ"]
    # A trailing comma leaves no empty entry.
    assert by_row[7] == ["НБХ", "БСУГ", "К.Бекжан", "Х.Зауре", "Р.Авжат"]
    assert by_row[30] == ["ХШУДАХ"]


def test_it_reads_baselines_and_targets(plan: ParsedPlan) -> None:
    by_row = {a.row: a for a in plan.actions}
    assert by_row[2].baseline == "Холбогдоогүй 11 сум"
    assert by_row[2].target == "Шинээр 7 сумыг холбох"
    assert by_row[27].baseline == "3"
    assert by_row[27].target == "10"
    # "-" is how the paper says "none".
    assert by_row[12].baseline == ""
    assert by_row[21].target == ""


def test_it_reads_title_and_organization(plan: ParsedPlan) -> None:
    assert plan.title.startswith("2019 ОНЫГ “ИРГЭН ТӨВТЭЙ ТӨРИЙН ҮЙЛЧИЛГЭЭНИЙ ЖИЛ”")
    assert plan.title.endswith("ТӨЛӨВЛӨГӨӨ")
    assert plan.organization_name == "Баян-Өлгий аймгийн Засаг даргын Тамгын газар"


def test_it_reports_no_problem_on_the_seed(plan: ParsedPlan) -> None:
    assert plan.problems == []


def test_it_records_source_lines(plan: ParsedPlan) -> None:
    assert plan.actions[0].source_line == 9
    assert plan.actions[4].source_line == 14  # after a blank line
    assert plan.sections[1].source_line == 29


def test_it_gives_equal_results_when_parsed_twice() -> None:
    data = seed(PLAN_SEED)
    assert parse_plan(data, "a.txt") == parse_plan(data, "a.txt")
