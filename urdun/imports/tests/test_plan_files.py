"""Plans from Word and Excel files read to the same structures as from text."""

from __future__ import annotations

import pytest

from urdun.imports.parsers import ParseError, parse_plan

from .builders import PLAN_HEADER, PLAN_ORGANIZATION, PLAN_TITLE, plan_docx, plan_text, plan_xlsx, shape


def test_it_reads_a_docx_plan_like_the_text_plan() -> None:
    from_docx = parse_plan(plan_docx(), "plan.docx")
    assert shape(from_docx) == shape(parse_plan(plan_text(), "plan.txt"))
    assert (from_docx.title, from_docx.organization_name) == (PLAN_TITLE, PLAN_ORGANIZATION)
    assert [a.code for a in from_docx.actions] == ["1.1.1", "1.1.3", "1.2.1", "2.1.1"]
    assert from_docx.problems == []


def test_it_reads_an_xlsx_plan_like_the_text_plan() -> None:
    from_xlsx = parse_plan(plan_xlsx(), "plan.xlsx")
    assert shape(from_xlsx) == shape(parse_plan(plan_text(), "plan.txt"))
    assert from_xlsx.actions[0].row == 1
    assert from_xlsx.actions[3].baseline == "0.71"
    assert from_xlsx.problems == []


def test_it_reports_xlsx_sheet_rows_as_source_lines() -> None:
    plan = parse_plan(plan_xlsx(), "plan.xlsx")
    assert [a.source_line for a in plan.actions] == [5, 6, 7, 9]


def test_it_reads_the_merged_objective_cell_as_filled_on_its_first_row() -> None:
    for data, name in ((plan_docx(merge_objective=True), "p.docx"), (plan_xlsx(), "p.xlsx")):
        plan = parse_plan(data, name)
        assert [o.code for o in plan.objectives] == ["1.1", "1.2", "2.1"]
        assert [a.code for a in plan.objectives[0].actions] == ["1.1.1", "1.1.3"]


def test_it_refuses_other_merged_cells_in_docx() -> None:
    data = plan_docx(extra_merge=((2, 4), (3, 4)))  # baseline cells of two actions
    with pytest.raises(ParseError) as caught:
        parse_plan(data, "plan.docx")
    [error] = caught.value.problems
    assert error.code == "merged_cells"
    assert error.params == {"cells": "row 4 column 5"}


def test_it_refuses_other_merged_cells_in_xlsx() -> None:
    with pytest.raises(ParseError) as caught:
        parse_plan(plan_xlsx(merges=("B5:B6", "F5:F6")), "plan.xlsx")
    [error] = caught.value.problems
    assert (error.code, error.params) == ("merged_cells", {"cells": "F5:F6"})


def test_it_refuses_a_formula() -> None:
    with pytest.raises(ParseError) as caught:
        parse_plan(plan_xlsx(formula_at="E5"), "plan.xlsx")
    [error] = caught.value.problems
    assert (error.code, error.severity, error.row, error.column) == ("formula", "error", 5, "E5")
    assert "E5" in error.message


@pytest.mark.parametrize("build", [plan_docx, plan_xlsx])
def test_it_refuses_wrong_columns(build) -> None:
    header = ["Нэр", "Овог", "Албан тушаал", "Утас", "Имэйл", "Хэлтэс", "Тайлбар"]
    with pytest.raises(ParseError) as caught:
        parse_plan(build(header=header), "plan")
    assert [p.code for p in caught.value.problems] == ["wrong_columns"]


def test_it_finds_the_plan_header_below_title_rows_in_xlsx() -> None:
    plan = parse_plan(plan_xlsx(header=[h.upper() for h in PLAN_HEADER]), "plan.xlsx")
    assert len(plan.actions) == 4
