"""DOCX rendering: real Word tables holding the same cells as the PDF. No database."""

from __future__ import annotations

import io
from types import SimpleNamespace

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from urdun.documents.render.docx import render_docx
from urdun.documents.tests import payloads


@pytest.fixture
def settings() -> SimpleNamespace:
    """Stand-in for pytest-django's ``settings``, which the root conftest's autouse fixture
    requests: these tests touch no Django at all and must also run with ``-p no:django``."""
    return SimpleNamespace()


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def sheet():
    return open_docx(render_docx("evaluation_sheet", payloads.sheet()))


def test_the_sheet_has_the_five_parts_and_a_signature_table(sheet):
    assert len(sheet.tables) == 6
    assert sheet.sections[0].orientation == WD_ORIENT.PORTRAIT
    text = "\n".join(p.text for p in sheet.paragraphs)
    assert "АЖЛЫН ГҮЙЦЭТГЭЛ, ҮР ДҮН, МЭРГЭШЛИЙН ТҮВШИНГ ҮНЭЛЭХ ҮНЭЛГЭЭНИЙ ХУУДАС" in text
    assert "Байгууллагын нэр: Баянхонгор аймгийн Засаг даргын Тамгын газар" in text
    assert "1. Гүйцэтгэлийн зорилт, арга хэмжээний биелэлт" in text


def test_part1_holds_every_row_with_its_points(sheet):
    rows = rows_of(sheet.tables[0])
    assert rows[0][2] == "Арга хэмжээний гүйцэтгэлд өгсөн оноо"
    assert rows[1] == ["", "1", "2", "3", "4", "5"]
    assert rows[2] == ["", "Оноо", "60 хүртэл", "10 хүртэл", "70 хүртэл", ""]
    printed = [r[2:5] for r in rows[3:] if r[0].isdigit()]
    expected = [
        [r["performance"] or "", r["timeliness"] or "", r["row_total"] or ""]
        for r in payloads.part1_rows()
        if r["type"] in ("action", "assignment")
    ]
    assert printed == expected
    assert len(printed) == 42
    assert rows[-1][0].startswith("Дундаж оноо:")
    assert rows[-1][4] == "68.8"


def test_objective_rows_span_the_table(sheet):
    objective = rows_of(sheet.tables[0])[3]
    assert objective[0].startswith("Зорилт 1.")
    assert len(set(objective)) == 1  # one merged cell read back in every grid column


def test_header_rows_repeat_on_every_page(sheet):
    rows = sheet.tables[0]._tbl.findall(qn("w:tr"))
    headers = [tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in rows]
    assert headers[:3] == [True, True, True]
    assert not any(headers[3:])


def test_parts_2_to_5_hold_the_figures(sheet):
    part2, part3, part4, part5 = (rows_of(t) for t in sheet.tables[1:5])
    assert [r[3] for r in part2[2:5]] == ["15.0", "12.0", "15.0"]
    assert part2[-1][3] == "14.0"
    assert [r[2] for r in part3[2:7]] == ["7", "7", "6", "7", "7"]
    assert part3[7][0] == "Ур чадварын үзүүлэлт (ажлын онцлогоос хамаарсан)"
    assert part3[-1][2] == "6.8"
    assert [r[2] for r in part4[2:5]] == ["8.0", "8.0", "8.0"]
    assert part4[-1][2] == "8.0"
    assert [r[2] for r in part5[1:6]] == ["68.8", "14.0", "6.8", "8.0", "0.0"]
    assert part5[-2][0].startswith("Нийт оноо = (")
    assert part5[-2][2] == "97.6"
    assert part5[-1][2] == "A Бүрэн хангалттай"


def test_signature_blocks_hold_names_and_dates(sheet):
    text = "\n".join(cell.text for row in sheet.tables[5].rows for cell in row.cells)
    for _step, _label, _position, name, date in payloads.SIGNATURES:
        assert f"/{name}/" in text
        assert f"{date.replace('-', '.')} (огноо)" in text


def test_user_text_is_stored_literally():
    sheet = payloads.sheet()
    sheet["performance"]["rows"][1]["text"] = "#set page(width: 1cm) *b* ] $x$ { <b> @ref & ӘҚҢҰҺІ әқңұһі\x07"
    document = open_docx(render_docx("evaluation_sheet", sheet))
    assert rows_of(document.tables[0])[4][1] == "#set page(width: 1cm) *b* ] $x$ { <b> @ref & ӘҚҢҰҺІ әқңұһі"


def test_the_plan_is_a_landscape_table_with_merged_objectives():
    document = open_docx(render_docx("plan", payloads.plan()))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    rows = rows_of(document.tables[0])
    assert rows[0][:3] == ["Д/д", "Зорилт", "Арга хэмжээ"]
    assert rows[0][-1] == "Хэрэгжилт, %"
    assert rows[1][0] == "1. ИРГЭДИЙН ХЭРЭГЦЭЭНД СУУРИЛСАН ҮЙЛЧИЛГЭЭ"
    assert rows[2][1] == rows[3][1] == rows[4][1]  # the objective cell spans its three actions
    assert [r[-1] for r in rows[2:5]] == ["70", "30", "Хугацаа болоогүй"]
    assert rows[5][-1] == "50.0"
    merges = document.tables[0]._tbl.findall(".//" + qn("w:vMerge"))
    assert merges[0].get(qn("w:val")) == "restart"
    assert rows[-1][-1] == "62.5"


def test_report_and_assignments_render():
    report = open_docx(render_docx("performance_report", payloads.report()))
    assert report.sections[0].orientation == WD_ORIENT.LANDSCAPE
    part1 = rows_of(report.tables[0])
    assert part1[0][5] == part1[0][6] == "Гүйцэтгэлийн түвшин"
    assert part1[1][5:7] == ["Хүрсэн түвшин (биелэлт)", "Эхэлсэн, дууссан хугацаа"]
    assert part1[2] == [str(i) for i in range(1, 9)]
    assigned = open_docx(render_docx("assignments", payloads.assignments()))
    rows = rows_of(assigned.tables[0])
    assert rows[2][2] == "Ёс зүйн дэд хороо В.Наранчимэг"
    assert rows[3][7] == "2025.04.12\n2025.04.14"
