"""PDF rendering: the printed evaluation sheet carries the seed's figures, names and dates,
and user text can never change the layout. No database, no Django settings."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import threading
import zipfile
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from urdun.documents.render.bulk import archive_name, render_many_to_zip
from urdun.documents.render.pdf import render_pdf
from urdun.documents.tests import payloads

A4 = (595, 842)  # points, rounded
PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils not installed")

# Exact page counts: a layout regression (a bigger font, a lost header row) moves them.
SHEET_PAGES = 4
PLAN_PAGES = 1
REPORT_PAGES = 2
ASSIGNMENTS_PAGES = 1


@pytest.fixture
def settings() -> SimpleNamespace:
    """Stand-in for pytest-django's ``settings``, which the root conftest's autouse fixture
    requests: these tests touch no Django at all and must also run with ``-p no:django``."""
    return SimpleNamespace()


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def layout_text(pdf: bytes) -> str:
    assert PDFTOTEXT is not None
    done = subprocess.run(
        [PDFTOTEXT, "-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


def squeeze(text: str) -> str:
    """Text without whitespace or zero-width spaces, to find words a line break split."""
    return re.sub(r"[\s\u200b]+", "", text)


@pytest.fixture(scope="module")
def sheet_pdf() -> bytes:
    return render_pdf("evaluation_sheet", payloads.sheet())


def test_it_renders_the_seed_sheet_on_four_a4_pages(sheet_pdf):
    reader = PdfReader(io.BytesIO(sheet_pdf))
    assert sheet_pdf.startswith(b"%PDF-")
    assert len(reader.pages) == SHEET_PAGES
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4


def test_it_prints_every_scored_rows_points(sheet_pdf):
    rows = [r for r in payloads.part1_rows() if r["type"] in ("action", "assignment")]
    expected = Counter(
        value for r in rows for value in (r["performance"], r["timeliness"], r["row_total"]) if value
    )
    printed = Counter(re.findall(r"(?<![\d.])\d+(?![\d.])", pdf_text(sheet_pdf)))
    for value, count in expected.items():
        assert printed[value] >= count, value
    assert sum(Decimal(t) for t in payloads.scored_totals()) == 2477


@needs_pdftotext
def test_each_row_prints_its_points_on_its_own_line(sheet_pdf):
    triples = re.findall(r"(?<![\d.])(\d{2}) +(\d{1,2}) +(\d{2})(?![\d.])", layout_text(sheet_pdf))
    expected = [
        (r["performance"], r["timeliness"], r["row_total"])
        for r in payloads.part1_rows()
        if r["type"] in ("action", "assignment") and r["row_total"]
    ]
    assert triples == expected
    assert len(expected) == 36


def test_it_prints_the_part_figures_total_and_rating(sheet_pdf):
    text = pdf_text(sheet_pdf)
    for figure in ("68.8", "14.0", "6.8", "8.0", "97.6", "15.0", "12.0"):
        assert figure in text
    assert "60 хүртэл" in text and "10 хүртэл" in text and "70 хүртэл" in text
    assert "Бүрэн хангалттай" in text
    assert "Дунджид тооцсон мөр: 36 / 42, нийлбэр оноо: 2477" in text


def test_it_prints_the_paper_form_structure(sheet_pdf):
    text = pdf_text(sheet_pdf)
    squeezed = squeeze(text)  # column headers wrap inside their narrow cells
    for label in (
        "ҮНЭЛГЭЭНИЙ ХУУДАС",
        "Арга хэмжээний гүйцэтгэлд өгсөн оноо",
        "Төлөвлөсөн хугацаанд гүйцэтгэсэн байдал",
        "Нийлбэр оноо",
        "Нэмэлт ажлын биелэлт",
        "Дундаж оноо:",
        "Ур чадварын үзүүлэлт (ажлын онцлогоос хамаарсан)",
        "Мэргэжлийн ур чадвар 3.",
        "Нийт оноо = (",
        "Засгийн газрын 2020 оны 218 дугаар тогтоол",
        "Баянхонгор аймгийн Засаг даргын Тамгын газар",
        "Нийгмийн бодлогын хэлтэс",
        "2025 ОНЫ ХАГАС ЖИЛ",
    ):
        assert squeeze(label) in squeezed, label
    assert "Хуудас 1 / 4" in text


def test_an_objective_row_is_never_left_alone_at_the_bottom_of_a_page(sheet_pdf):
    pages = [squeeze(page.extract_text()) for page in PdfReader(io.BytesIO(sheet_pdf)).pages]
    rows = payloads.part1_rows()
    for objective, first in zip(rows, rows[1:], strict=False):
        if objective["type"] != "objective":
            continue
        with_objective = {i for i, text in enumerate(pages) if squeeze(objective["text"][:40]) in text}
        with_action = {i for i, text in enumerate(pages) if squeeze(first["text"][:30]) in text}
        assert with_objective & with_action, objective["text"][:40]


def test_excluded_rows_print_with_their_reason(sheet_pdf):
    text = pdf_text(sheet_pdf)
    assert text.count("Дунджид тооцоогүй: Оноогүй (00)") == 2
    assert text.count("Дунджид тооцоогүй: Үнэлэх боломжгүй (ХХ)") == 2
    assert text.count("Дунджид тооцоогүй: Нийлбэр оноо өгөөгүй") == 2


def test_it_prints_every_signer_name_and_date_paper_style(sheet_pdf):
    text = pdf_text(sheet_pdf)
    for _step, label, _position, name, date in payloads.SIGNATURES:
        assert f"/{name}/" in text
        assert date.replace("-", ".") in text
        assert squeeze(label) in squeeze(text)  # long labels wrap
    assert "2025-06-18" not in text


def test_an_unsigned_step_prints_an_empty_line():
    sheet = payloads.sheet()
    sheet["signatures"][-1].update(name=None, date=None, position=None, decision=None)
    text = pdf_text(render_pdf("evaluation_sheet", sheet))
    assert "Л.Хишигбаатар" not in text
    assert "2025.06.25" not in text
    assert "...................... (огноо)" in text


def test_it_prints_mongolian_and_kazakh_letters():
    sheet = payloads.sheet()
    sheet["performance"]["rows"][1]["text"] = "Қазақ тілі: ӘҚҢҰҺІ әқңұһі Өө Үү"
    text = pdf_text(render_pdf("evaluation_sheet", sheet))
    assert "ӘҚҢҰҺІ әқңұһі Өө Үү" in text
    assert "ҮНЭЛГЭЭ ӨГСӨН" in text


def test_fonts_are_embedded():
    reader = PdfReader(io.BytesIO(render_pdf("evaluation_sheet", payloads.sheet())))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
    assert fonts and all(fonts.values())
    assert all("DejaVuSansCondensed" in name for name in fonts)


MARKUP = ["#set page(width: 1cm)", "*bold*", "]", "$x$", "{", "<b>", "@ref", "\\", "ӘҚҢҰҺІ әқңұһі"]
LONG_WORD = "Ө" + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" * 12 + "ӨҮҮ"


def test_markup_in_user_text_prints_literally_and_changes_nothing():
    sheet = payloads.sheet()
    sheet["performance"]["rows"][1]["text"] = " ".join(MARKUP)
    sheet["employee"]["name"] = '#pagebreak() #"x" `raw` = Heading'
    sheet["organization"]["name"] = "#{ panic() }"
    pdf = render_pdf("evaluation_sheet", sheet)
    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    assert " ".join(MARKUP) in text
    assert "#PAGEBREAK()" in text  # the title prints the name upper-cased
    assert "#{ panic() }" in text
    assert len(reader.pages) == SHEET_PAGES
    assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == A4 for p in reader.pages)


def test_a_400_letter_word_wraps_inside_its_cell():
    sheet = payloads.sheet()
    sheet["performance"]["rows"][1]["text"] = f"Эхлэл {LONG_WORD} төгсгөл"
    pdf = render_pdf("evaluation_sheet", sheet)
    text = pdf_text(pdf)
    assert len(LONG_WORD) == 400
    assert LONG_WORD in squeeze(text)
    # Wrapped inside the action cell (about 60 letters wide), not overflowing it.
    pieces = [squeeze(line) for line in text.splitlines() if "жзий" in line]
    assert len(pieces) >= 6
    assert all(len(piece) <= 70 for piece in pieces)


@needs_pdftotext
def test_pdftotext_reads_the_same_figures(sheet_pdf):
    text = layout_text(sheet_pdf)
    for figure in ("68.8", "14.0", "6.8", "8.0", "97.6", "60 хүртэл", "2025.06.25", "Л.Сандагдорж"):
        assert figure in text


def test_english_labels_follow_the_payload_language():
    sheet = payloads.sheet()
    sheet["language"] = "en"
    text = pdf_text(render_pdf("evaluation_sheet", sheet))
    assert "EVALUATION SHEET" in text
    assert "up to 60" in text
    assert "97.6" in text


def test_adjustments_and_mismatches_print():
    sheet = payloads.sheet()
    sheet["adjustments"] = "-2.0"
    sheet["total"] = "95.6"
    sheet["adjustment_rows"] = [
        {"reason": "Сахилгын шийтгэл", "clause": "6.2", "points": "-2.0", "note": "2025.03.01 тушаал"}
    ]
    sheet["mismatches"] = [
        {"where": "part2", "paper": "14.3", "computed": "14.0", "message": "Мөрүүдээс 14.0"}
    ]
    text = pdf_text(render_pdf("evaluation_sheet", sheet))
    assert "Сахилгын шийтгэл (заалт 6.2)" in text
    assert "-2.0" in text and "95.6" in text
    assert "Цаасан хувилбартай зөрсөн дүн" in text and "14.3" in text


def test_the_plan_prints_sections_objectives_once_and_aggregates():
    plan = payloads.plan()
    pdf = render_pdf("plan", plan)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == PLAN_PAGES
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = pdf_text(pdf)
    squeezed = squeeze(text)
    assert "1. ИРГЭДИЙН ХЭРЭГЦЭЭНД СУУРИЛСАН ҮЙЛЧИЛГЭЭ" in text
    assert "Хэрэгжүүлэх байгууллага, албан тушаалтан" in text
    assert "2019 оны зорилтот түвшин" in text
    # The objective cell spans its actions: its text is printed once, not on every row.
    assert squeezed.count(squeeze("1.1. Харилцаа холбоо, мэдээллийн технологийн")) == 1
    assert "Зорилт 1.1: хэрэгжилтийн дундаж (үнэлсэн арга хэмжээ: 2)" in text
    assert "1-р бүлэг: хэрэгжилтийн дундаж (үнэлсэн арга хэмжээ: 3)" in text
    assert "Төлөвлөгөөний нийт хэрэгжилт (үнэлсэн арга хэмжээ: 4)" in text
    for figure in ("50.0", "56.7", "62.5", "100.0", "67.5"):
        assert figure in text
    assert squeeze("Хугацаа болоогүй") in squeezed and squeeze("Үнэлэх боломжгүй") in squeezed
    assert "Баян-Өлгий аймгийн Засаг даргын Тамгын газар" in text


def test_an_unassessed_plan_has_no_implementation_column():
    plan = payloads.plan()
    plan["percent"] = None
    for section in plan["sections"]:
        for objective in section["objectives"]:
            for action in objective["actions"]:
                action["assessment"] = {"status": "none", "percent": None, "comment": ""}
    text = pdf_text(render_pdf("plan", plan))
    assert "Хэрэгжилт, %" not in text
    assert "хэрэгжилтийн дундаж" not in text


def test_the_report_prints_both_parts():
    pdf = render_pdf("performance_report", payloads.report())
    assert len(PdfReader(io.BytesIO(pdf)).pages) == REPORT_PAGES
    text = pdf_text(pdf)
    assert "ГҮЙЦЭТГЭЛИЙН ТАЙЛАН" in text
    assert "2025 оны 06 дугаар сарын 05" in text
    assert "Нэг. Гүйцэтгэлийн зорилт, арга хэмжээний биелэлт" in text
    assert "Хоёр. Мэдлэг, ур чадвараа дээшлүүлэх" in text
    assert "Хугацаа болоогүй." in text
    assert "2025.01.13" in text and "/Э.Батцэцэг/" in text


def test_the_assignments_sheet_prints_its_rows_and_signers():
    pdf = render_pdf("assignments", payloads.assignments())
    assert len(PdfReader(io.BytesIO(pdf)).pages) == ASSIGNMENTS_PAGES
    text = pdf_text(pdf)
    assert "НЭМЭЛТ ҮҮРЭГ ДААЛГАВАРЫН ХУУДАС" in text
    assert squeeze("Үүрэг даалгавар өгсөн удирдах албан тушаалтан") in squeeze(text)
    assert squeeze("Ёс зүйн дэд хороо В.Наранчимэг") in squeeze(text)
    assert "Биелэлтийн хувь: 100" in text
    assert "/В.Наранчимэг/" in text and "2025.06.05" in text


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown document kind"):
        render_pdf("payslip", payloads.sheet())


def test_renders_from_several_threads_at_once():
    # One typst.Compiler cannot compile in two threads at once ("Already borrowed").
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work(i: int) -> None:
        sheet = payloads.sheet()
        sheet["employee"]["name"] = f"Э.Батцэцэг {i}"
        try:
            results.append(render_pdf("evaluation_sheet", sheet))
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 4


def test_render_many_to_zip_writes_one_pdf_per_item_and_reports_progress():
    calls: list[tuple[int, int]] = []
    items = [
        ("Э.Батцэцэг 2025-H1", payloads.sheet()),
        ("Э.Батцэцэг 2025-H1", payloads.sheet()),
        ("../etc/passwd", payloads.plan()),
    ]
    buffer = io.BytesIO()
    written = render_many_to_zip(iter(items), buffer, lambda done, total: calls.append((done, total)))
    assert written == 3
    assert calls == [(1, 3), (2, 3), (3, 3)]
    with zipfile.ZipFile(buffer) as archive:
        names = archive.namelist()
        assert names == ["Э.Батцэцэг 2025-H1.pdf", "Э.Батцэцэг 2025-H1-2.pdf", "_etc_passwd.pdf"]
        assert all(archive.read(n).startswith(b"%PDF-") for n in names)
        plan_text = pdf_text(archive.read(names[2]))
    assert "ИРГЭДИЙН ХЭРЭГЦЭЭНД СУУРИЛСАН ҮЙЛЧИЛГЭЭ" in plan_text


def test_archive_names_are_flat_and_unique():
    used: set[str] = set()
    assert archive_name('a/b\\c:d*e?"f<g>h|', used) == "a_b_c_d_e_f_g_h_.pdf"
    assert archive_name("x.pdf", used) == "x.pdf"
    assert archive_name("X", used) == "X-2.pdf"
    assert archive_name("..", used) == "document.pdf"


def test_bulk_reads_items_and_reports_progress_in_the_calling_thread():
    # The Django job builds payloads lazily (database, translation.override): that must not
    # move into the worker threads.
    seen: set[int] = set()

    def items():
        for i in range(3):
            seen.add(threading.get_ident())
            yield f"sheet-{i}", payloads.sheet()

    render_many_to_zip(items(), io.BytesIO(), lambda done, total: seen.add(threading.get_ident()), total=3)
    assert seen == {threading.get_ident()}
