"""The plan: the employee drafts and sends it, the unit head approves or returns it, last year's
plan can be copied as a start."""

import pytest
from django.urls import reverse

from urdun.performance import services
from urdun.performance.models import PlanAction, PlanStatus
from urdun.performance.services import PerformanceError
from urdun.performance.tests.factories import build_plan


def u(world, name):
    return world.people[name].user


def test_unit_head_approves_a_sent_plan(world):
    plan = build_plan(world.people["alice"])
    with pytest.raises(PerformanceError):
        services.plan_transition(u(world, "hana"), plan, "approve")  # not sent yet
    services.plan_transition(u(world, "alice"), plan, "submit")
    with pytest.raises(PerformanceError):
        services.plan_transition(u(world, "henry"), plan, "approve")  # another unit's head
    plan = services.plan_transition(u(world, "hana"), plan, "approve")
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == world.people["hana"]
    assert plan.history.count() >= 3


def test_returned_plan_keeps_the_reason_and_can_be_sent_again(world):
    plan = build_plan(world.people["alice"])
    services.plan_transition(u(world, "alice"), plan, "submit")
    with pytest.raises(PerformanceError):
        services.plan_transition(u(world, "hana"), plan, "return", "")
    plan = services.plan_transition(u(world, "hana"), plan, "return", "Add a target for 1.2")
    assert plan.status == PlanStatus.RETURNED and plan.return_reason == "Add a target for 1.2"
    plan = services.plan_transition(u(world, "alice"), plan, "submit")
    assert plan.status == PlanStatus.SUBMITTED and plan.return_reason == ""


def test_last_years_plan_is_copied_into_an_empty_plan(world, login):
    build_plan(world.people["alice"], year=2024, actions=3)
    plan = services.get_or_create_plan(world.people["alice"], 2025)
    response = login("alice").post(reverse("performance:plan_do", args=[plan.pk, "copy"]))
    assert response.status_code == 302
    assert PlanAction.objects.filter(objective__plan=plan).count() == 3
    assert PlanAction.objects.filter(objective__plan=plan, indicators__name="Сумын тоо").count() == 1
    with pytest.raises(PerformanceError, match="already has objectives"):
        services.copy_plan(u(world, "alice"), plan)


def test_plan_pages_are_scoped(world, login):
    plan = build_plan(world.people["alice"])
    url = reverse("performance:plan", args=[plan.pk])
    assert login("alice").get(url).status_code == 200
    assert login("hana").get(url).status_code == 200
    assert login("carol").get(url).status_code == 404
    assert (
        login("hana")
        .post(reverse("performance:plan_add", args=[plan.pk, "objective"]), {"number": "9", "text": "x"})
        .status_code
        == 403
    )


def test_employee_adds_an_action_with_two_indicators(world, login):
    plan = services.get_or_create_plan(world.people["alice"], 2025)
    client = login("alice")
    client.post(
        reverse("performance:plan_add", args=[plan.pk, "objective"]),
        {"number": "7", "text": "Хяналт шинжилгээ"},
    )
    objective = plan.objectives.get()
    client.post(
        reverse("performance:plan_add", args=[plan.pk, "action"]),
        {
            "objective": objective.pk,
            "number": "7.1",
            "text": "Хяналт-шинжилгээ хийх",
            "planned_start": "2025-01-13",
            "planned_end": "2025-01-20",
        },
    )
    action = PlanAction.objects.get(objective=objective)
    for name, base, half in [("Агентлагийн тоо", "6", "6"), ("Сумын тоо", "8", "4")]:
        client.post(
            reverse("performance:plan_add", args=[plan.pk, "indicator"]),
            {"action": action.pk, "name": name, "baseline": base, "target_half": half},
        )
    assert [(i.name, i.target_half) for i in action.indicators.all()] == [
        ("Агентлагийн тоо", "6"),
        ("Сумын тоо", "4"),
    ]
    bad = client.post(
        reverse("performance:plan_add", args=[plan.pk, "action"]),
        {
            "objective": objective.pk,
            "number": "7.2",
            "text": "x",
            "planned_start": "2025-02-01",
            "planned_end": "2025-01-01",
        },
    )
    assert bad.status_code == 302 and PlanAction.objects.filter(number="7.2").count() == 0
