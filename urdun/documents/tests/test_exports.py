"""The documents that leave the system carry the numbers the screen shows, for the demo data
loaded from both seed documents."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile

import pytest
from django.core.management import call_command

from urdun.imports.demo import load_all


@pytest.fixture
def demo(db):
    load_all()


def _export(tmp_path, *args: str) -> bytes:
    out = tmp_path / "out"
    call_command(*args, "--output", str(out))
    return out.read_bytes()


def _pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _paper_date(iso: str) -> str:
    return iso.replace("-", ".")


def test_sheet_json_has_the_official_figures(demo, tmp_path):
    data = json.loads(
        _export(
            tmp_path, "export_sheet", "--employee", "batsetseg", "--period", "2025-H1", "--format", "json"
        )
    )
    got = {k: data[k] for k in ("part1", "part2", "part3", "part4", "adjustments", "total")}
    assert got == {
        "part1": "68.8",
        "part2": "14.0",
        "part3": "6.8",
        "part4": "8.0",
        "adjustments": "0.0",
        "total": "97.6",
    }
    assert data["rating"]["letter"] == "A"
    rows = [r for r in data["performance"]["rows"] if r["type"] in ("action", "assignment")]
    assert (len(rows), sum(not r["excluded"] for r in rows)) == (42, 36)
    assert {(m["where"], m["paper"], m["computed"]) for m in data["mismatches"]} >= {
        ("part2", "14.3", "14.0"),
        ("total", "97.9", "97.6"),
    }


def test_sheet_pdf_carries_every_row_signature_and_total(demo, tmp_path):
    payload = json.loads(
        _export(
            tmp_path, "export_sheet", "--employee", "batsetseg", "--period", "2025-H1", "--format", "json"
        )
    )
    pdf = _export(
        tmp_path, "export_sheet", "--employee", "batsetseg", "--period", "2025-H1", "--format", "pdf"
    )
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(pdf)).pages) == 4
    text = _pdf_text(pdf)
    lines = text.splitlines()
    for row in payload["performance"]["rows"]:
        if row["type"] not in ("action", "assignment") or row["excluded"]:
            continue
        # The row's three points stand together on one printed line, in order.
        triple = re.compile(rf"\b{row['performance']}\s+{row['timeliness']}\s+{row['row_total']}\b")
        assert any(triple.search(line) for line in lines), f"row {row['code']} points not printed"
    flat = _squash(text)
    for figure in ("68.8", "14.0", "6.8", "8.0", "97.6", "60 хүртэл", "10 хүртэл", "70 хүртэл"):
        assert figure in flat
    signed = [s for s in payload["signatures"] if s["name"]]
    assert len(signed) >= 5
    for s in signed:
        assert s["name"].upper() in flat.upper(), s
        if s["date"]:
            assert _paper_date(s["date"]) in flat, s


def test_sheet_docx_holds_the_same_cells(demo, tmp_path):
    from docx import Document

    payload = json.loads(
        _export(
            tmp_path, "export_sheet", "--employee", "batsetseg", "--period", "2025-H1", "--format", "json"
        )
    )
    doc = Document(
        io.BytesIO(
            _export(
                tmp_path, "export_sheet", "--employee", "batsetseg", "--period", "2025-H1", "--format", "docx"
            )
        )
    )
    rows = [[c.text.strip() for c in r.cells] for t in doc.tables for r in t.rows]
    for row in payload["performance"]["rows"]:
        if row["type"] in ("action", "assignment") and not row["excluded"]:
            assert any(
                row["text"] in cells
                and [row["performance"], row["timeliness"], row["row_total"]] == cells[2:5]
                for cells in rows
            ), row["code"]
    everything = " ".join(" ".join(r) for r in rows)
    for figure in ("68.8", "14.0", "6.8", "8.0", "97.6"):
        assert figure in everything


def test_seed_000_plan_prints_all_37_actions_with_responsibles(demo, tmp_path):
    payload = json.loads(
        _export(tmp_path, "export_plan", "--organization", "bayan-ulgii", "--format", "json")
    )
    actions = [a for s in payload["sections"] for o in s["objectives"] for a in o["actions"]]
    assert len(actions) == 37
    text = _squash(
        _pdf_text(_export(tmp_path, "export_plan", "--organization", "bayan-ulgii", "--format", "pdf"))
    )
    # Text extraction interleaves the lines of neighbouring cells, so the PDF is checked word by
    # word and the DOCX (real table cells) exactly.
    words = set(re.findall(r"[\w.\-]+", text))
    from docx import Document

    doc = Document(
        io.BytesIO(_export(tmp_path, "export_plan", "--organization", "bayan-ulgii", "--format", "docx"))
    )
    cells = {_squash(c.text.strip()) for t in doc.tables for r in t.rows for c in r.cells}
    for action in actions:
        assert action["code"] in text, action["code"]
        for r in action["responsibles"]:
            assert set(re.findall(r"[\w.\-]+", r["text"])) <= words, (action["code"], r["text"])
        listed = ", ".join(r["text"] for r in action["responsibles"])
        assert any(listed in c for c in cells), (action["code"], listed)


def test_markup_in_a_report_prints_literally(demo, tmp_path):
    from urdun.performance.payload import find_sheet

    sheet = find_sheet("batsetseg", "2025-H1")
    entry = sheet.report_entries.filter(indicator__isnull=False).first()
    hostile = "#set page(width: 1cm) *bold* ] $x$ { <b> @ref ӘҚҢҰҺІ " + "Ө" * 120
    entry.achieved_text = hostile
    entry.save()
    text = _squash(
        _pdf_text(
            _export(
                tmp_path,
                "export_sheet",
                "--employee",
                "batsetseg",
                "--period",
                "2025-H1",
                "--format",
                "pdf",
                "--form",
                "performance_report",
            )
        )
    )
    for piece in ("#set page(width: 1cm)", "*bold*", "$x$", "<b>", "@ref", "ӘҚҢҰҺІ"):
        assert piece in text, piece
    assert text.count("Ө") >= 120


def test_unknown_employee_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nobody"):
        call_command("export_sheet", "--employee", "nobody", "--period", "2025-H1", "--format", "json")


def test_bulk_zip_is_built_and_downloadable(demo, client, settings, django_capture_on_commit_callbacks):
    from urdun.documents.models import DocumentJob
    from urdun.organizations.models import User

    settings.DOCUMENT_JOBS_INLINE = True
    client.force_login(User.objects.get(username="naranchimeg"))
    from urdun.organizations.models import Unit

    unit = Unit.objects.get(organization__code="bayankhongor", abbreviation="НБХ")
    # A unit head exports their unit, not the whole organization.
    assert client.post("/documents/org/bayankhongor/bulk/", {"period": "2025-H1"}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/documents/org/bayankhongor/bulk/", {"period": "2025-H1", "unit": unit.pk})
    assert r.status_code == 302
    job = DocumentJob.objects.get()
    assert (job.status, job.total, job.done, job.percent) == ("done", 1, 1, 100)
    status = client.get(f"/documents/jobs/{job.pk}/status/").content.decode()
    assert "hx-trigger" not in status and "/download/" in status
    response = client.get(f"/documents/jobs/{job.pk}/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert [n.endswith(".pdf") for n in archive.namelist()] == [True]
    # Someone else cannot see the job at all.
    client.force_login(User.objects.get(username="batsetseg"))
    assert client.get(f"/documents/jobs/{job.pk}/").status_code == 404


def test_employee_downloads_own_sheet_but_not_a_colleagues(demo, client):
    from urdun.organizations.models import User
    from urdun.performance.payload import find_sheet

    sheet = find_sheet("batsetseg", "2025-H1")
    client.force_login(User.objects.get(username="batsetseg"))
    r = client.get(f"/documents/sheets/{sheet.pk}/evaluation_sheet.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    client.force_login(User.objects.get(username="oyunchimeg"))
    assert client.get(f"/documents/sheets/{sheet.pk}/evaluation_sheet.pdf").status_code == 404
    assert client.get(f"/api/v1/documents/sheets/{sheet.pk}/evaluation_sheet/pdf/").status_code == 404


def test_api_returns_the_same_document_as_the_page(demo, client):
    from urdun.organizations.models import User
    from urdun.performance.payload import find_sheet

    sheet = find_sheet("batsetseg", "2025-H1")
    client.force_login(User.objects.get(username="erdenebat"))
    page = client.get(f"/documents/sheets/{sheet.pk}/evaluation_sheet.json")
    api = client.get(f"/api/v1/documents/sheets/{sheet.pk}/evaluation_sheet/json/")
    assert page.status_code == api.status_code == 200
    assert json.loads(page.content) == json.loads(api.content)
    assert json.loads(api.content)["total"] == "97.6"


def test_a_confirmed_sheet_keeps_its_figures_but_speaks_the_readers_language(demo, tmp_path):
    args = ("export_sheet", "--employee", "batsetseg", "--period", "2025-H1", "--format", "json")
    mn = json.loads(_export(tmp_path, *args))
    en = json.loads(_export(tmp_path, *args, "--language", "en"))
    assert mn["status"] == en["status"] == "confirmed"
    figures = ("part1", "part2", "part3", "part4", "total")
    assert [mn[k] for k in figures] == [en[k] for k in figures]
    assert [s["name"] for s in mn["signatures"]] == [s["name"] for s in en["signatures"]]
    assert en["period"]["label"] != mn["period"]["label"]
    assert en["signatures"][0]["label"] == "REPORT PREPARED BY"
    reasons = {
        lang: {r["exclusion_reason"] for r in d["performance"]["rows"] if r.get("excluded")}
        for lang, d in (("mn", mn), ("en", en))
    }
    assert "Not scored (00)" in reasons["en"]
    assert reasons["en"].isdisjoint(reasons["mn"])
