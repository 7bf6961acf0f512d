"""XLSX rendering: figures are numbers, text that looks like a formula stays text. No database."""

from __future__ import annotations

import io
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest

from urdun.documents.render.xlsx import render_totals_xlsx, render_xlsx
from urdun.documents.tests import payloads


@pytest.fixture
def settings() -> SimpleNamespace:
    """Stand-in for pytest-django's ``settings``, which the root conftest's autouse fixture
    requests: these tests touch no Django at all and must also run with ``-p no:django``."""
    return SimpleNamespace()


FORMULA_LIKE = [
    "=1+1",
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\r=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
]


def open_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def find(ws, value):
    return [c for row in ws.iter_rows() for c in row if c.value == value]


@pytest.fixture(scope="module")
def sheet_ws():
    return open_xlsx(render_xlsx("evaluation_sheet", payloads.sheet()))


def test_part1_rows_are_numbers(sheet_ws):
    rows = [
        r
        for r in sheet_ws.iter_rows(values_only=True)
        if isinstance(r[0], str) and r[0].isdigit() and isinstance(r[4], int | float)
    ]
    totals = [Decimal(str(r[4])) for r in rows]
    assert sum(totals) == 2477
    assert len(totals) == 36  # the six excluded rows have no total


def test_the_part_figures_are_numbers_with_one_decimal(sheet_ws):
    (heading,) = find(sheet_ws, "5. Гүйцэтгэлийн үнэлгээ")
    summary = [sheet_ws.cell(row=heading.row + 1 + i, column=3) for i in range(1, 7)]
    assert [c.value for c in summary] == [68.8, 14.0, 6.8, 8.0, 0.0, 97.6]
    assert all(c.number_format == "0.0" and c.data_type == "n" for c in summary)
    assert str(sheet_ws.cell(row=summary[-1].row, column=1).value).startswith("Нийт оноо = (")
    (mean_label,) = [c for c in sheet_ws["A"] if str(c.value).startswith("Дундаж оноо:")]
    assert sheet_ws.cell(row=mean_label.row, column=5).value == 68.8


def test_signers_are_listed(sheet_ws):
    for _step, _label, _position, name, date in payloads.SIGNATURES:
        assert find(sheet_ws, name)
        assert find(sheet_ws, date.replace("-", "."))


def test_formula_like_text_stays_text():
    sheet = payloads.sheet()
    for row, value in zip(sheet["performance"]["rows"][1:], FORMULA_LIKE, strict=False):
        row["text"] = value
    sheet["employee"]["name"] = "=cmd"
    ws = open_xlsx(render_xlsx("evaluation_sheet", sheet))
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for value in FORMULA_LIKE:
        expected = value.replace("\r", "\n")  # a lone CR is normalized to a line break
        (cell,) = [c for c in cells if c.value.startswith(expected)]  # excluded rows add a note
        assert cell.data_type == "s"
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_the_plan_holds_its_assessments():
    ws = open_xlsx(render_xlsx("plan", payloads.plan()))
    assert ws.title == "Төлөвлөгөө"
    assert find(ws, "1. ИРГЭДИЙН ХЭРЭГЦЭЭНД СУУРИЛСАН ҮЙЛЧИЛГЭЭ")
    (plan_total,) = find(ws, "Төлөвлөгөөний нийт хэрэгжилт (үнэлсэн арга хэмжээ: 4)")
    percent = ws.cell(row=plan_total.row, column=8)
    assert percent.value == 62.5 and percent.number_format == "0.0"
    (action,) = find(ws, "1.1.3. " + payloads.plan()["sections"][0]["objectives"][0]["actions"][1]["text"])
    assert ws.cell(row=action.row, column=8).value == 30
    baseline_dash = find(ws, "-")
    assert baseline_dash and baseline_dash[0].data_type == "s"


def test_totals_workbook_lists_every_sheet():
    rows = [
        {
            "name": "Э.Батцэцэг",
            "position": payloads.POSITION,
            "unit": "Нийгмийн бодлогын хэлтэс",
            "part1": "68.8",
            "part2": "14.0",
            "part3": "6.8",
            "part4": "8.0",
            "adjustments": "0.0",
            "total": "97.6",
            "rating": {"letter": "A", "label": "Бүрэн хангалттай"},
            "status": "confirmed",
        },
        {
            "name": "=2+5",
            "position": "@admin",
            "unit": "-",
            "part1": None,
            "part2": None,
            "part3": None,
            "part4": None,
            "adjustments": "-2.0",
            "total": None,
            "rating": None,
            "status": "draft",
        },
    ]
    ws = open_xlsx(render_totals_xlsx(rows))
    assert [c.value for c in ws[1]][:4] == ["Овог, нэр", "Албан тушаал", "Нэгж", "1. Гүйцэтгэл"]
    first = [c.value for c in ws[2]]
    assert first[:3] == ["Э.Батцэцэг", payloads.POSITION, "Нийгмийн бодлогын хэлтэс"]
    assert first[3:9] == [68.8, 14.0, 6.8, 8.0, 0.0, 97.6]
    assert first[9:] == ["A Бүрэн хангалттай", "confirmed"]
    assert ws["I2"].number_format == "0.0"
    second = ws[3]
    assert [c.value for c in second[:3]] == ["=2+5", "@admin", "-"]
    assert all(c.data_type == "s" for c in second[:3])
    assert second[7].value == -2.0 and second[7].data_type == "n"
    assert ws.freeze_panes == "A2"
