"""Editing a plan's items, and amending an approved plan during the year (PRODUCT.md): the
employee opens an amendment with its reason, changes the plan, the unit head approves it; the
amendment keeps what was added, changed and removed; a report still being prepared follows the
amended plan without losing what was written; a sent report never changes."""

import pytest
from django.urls import reverse

from urdun.performance import services
from urdun.performance.models import (
    Indicator,
    PlanAction,
    PlanAmendment,
    PlanObjective,
    PlanStatus,
    ReportEntry,
    RowKind,
    SheetStatus,
)
from urdun.performance.services import PerformanceError
from urdun.performance.tests.factories import build_sheet


def u(world, name):
    return world.people[name].user


def approved(world, sheet):
    services.plan_transition(u(world, "alice"), sheet.plan, "submit")
    return services.plan_transition(u(world, "hana"), sheet.plan, "approve")


@pytest.fixture
def sheet(world):
    return build_sheet(world, "alice", actions=2)


def _action_rows(sheet):
    return list(sheet.rows.filter(kind=RowKind.ACTION).values_list("code", "text"))


def test_items_of_a_draft_plan_are_edited_and_removed_in_the_browser_pages(world, login, sheet):
    client = login("alice")
    action = PlanAction.objects.get(objective__plan=sheet.plan, number="1.2")
    url = reverse("performance:plan_item_edit", args=[sheet.plan.pk, "action", action.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"objective": action.objective_id, "number": "1.2", "text": "Шинэчилсэн арга хэмжээ"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "Шинэчилсэн арга хэмжээ"
    # The report being prepared follows: its part-1 row carries the new text.
    assert ("1.2", "Арга хэмжээ 1.2. Шинэчилсэн арга хэмжээ") in _action_rows(sheet)

    indicator = Indicator.objects.get(
        action__number="1.1", name="Сумын тоо", action__objective__plan=sheet.plan
    )
    delete = reverse("performance:plan_item_delete", args=[sheet.plan.pk, "indicator", indicator.pk])
    assert client.post(delete).status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    assert not ReportEntry.objects.filter(sheet=sheet, indicator_id=indicator.pk).exists()


def test_out_of_order_dates_get_a_message_at_the_field(world, login, sheet):
    action = PlanAction.objects.get(objective__plan=sheet.plan, number="1.1")
    response = login("alice").post(
        reverse("performance:plan_item_edit", args=[sheet.plan.pk, "action", action.pk]),
        {
            "objective": action.objective_id,
            "number": "1.1",
            "text": "x",
            "planned_start": "2025-05-01",
            "planned_end": "2025-02-01",
        },
    )
    assert response.status_code == 200
    assert "planned_end" in response.context["form"].errors
    action.refresh_from_db()
    assert action.text != "x"


@pytest.mark.parametrize(("who", "status"), [("hana", 403), ("carol", 404), ("zed", 404)])
def test_only_the_employee_edits_their_plan(world, login, sheet, who, status):
    action = PlanAction.objects.get(objective__plan=sheet.plan, number="1.1")
    client = login(who)
    edit = reverse("performance:plan_item_edit", args=[sheet.plan.pk, "action", action.pk])
    delete = reverse("performance:plan_item_delete", args=[sheet.plan.pk, "action", action.pk])
    assert (
        client.post(edit, {"objective": action.objective_id, "number": "1.1", "text": "x"}).status_code
        == status
    )
    assert client.post(delete).status_code == status
    action.refresh_from_db()
    assert action.text == "Тест 1"


def test_an_item_of_another_plan_is_not_reachable_through_ones_own(world, login, sheet):
    other = build_sheet(world, "carol")
    foreign = PlanAction.objects.filter(objective__plan=other.plan).first()
    url = reverse("performance:plan_item_delete", args=[sheet.plan.pk, "action", foreign.pk])
    assert login("alice").post(url).status_code == 404
    assert PlanAction.objects.filter(pk=foreign.pk).exists()


def test_approved_plan_is_locked_until_an_amendment_is_opened_with_a_reason(world, login, sheet):
    plan = approved(world, sheet)
    action = PlanAction.objects.get(objective__plan=plan, number="1.1")
    client = login("alice")
    edit = reverse("performance:plan_item_edit", args=[plan.pk, "action", action.pk])
    assert client.get(edit).status_code == 403
    with pytest.raises(PerformanceError):
        services.open_amendment(u(world, "alice"), plan, "  ")
    with pytest.raises(PerformanceError):
        services.open_amendment(u(world, "hana"), plan, "Шинэ үүрэг")  # the head does not amend
    response = client.post(
        reverse("performance:plan_do", args=[plan.pk, "amend"]), {"comment": "Шинэ чиг үүрэг"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AMENDING
    assert client.get(edit).status_code == 200
    # Only one amendment is open at a time, and only an approved plan is amended.
    with pytest.raises(PerformanceError):
        services.open_amendment(u(world, "alice"), plan, "Дахин")


def test_an_approved_amendment_records_the_changes_and_the_draft_report_follows(world, login, sheet):
    plan = approved(world, sheet)
    entry = ReportEntry.objects.get(sheet=sheet, indicator__action__number="1.2")
    ReportEntry.objects.filter(pk=entry.pk).update(achieved_text="6 агентлаг хамрагдсан", completion=100)
    services.open_amendment(u(world, "alice"), plan, "Аймгийн Засаг даргын шинэ даалгавар")
    client = login("alice")
    objective = PlanObjective.objects.get(plan=plan)
    client.post(
        reverse("performance:plan_add", args=[plan.pk, "action"]),
        {"objective": objective.pk, "number": "1.3", "text": "Шинэ арга хэмжээ"},
    )
    added = PlanAction.objects.get(objective__plan=plan, number="1.3")
    client.post(
        reverse("performance:plan_add", args=[plan.pk, "indicator"]),
        {"action": added.pk, "name": "Сургалтын тоо", "target_half": "2"},
    )
    dropped = PlanAction.objects.get(objective__plan=plan, number="1.1")
    client.post(reverse("performance:plan_item_delete", args=[plan.pk, "action", dropped.pk]))
    services.plan_transition(u(world, "alice"), plan, "submit")
    plan = services.plan_transition(u(world, "hana"), plan, "approve")

    [amendment] = PlanAmendment.objects.filter(plan=plan)
    assert amendment.reason == "Аймгийн Засаг даргын шинэ даалгавар"
    assert amendment.opened_by == world.people["alice"] and amendment.approved_by == world.people["hana"]
    changes = {
        (c.kind, c.change, c.number) for c in services.amendment_changes(amendment.before, amendment.after)
    }
    assert changes == {("action", "added", "1.3"), ("action", "dropped", "1.1")}

    # The report being prepared follows the amended plan and keeps what was written.
    assert [code for code, _text in _action_rows(sheet)] == ["1.2", "1.3"]
    kept = ReportEntry.objects.get(pk=entry.pk)
    assert kept.achieved_text == "6 агентлаг хамрагдсан"
    assert ReportEntry.objects.filter(sheet=sheet, indicator__action=added).count() == 1
    assert not ReportEntry.objects.filter(sheet=sheet, indicator__action_id=dropped.pk).exists()

    page = client.get(reverse("performance:plan", args=[plan.pk])).content.decode()
    assert "Аймгийн Засаг даргын шинэ даалгавар" in page
    assert "Шинэ арга хэмжээ" in page


def test_what_a_sent_report_holds_cannot_be_removed_and_the_sent_sheet_never_changes(world, sheet):
    plan = approved(world, sheet)
    sheet.status = SheetStatus.SUBMITTED
    sheet.save()
    rows_before = _action_rows(sheet)
    services.open_amendment(u(world, "alice"), plan, "Шинэ даалгавар")
    reported = PlanAction.objects.get(objective__plan=plan, number="1.1")
    with pytest.raises(PerformanceError, match="already in a report"):
        services.delete_plan_item(u(world, "alice"), plan, "action", reported)
    assert PlanAction.objects.filter(pk=reported.pk).exists()
    objective = PlanObjective.objects.get(plan=plan)
    PlanAction.objects.create(objective=objective, number="1.9", text="Дараагийн хагас жилд", order=9)
    services.plan_transition(u(world, "alice"), plan, "submit")
    services.plan_transition(u(world, "hana"), plan, "approve")
    assert _action_rows(sheet) == rows_before


def test_a_sent_report_prints_what_it_reported_on_not_what_a_later_amendment_added(world, sheet):
    from urdun.documents.payloads import assignments_payload, report_payload

    plan = approved(world, sheet)
    sheet.status = SheetStatus.SUBMITTED
    sheet.save()
    before = (report_payload(sheet), assignments_payload(sheet))
    services.open_amendment(u(world, "alice"), plan, "Шинэ даалгавар")
    objective = PlanObjective.objects.create(plan=plan, number="2", text="Шинэ зорилт", order=2)
    action = PlanAction.objects.create(objective=objective, number="2.1", text="Шинэ арга хэмжээ", order=1)
    Indicator.objects.create(action=action, name="Тоо", order=1)
    plan.assignments.create(number="9", text="Шинэ үүрэг", order=9)
    plan.knowledge_goals.create(number="9", text="Шинэ мэдлэг", order=9)
    services.plan_transition(u(world, "alice"), plan, "submit")
    services.plan_transition(u(world, "hana"), plan, "approve")
    after = (report_payload(sheet), assignments_payload(sheet))
    assert after[0]["part1"] == before[0]["part1"]
    assert after[0]["part2"] == before[0]["part2"]
    assert after[1]["rows"] == before[1]["rows"]
