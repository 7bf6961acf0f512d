"""The format-neutral rows every renderer prints, and the label tables. No database."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from urdun.documents.render.labels import LABELS, labels_for
from urdun.documents.render.rows import Cell, build, format_date, format_long_date, num, place
from urdun.documents.tests import payloads


@pytest.fixture
def settings() -> SimpleNamespace:
    """Stand-in for pytest-django's ``settings``, which the root conftest's autouse fixture
    requests: these tests touch no Django at all and must also run with ``-p no:django``."""
    return SimpleNamespace()


def test_every_language_has_every_label():
    for language, table in LABELS.items():
        assert set(table) == set(LABELS["mn"]), language


def test_an_unknown_language_falls_back_to_mongolian():
    assert labels_for("fr") is LABELS["mn"]
    assert labels_for(None) is LABELS["mn"]


def test_dates_print_in_the_paper_style():
    assert format_date("2025-06-18") == "2025.06.18"
    assert format_date(None) == ""
    assert format_date("8025.06.05") == "8025.06.05"  # not ISO: printed as given
    assert format_long_date("2025-06-05", "mn") == "2025 оны 06 дугаар сарын 05"
    assert format_long_date("2025-04-30", "mn") == "2025 оны 04 дүгээр сарын 30"


def test_only_plain_decimals_become_numbers():
    assert num("68.8").number == Decimal("68.8")
    assert num("-2.0").number == Decimal("-2.0")
    assert num("00").number is None  # the paper's "00" stays as printed
    assert num("ХХ").number is None
    assert num(None).text == ""


def test_rowspans_are_placed_like_typst_places_them():
    objective = Cell("objective", rowspan=2)
    rows = [[Cell("1"), objective, Cell("a")], [Cell("2"), Cell("b")]]
    placed = place(rows, 3)
    assert [(s.column, s.cell.text, s.covered) for s in placed[0]] == [
        (0, "1", False),
        (1, "objective", False),
        (2, "a", False),
    ]
    assert [(s.column, s.cell.text, s.covered) for s in placed[1]] == [
        (0, "2", False),
        (1, "objective", True),
        (2, "b", False),
    ]


def test_the_sheet_rows_carry_the_payload_figures_unchanged():
    document = build("evaluation_sheet", payloads.sheet())
    part1 = document.blocks[0].table
    assert part1 is not None
    scored = [row[4].text for row in part1.body if len(row) == 6 and row[4].text]
    assert scored == payloads.scored_totals()
    assert part1.body[-1][1].text == "68.8"
    assert [s.date for s in document.signatures][-1] == "2025.06.25"


def test_control_characters_are_dropped_and_line_ends_normalized():
    sheet = payloads.sheet()
    sheet["performance"]["rows"][1]["text"] = "a\x00b\x0bc\r\nd\re"
    document = build("evaluation_sheet", sheet)
    assert document.blocks[0].table.body[1][1].text == "abc\nd\ne"


@pytest.mark.parametrize("kind", ["evaluation_sheet", "plan", "performance_report", "assignments"])
def test_every_kind_builds_from_an_empty_payload(kind):
    # Missing parts print as empty forms rather than failing the whole bulk job.
    document = build(kind, {})
    assert document.kind == kind
    assert document.blocks


@pytest.mark.parametrize("kind", ["evaluation_sheet", "plan", "performance_report", "assignments"])
def test_every_format_renders_an_empty_payload(kind):
    from urdun.documents.render.docx import render_docx
    from urdun.documents.render.pdf import render_pdf
    from urdun.documents.render.xlsx import render_xlsx

    assert render_pdf(kind, {}).startswith(b"%PDF-")
    assert render_docx(kind, {}).startswith(b"PK")
    assert render_xlsx(kind, {}).startswith(b"PK")
