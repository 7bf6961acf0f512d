"""The seeds written the way other offices write them import to the methodology's figures; what
was read is kept with the import, shown and exported (issue 16). The seed texts are transformed
here, in the test; nothing is copied to disk but the file the command reads."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from urdun.imports import demo_plans
from urdun.imports.demo import load_organizations
from urdun.imports.performance_import import commit_performance, preview, read_performance
from urdun.imports.plan_import import commit_plan_summary, plan_preview, read_plan
from urdun.organizations.models import Organization
from urdun.plans.models import Plan

from .builders import PERFORMANCE_SEED, seed
from .test_performance_import import people  # noqa: F401  (the fixture)

PLAN_SEED = demo_plans.seed_path()
ROMAN = ["I", "II", "III", "IV", "V"]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sheet_lines(text: str) -> tuple[list[str], int, int]:
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("1. Гүйцэтгэлийн зорилт"))
    end = next(i for i, line in enumerate(lines) if line.startswith("2. Мэдлэг"))
    return lines, start, end


def with_words_for_numbers(text: str) -> str:
    """Percentages written "100 хувь" / "80 хувь" in the report rows and the knowledge part."""
    lines = text.split("\n")
    out = []
    for line in lines:
        if line.startswith("| ") and not line.startswith("| Д/"):
            cells = line.split(" | ")
            cells = [re.sub(r"^(100|80)$", r"\1 хувь", c) for c in cells]
            line = " | ".join(cells)
            line = re.sub(r"\| (100|80) \|$", r"| \1 хувь |", line)
        out.append(line)
    return "\n".join(out)


def export_json(**kwargs) -> dict:
    out = StringIO()
    call_command(
        "export_sheet", "--employee", "batsetseg", "--period", "2025-H1", "--format", "json", stdout=out
    )
    return json.loads(out.getvalue())


def test_seed_002_with_percentages_in_words_imports_to_the_methodologys_figures(people):  # noqa: F811
    text = with_words_for_numbers(seed(PERFORMANCE_SEED).decode())
    assert text.count("100 хувь") >= 8 and "| 80 хувь | 12 |" in text
    parsed = read_performance(text.encode(), "002.md")
    assert not any(p.code == "bad_percent" for p in parsed.problems)
    summary = commit_performance(parsed, people["batsetseg"], "2025-H1")
    assert summary.figures == {
        "part1": "68.8",
        "part2": "14.0",
        "part3": "6.8",
        "part4": "8.0",
        "total": "97.6",
    }
    payload = export_json()
    assert (payload["part1"], payload["part2"], payload["part3"], payload["part4"], payload["total"]) == (
        "68.8",
        "14.0",
        "6.8",
        "8.0",
        "97.6",
    )
    written = {(n["column"], n["written"], n["read"]) for n in payload["import_notes"]}
    assert ("percent", "100 хувь", "100") in written and ("percent", "80 хувь", "80") in written
    assert ("date", "8025.06.05", "2025-06-05") in written
    assert all(set(n) >= {"row", "column", "written", "read", "message"} for n in payload["import_notes"])


def test_status_words_in_the_points_column_give_the_rows_their_reasons(people):  # noqa: F811
    lines, start, end = sheet_lines(seed(PERFORMANCE_SEED).decode())
    for i in range(start, end):
        lines[i] = (
            lines[i].replace("| 00 |", "| Хугацаа болоогүй |").replace("| ХХ |", "| Үнэлэх боломжгүй |")
        )
    text = "\n".join(lines)
    assert "| Хугацаа болоогүй | | | |" in text and "| Үнэлэх боломжгүй | | | 141 |" in text
    commit_performance(read_performance(text.encode(), "002.md"), people["batsetseg"], "2025-H1")
    payload = export_json()
    reasons = {r["code"]: r["exclusion"] for r in payload["performance"]["rows"] if r.get("exclusion")}
    assert reasons["2.3"] == reasons["2.5"] == "not_due"
    assert reasons["4.1"] == reasons["10.2"] == "cannot_evaluate"
    assert "no_total" not in {reasons[c] for c in ("2.3", "2.5", "4.1", "10.2")}
    assert payload["part1"] == "68.8" and payload["total"] == "97.6"


def test_an_adjustment_row_is_imported_and_counts_in_the_total(people):  # noqa: F811
    text = (
        seed(PERFORMANCE_SEED)
        .decode()
        .replace(
            "(Аргачлалын 6 дугаар хэсэгт заасан холбогдох заалтыг бичих) | |",
            "(Аргачлалын 6 дугаар хэсэгт заасан холбогдох заалтыг бичих) | -2 (6.1.2 Сахилгын шийтгэлтэй) |",
        )
    )
    assert "-2 (6.1.2" in text
    summary = commit_performance(read_performance(text.encode(), "002.md"), people["batsetseg"], "2025-H1")
    assert summary.figures["total"] == "95.6"
    payload = export_json()
    assert [(a["points"], a["clause"], a["reason"]) for a in payload["adjustment_rows"]] == [
        ("-2.0", "6.1.2", "Сахилгын шийтгэлтэй")
    ]


def test_the_command_prints_warnings_and_notes_and_lets_the_user_apply_rescores(people, tmp_path):  # noqa: F811
    path = tmp_path / "002.md"
    path.write_bytes(seed(PERFORMANCE_SEED))
    args = ["import_performance", str(path), "--employee", "batsetseg", "--period", "2025-H1"]
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    assert "8025.06.05" in err.getvalue() and "2025-06-05" in err.getvalue()
    assert "not applied" in err.getvalue()
    assert "68.8" in out.getvalue()
    out = StringIO()
    call_command(*args, "--rescores", "apply", stdout=out, stderr=StringIO())
    # Applied: 0 on 6.1 and 1 on both rows 11.1 replace 68, 64 and 70.
    assert export_json()["part1"] == "63.3"
    call_command(*args, "--rescores", "ignore", stdout=StringIO(), stderr=StringIO())
    assert export_json()["part1"] == "68.8"


def test_the_web_preview_lists_the_notes_before_anything_is_saved(people):  # noqa: F811
    parsed = read_performance(with_words_for_numbers(seed(PERFORMANCE_SEED).decode()).encode(), "002.md")
    result = preview(parsed, people["batsetseg"], "2025-H1")
    assert any(n["written"] == "80 хувь" for n in result["notes"])
    assert result["rescores"] == "ignored"


# Plans -----------------------------------------------------------------------------------------


@pytest.fixture
def bayan_ulgii(db):
    load_organizations()
    return Organization.objects.get(code="bayan-ulgii")


def plan_text() -> str:
    return PLAN_SEED.read_text(encoding="utf-8")


def two_row_header(text: str) -> str:
    lines = text.split("\n")
    h = next(i for i, line in enumerate(lines) if line.startswith("Д/д"))
    cells = lines[h].split("\t")
    top = [*cells[:4], "Үр дүнгийн үзүүлэлт", "", *cells[6:]]
    bottom = ["", "", "", "", "Суурь түвшин", "Зорилтот түвшин", ""]
    return "\n".join([*lines[:h], "\t".join(top), "\t".join(bottom), *lines[h + 1 :]])


def roman_sections_and_numbered_actions(text: str) -> str:
    out = []
    position = 0
    for line in text.split("\n"):
        section = re.match(r"^(\d)\. (\S.*)$", line)
        if section:
            out.append(f"{ROMAN[int(section.group(1)) - 1]}. {section.group(2)}")
            continue
        cells = line.split("\t")
        if len(cells) > 2 and re.match(r"^\d+\.\d+\.\d+\.", cells[2]):
            position = 1 if cells[1].strip() else position + 1
            cells[2] = re.sub(r"^\d+\.\d+\.\d+\.\s*", f"{position}) ", cells[2])
        out.append("\t".join(cells))
    return "\n".join(out)


def without_trailing_dots(text: str) -> str:
    return re.sub(r"(?<=\d)\.(?=[ \t])", "", text)


@pytest.mark.parametrize(
    "transform", [two_row_header, roman_sections_and_numbered_actions, without_trailing_dots]
)
def test_seed_000_written_otherwise_imports_to_5_sections_15_objectives_37_actions(bayan_ulgii, transform):
    text = transform(plan_text())
    assert text != plan_text()
    summary = commit_plan_summary(read_plan(text.encode(), "000.txt"), bayan_ulgii)
    assert (summary.sections, summary.objectives, summary.actions) == (5, 15, 37)
    titles = [s.title for s in summary.plan.sections.order_by("position")]
    assert titles[0] == "ИРГЭДИЙН ХЭРЭГЦЭЭНД СУУРИЛСАН ҮЙЛЧИЛГЭЭ" and all(titles) and len(titles) == 5


def test_seed_000_with_roman_sections_says_its_codes_follow_the_position(bayan_ulgii):
    text = roman_sections_and_numbered_actions(plan_text())
    assert "\n1) " not in text and "\tII. " not in text and "\nII. " in text
    parsed = read_plan(text.encode(), "000.txt")
    renumbered = [n for n in parsed.notes if n.code == "code_from_position"]
    assert len(renumbered) == 5 + 37
    summary = commit_plan_summary(parsed, bayan_ulgii)
    codes = list(
        summary.plan.actions.order_by(
            "objective__section__position", "objective__position", "position"
        ).values_list("code", flat=True)
    )
    assert codes[:4] == ["1.1.1", "1.1.2", "1.1.3", "1.1.4"]
    assert len(summary.plan.import_notes) == 42


def test_unknown_columns_are_kept_shown_and_exported(bayan_ulgii, client, django_user_model):
    lines = plan_text().split("\n")
    out = []
    for line in lines:
        cells = line.split("\t")
        if cells[0] == "Д/д":
            cells += ["Төсөв, сая төг", "Санхүүжилтийн эх үүсвэр"]
        elif len(cells) >= 7 and cells[0].strip().isdigit():
            cells += [f"{cells[0].strip()}.5", "Орон нутгийн төсөв"]
        out.append("\t".join(cells))
    parsed = read_plan("\n".join(out).encode(), "000.txt")
    result = plan_preview(parsed, bayan_ulgii)
    assert result["extra_columns"] == ["Төсөв, сая төг", "Санхүүжилтийн эх үүсвэр"]
    plan = commit_plan_summary(parsed, bayan_ulgii).plan
    action = plan.actions.get(code="1.1.1")
    assert action.extra == {"Төсөв, сая төг": "1.5", "Санхүүжилтийн эх үүсвэр": "Орон нутгийн төсөв"}
    export = StringIO()
    call_command("export_plan", "--organization", "bayan-ulgii", "--format", "json", stdout=export)
    payload = json.loads(export.getvalue())
    first = payload["sections"][0]["objectives"][0]["actions"][0]
    assert first["extra"] == {"Төсөв, сая төг": "1.5", "Санхүүжилтийн эх үүсвэр": "Орон нутгийн төсөв"}
    assert [n["written"] for n in payload["import_notes"]] == ["Төсөв, сая төг", "Санхүүжилтийн эх үүсвэр"]
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    page = client.get(reverse("plans:action_detail", args=[action.pk])).content.decode()
    assert "Орон нутгийн төсөв" in page and "Төсөв, сая төг" in page


def test_the_preview_and_command_say_create_or_update_and_another_organization(bayan_ulgii, tmp_path):
    parsed = read_plan(PLAN_SEED.read_bytes(), PLAN_SEED.name)
    first = plan_preview(parsed, bayan_ulgii)
    assert (first["action"], first["plan"], first["organization_differs"]) == ("create", None, False)
    plan = commit_plan_summary(parsed, bayan_ulgii).plan
    again = plan_preview(parsed, bayan_ulgii)
    assert (again["action"], again["plan"]) == ("update", plan)
    other = Organization.objects.create(code="khovd", name="Ховд аймгийн Засаг даргын Тамгын газар")
    elsewhere = plan_preview(parsed, other)
    assert elsewhere["organization_differs"] and elsewhere["file_organization"].startswith("Баян-Өлгий")
    out, err = StringIO(), StringIO()
    call_command("import_plan", str(PLAN_SEED), "--organization", "khovd", stdout=out, stderr=err)
    assert "Creates a new plan" in err.getvalue() and "Ховд аймгийн" in err.getvalue()
    title = Plan.objects.get(organization=other).title
    assert len(title) > 60 and title in out.getvalue()  # the success message keeps the whole title
    err = StringIO()
    call_command("import_plan", str(PLAN_SEED), "--organization", "khovd", stdout=StringIO(), stderr=err)
    assert f"Updates plan {Plan.objects.get(organization=other).pk}" in err.getvalue()
