"""Importing seed 002 for one employee and period: figures, signatures, mismatches, idempotence."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from urdun.imports.performance_import import commit_performance, preview, read_performance
from urdun.organizations.models import Employee, Organization, Role, RoleAssignment, Unit, User
from urdun.performance.models import (
    ColleagueScore,
    ColleagueSubmission,
    EvaluationSheet,
    PlanAction,
    ReportEntry,
    SheetEvent,
    SheetRow,
    SheetStatus,
)
from urdun.performance.payload import find_sheet, sheet_payload

from .builders import PERFORMANCE_SEED, seed


@pytest.fixture(autouse=True)
def english(settings):
    """The assertions read English messages, whatever the catalogues hold."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def people(db):
    org = Organization.objects.create(
        code="bayankhongor", name="Баянхонгор аймгийн Засаг даргын Тамгын газар"
    )
    nbh = Unit.objects.create(organization=org, name="Нийгмийн бодлогын хэлтэс", abbreviation="НБХ")
    other = Unit.objects.create(
        organization=org, name="Хяналт шинжилгээ, үнэлгээний хэлтэс", abbreviation="ХШҮХ"
    )
    made = {}
    for username, family, given, unit, position, role in [
        ("batsetseg", "Э", "Батцэцэг", nbh, "Мэргэжилтэн", None),
        ("naranchimeg", "В", "Наранчимэг", nbh, "Нийгмийн бодлогын хэлтсийн дарга", Role.UNIT_HEAD),
        (
            "erdenebat",
            "Л",
            "Эрдэнэбат",
            other,
            "Хяналт шинжилгээ, үнэлгээний хэлтсийн дарга",
            Role.EVAL_LEADER,
        ),
        ("khishigbaatar", "Л", "Хишигбаатар", None, "Тамгын газрын дарга", Role.ORG_HEAD),
    ]:
        user = User.objects.create_user(username, password="x")
        e = Employee.objects.create(
            user=user, organization=org, unit=unit, family_name=family, given_name=given, position=position
        )
        if role:
            RoleAssignment.objects.create(
                employee=e, role=role, organization=org, unit=nbh if role == Role.UNIT_HEAD else None
            )
        made[username] = e
    return made


@pytest.fixture
def parsed():
    return read_performance(seed(PERFORMANCE_SEED), PERFORMANCE_SEED.name)


def test_it_imports_seed_002_with_the_methodologys_figures(people, parsed):
    summary = commit_performance(parsed, people["batsetseg"], "2025-H1")
    assert summary.figures == {
        "part1": "68.8",
        "part2": "14.0",
        "part3": "6.8",
        "part4": "8.0",
        "total": "97.6",
    }
    p = sheet_payload(find_sheet("batsetseg", "2025-H1"))
    assert (p["part1"], p["part2"], p["part3"], p["part4"], p["total"]) == (
        "68.8",
        "14.0",
        "6.8",
        "8.0",
        "97.6",
    )
    assert p["performance"]["row_count"] == 42 and p["performance"]["scored_count"] == 36
    assert p["performance"]["sum"] == "2477"
    assert p["status"] == SheetStatus.CONFIRMED
    assert p["mismatches"] == [
        {"where": "part2", "paper": "14.3", "computed": "14.0", "message": p["mismatches"][0]["message"]},
        {"where": "total", "paper": "97.9", "computed": "97.6", "message": p["mismatches"][1]["message"]},
    ]


def test_it_records_the_papers_signatures_matched_to_people(people, parsed):
    commit_performance(parsed, people["batsetseg"], "2025-H1")
    sigs = {s["step"]: s for s in sheet_payload(find_sheet("batsetseg", "2025-H1"))["signatures"]}
    assert (sigs["prepared"]["name"], sigs["prepared"]["date"]) == ("Э.Батцэцэг", "2025-06-05")
    assert (sigs["verified"]["name"], sigs["verified"]["date"]) == ("В.Наранчимэг", "2025-06-05")
    assert (sigs["assessed"]["name"], sigs["assessed"]["date"]) == ("В.Наранчимэг", "2025-06-10")
    assert sigs["assessed"]["position"] == "Нийгмийн бодлогын хэлтсийн дарга"
    assert sigs["acknowledged"]["date"] == "2025-06-10"
    assert (sigs["reviewed_leader"]["name"], sigs["reviewed_leader"]["date"]) == ("Л.Эрдэнэбат", "2025-06-18")
    assert (sigs["reviewed_secretary"]["name"], sigs["reviewed_secretary"]["date"]) == (
        "Л.Сандагдорж",
        "2025-06-18",
    )
    assert (sigs["confirmed"]["name"], sigs["confirmed"]["date"]) == ("Л.Хишигбаатар", "2025-06-25")
    # Sandagdorj has no account here: the name and position come from the paper.
    assert SheetEvent.objects.get(step="reviewed_secretary").actor is None
    assert SheetEvent.objects.get(step="confirmed").actor == people["khishigbaatar"]


def test_it_writes_plan_report_assignments_and_anonymous_colleague_rows(people, parsed):
    commit_performance(parsed, people["batsetseg"], "2025-H1")
    sheet = EvaluationSheet.objects.get()
    assert PlanAction.objects.filter(objective__plan=sheet.plan).count() == 33
    two = PlanAction.objects.get(objective__plan=sheet.plan, number="7.1")
    assert [i.name for i in two.indicators.all()] == ["Агентлагийн тоо", "Сумын тоо"]
    assignment = sheet.plan.assignments.get(number="1")
    assert assignment.assigned_by == people["naranchimeg"]
    assert ReportEntry.objects.filter(sheet=sheet, knowledge_goal__isnull=False).count() == 3
    assert ColleagueScore.objects.filter(sheet=sheet).count() == 9
    assert not ColleagueSubmission.objects.exists()


def test_reimport_replaces_and_creates_no_duplicates(people, parsed):
    commit_performance(parsed, people["batsetseg"], "2025-H1")
    counts = (
        SheetRow.objects.count(),
        ReportEntry.objects.count(),
        SheetEvent.objects.count(),
        ColleagueScore.objects.count(),
    )
    commit_performance(parsed, people["batsetseg"], "2025-H1")
    assert EvaluationSheet.objects.count() == 1
    assert (
        SheetRow.objects.count(),
        ReportEntry.objects.count(),
        SheetEvent.objects.count(),
        ColleagueScore.objects.count(),
    ) == counts


def test_preview_writes_nothing(people, parsed):
    result = preview(parsed, people["batsetseg"], "2025-H1")
    assert result["figures"]["total"] == "97.6"
    assert [m["where"] for m in result["mismatches"]] == ["part2", "total"]
    assert not EvaluationSheet.objects.exists()


def test_command_prints_one_line_summary(people, tmp_path):
    out = StringIO()
    call_command(
        "import_performance",
        str(PERFORMANCE_SEED),
        "--employee",
        "batsetseg",
        "--period",
        "2025-H1",
        stdout=out,
    )
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1 and "97.6" in lines[0] and "68.8" in lines[0]


def test_command_refuses_random_bytes_without_traceback(people, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 40)
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_performance", str(junk), "--employee", "batsetseg", "--period", "2025-H1", stderr=err
        )
    assert "neither UTF-8 text" in err.getvalue()
    assert not EvaluationSheet.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--employee", "nobody", "--period", "2025-H1"], "No employee"),
        (["--employee", "batsetseg", "--period", "2025-Q3"], "Unknown period"),
    ],
)
def test_command_refuses_bad_arguments(people, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_performance", str(PERFORMANCE_SEED), *args)


def test_demo_step_is_idempotent(db):
    from urdun.imports.demo import load_organizations
    from urdun.imports.demo_performance import load

    load_organizations()
    load()
    load()
    sheet = find_sheet("batsetseg", "2025-H1")
    assert EvaluationSheet.objects.count() == 1
    assert sheet.status == SheetStatus.CONFIRMED and str(sheet.final_total) == "97.6"
