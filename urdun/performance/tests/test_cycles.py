"""Evaluation cycles are opened and their deadlines changed in the app by the organization's
HR officer or administrator, starting from the methodology's defaults."""

import datetime as dt

import pytest
from django.urls import reverse

from urdun.performance import services
from urdun.performance.models import EvaluationCycle, Period


def _open(client, world, year="2026", period=Period.H1):
    return client.post(reverse("performance:cycles", args=[world.org.code]), {"year": year, "period": period})


def test_hr_officer_opens_a_cycle_with_the_methodology_defaults(login, world):
    response = _open(login("secretary"), world)
    cycle = EvaluationCycle.objects.get(organization=world.org, year=2026, period=Period.H1)
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:cycle_edit", args=[cycle.pk])
    # METHODOLOGY.md part B: plan by 1 February, half-year report by 5 June, verification by
    # 10 June, team review by 20 June, confirmation by 30 June.
    assert (
        cycle.plan_approval_due,
        cycle.report_due,
        cycle.verification_due,
        cycle.review_due,
        cycle.confirmation_due,
    ) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 6, 5),
        dt.date(2026, 6, 10),
        dt.date(2026, 6, 20),
        dt.date(2026, 6, 30),
    )


def test_annual_cycle_verification_falls_in_the_next_year(login, world):
    _open(login("orgadmin"), world, period=Period.ANNUAL)
    cycle = EvaluationCycle.objects.get(organization=world.org, year=2026, period=Period.ANNUAL)
    assert cycle.report_due == dt.date(2026, 12, 5)
    assert cycle.confirmation_due == dt.date(2027, 1, 31)


def test_opening_a_cycle_twice_is_refused_with_a_message(login, world):
    client = login("secretary")
    _open(client, world)
    response = _open(client, world)
    assert response.status_code == 200
    assert "This evaluation cycle already exists." in response.content.decode()
    assert EvaluationCycle.objects.filter(organization=world.org, year=2026).count() == 1


def _deadlines(**changes):
    data = {
        "plan_approval_due": "2026-02-01",
        "report_due": "2026-06-05",
        "verification_due": "2026-06-10",
        "review_due": "2026-06-20",
        "confirmation_due": "2026-06-30",
    }
    data.update(changes)
    return data


def test_deadlines_are_changed_and_the_change_is_recorded(login, world):
    client = login("secretary")
    _open(client, world)
    cycle = EvaluationCycle.objects.get(organization=world.org, year=2026)
    response = client.post(
        reverse("performance:cycle_edit", args=[cycle.pk]), _deadlines(report_due="2026-06-08")
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.report_due == dt.date(2026, 6, 8)
    latest = cycle.history.order_by("-history_date").first()
    assert latest.history_user.username == "secretary"
    assert latest.report_due == dt.date(2026, 6, 8)
    page = client.get(reverse("performance:cycle_edit", args=[cycle.pk])).content.decode()
    assert "2026-06-08" in page


def test_deadlines_out_of_order_get_a_message_at_the_field_and_nothing_is_saved(login, world):
    client = login("secretary")
    _open(client, world)
    cycle = EvaluationCycle.objects.get(organization=world.org, year=2026)
    client.post(reverse("set_language"), {"language": "en"})
    response = client.post(
        reverse("performance:cycle_edit", args=[cycle.pk]), _deadlines(review_due="2026-06-01")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "review_due" in form.errors
    assert "cannot come before" in form.errors["review_due"][0]
    cycle.refresh_from_db()
    assert cycle.review_due == dt.date(2026, 6, 20)


@pytest.mark.parametrize(("who", "status"), [("alice", 403), ("hana", 403), ("leader", 403), ("zed", 404)])
def test_only_the_organizations_hr_officer_and_administrator_manage_cycles(login, world, who, status):
    cycle = services.get_or_create_cycle(world.org, 2026, Period.H1)
    client = login(who)
    assert client.get(reverse("performance:cycles", args=[world.org.code])).status_code == status
    assert _open(client, world, year="2027").status_code == status
    response = client.post(
        reverse("performance:cycle_edit", args=[cycle.pk]), _deadlines(report_due="2026-06-01")
    )
    assert response.status_code == status
    cycle.refresh_from_db()
    assert cycle.report_due == dt.date(2026, 6, 5)
    assert not EvaluationCycle.objects.filter(year=2027).exists()
