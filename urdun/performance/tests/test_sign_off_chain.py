"""The sign-off chain: who may do what, when, and what each step records."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from urdun.performance import services
from urdun.performance.models import (
    Decision,
    Disagreement,
    HeadScore,
    Reminder,
    SheetEvent,
    SheetRow,
    SheetStatus,
    SheetVersion,
)
from urdun.performance.payload import sheet_payload
from urdun.performance.services import PerformanceError, transition
from urdun.performance.tests.factories import build_sheet


def u(world, name):
    return world.people[name].user


def score_as_head(world, sheet):
    rows = {
        r.pk: {"performance": "60", "timeliness": "10", "mark": ""}
        for r in sheet.rows.exclude(kind="objective")
    }
    head = {h.pk: "7" for h in sheet.head_scores.filter(is_competency=False)}
    services.save_head_scores(u(world, "hana"), sheet, sheet.version, rows, head, {})
    sheet.refresh_from_db()


def run_to(world, sheet, last):
    steps = [
        ("submit", "alice"),
        ("verify", "hana"),
        ("assess", "hana"),
        ("acknowledge", "alice"),
        ("review", "leader"),
        ("confirm", "oscar"),
    ]
    for name, who in steps:
        if name == "assess":
            score_as_head(world, sheet)
        transition(u(world, who), sheet, name)
        if name == last:
            return sheet
    return sheet


def test_the_whole_chain_records_each_signature(world):
    sheet = build_sheet(world)
    run_to(world, sheet, "confirm")
    assert sheet.status == SheetStatus.CONFIRMED
    signed = {s["step"]: s for s in sheet_payload(sheet)["signatures"]}
    assert signed["prepared"]["name"] == "A.Alice"
    assert signed["verified"]["name"] == "H.Hana"
    assert signed["assessed"]["position"] == "hana position"
    assert signed["reviewed_leader"]["name"] == "L.Leader"
    assert signed["confirmed"]["name"] == "O.Oscar"
    assert signed["reviewed_secretary"]["name"] is None
    assert sheet.confirmed_payload["total"] == "77.0"
    assert sheet.unit_head_name == "H.Hana"


def test_steps_out_of_order_are_refused(world):
    sheet = build_sheet(world)
    with pytest.raises(PerformanceError):
        transition(u(world, "hana"), sheet, "verify")  # not submitted yet
    transition(u(world, "alice"), sheet, "submit")
    with pytest.raises(PerformanceError):
        transition(u(world, "alice"), sheet, "verify")  # not her unit head
    with pytest.raises(PerformanceError):
        transition(u(world, "henry"), sheet, "verify")  # head of another unit
    assert SheetEvent.objects.filter(sheet=sheet).count() == 1


def test_assessment_needs_every_criterion(world):
    sheet = run_to(world, build_sheet(world), "verify")
    with pytest.raises(PerformanceError, match="criterion"):
        transition(u(world, "hana"), sheet, "assess")


def test_return_needs_a_reason_and_voids_later_signatures(world):
    sheet = run_to(world, build_sheet(world), "verify")
    with pytest.raises(PerformanceError):
        transition(u(world, "hana"), sheet, "return_report", "")
    transition(u(world, "hana"), sheet, "return_report", "Fill in row 2")
    assert sheet.status == SheetStatus.DRAFT
    sigs = {s["step"]: s for s in sheet_payload(sheet)["signatures"]}
    assert sigs["prepared"]["name"] is None and sigs["verified"]["name"] is None
    returned = SheetEvent.objects.get(sheet=sheet, decision=Decision.RETURNED)
    assert returned.comment == "Fill in row 2" and returned.name == "H.Hana"
    assert Reminder.objects.filter(recipient=world.people["alice"], sheet=sheet).exists()


def test_employee_disagreement_goes_to_the_team_with_its_answer(world):
    sheet = run_to(world, build_sheet(world), "assess")
    transition(u(world, "alice"), sheet, "disagree", "Row 1.2 deserves more")
    assert sheet.status == SheetStatus.DISPUTED
    d = Disagreement.objects.get(sheet=sheet)
    assert d.text == "Row 1.2 deserves more"
    with pytest.raises(PerformanceError, match="disagreement"):
        transition(u(world, "leader"), sheet, "review")
    services.answer_disagreement(u(world, "leader"), d, "The points stand.")
    transition(u(world, "leader"), sheet, "review")
    assert sheet.status == SheetStatus.REVIEWED
    ack = next(s for s in sheet_payload(sheet)["signatures"] if s["step"] == "acknowledged")
    assert ack["decision"] == "disagreed"


def test_confirmed_sheet_is_locked_and_reopening_needs_org_head_and_reason(world):
    sheet = run_to(world, build_sheet(world), "confirm")
    row = sheet.rows.exclude(kind="objective").first()
    with pytest.raises(PerformanceError):
        services.save_head_scores(
            u(world, "hana"), sheet, sheet.version, {row.pk: {"performance": "10", "timeliness": "1"}}, {}, {}
        )
    # Inputs changed behind the services' back do not change the confirmed sheet.
    SheetRow.objects.filter(pk=row.pk).update(performance=Decimal(1))
    assert sheet_payload(sheet)["total"] == "77.0"
    with pytest.raises(PerformanceError):
        transition(u(world, "leader"), sheet, "reopen", "typo")
    with pytest.raises(PerformanceError):
        transition(u(world, "oscar"), sheet, "reopen", "")
    transition(u(world, "oscar"), sheet, "reopen", "Wrong row scored")
    assert sheet.status == SheetStatus.VERIFIED
    kept = SheetVersion.objects.get(sheet=sheet)
    assert kept.payload["total"] == "77.0" and kept.reason == "Wrong row scored"
    assert kept.reopened_by == world.people["oscar"]
    assert SheetEvent.objects.filter(
        sheet=sheet, decision=Decision.REOPENED, comment="Wrong row scored"
    ).exists()


def test_next_person_is_reminded_by_mail_after_commit(world, django_capture_on_commit_callbacks):
    world.people["hana"].email = "hana@example.org"
    world.people["hana"].save()
    sheet = build_sheet(world)
    with django_capture_on_commit_callbacks(execute=True):
        transition(u(world, "alice"), sheet, "submit")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hana@example.org"]
    assert Reminder.objects.filter(recipient=world.people["hana"]).count() == 1


def test_database_refuses_out_of_range_points(world):
    sheet = build_sheet(world)
    row = sheet.rows.exclude(kind="objective").first()
    for field, value in [("performance", 61), ("timeliness", 11), ("performance", -1)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            SheetRow.objects.filter(pk=row.pk).update(**{field: value})
    head = sheet.head_scores.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        HeadScore.objects.filter(pk=head.pk).update(points=8)


def test_service_refuses_values_above_the_versions_maxima(world):
    sheet = run_to(world, build_sheet(world), "verify")
    row = sheet.rows.exclude(kind="objective").first()
    with pytest.raises(PerformanceError, match="between 0 and 60"):
        services.save_head_scores(
            u(world, "hana"), sheet, sheet.version, {row.pk: {"performance": "61", "timeliness": "1"}}, {}, {}
        )


def test_secretary_cosigns_the_review(world):
    sheet = run_to(world, build_sheet(world), "review")
    with pytest.raises(PerformanceError):
        transition(u(world, "member"), sheet, "cosign")
    transition(u(world, "secretary"), sheet, "cosign")
    assert sheet.status == SheetStatus.REVIEWED
    signed = {s["step"]: s for s in sheet_payload(sheet)["signatures"]}
    assert signed["reviewed_secretary"]["name"] == "S.Secretary"


def test_snapshot_keeps_position_and_unit_head_as_signed(world):
    sheet = run_to(world, build_sheet(world), "confirm")
    alice = world.people["alice"]
    alice.position = "Promoted later"
    alice.unit = world.unit_b
    alice.save()
    p = sheet_payload(sheet)
    assert p["employee"]["position"] == "alice position"
    assert p["unit"]["name"] == world.unit_a.name
