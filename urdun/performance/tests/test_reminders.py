"""Reminders before each deadline, once per person and step, in the app and by e-mail."""

import datetime as dt

from django.core import mail

from urdun.performance import services
from urdun.performance.models import EvaluationCycle, Reminder
from urdun.performance.tests.factories import build_sheet


def test_it_reminds_the_employee_before_the_report_deadline(world, django_capture_on_commit_callbacks):
    world.people["alice"].email = "alice@example.org"
    world.people["alice"].save()
    sheet = build_sheet(world)
    EvaluationCycle.objects.filter(pk=sheet.cycle_id).update(report_due=dt.date(2025, 6, 5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_deadlines(today=dt.date(2025, 6, 3)) >= 1
    assert Reminder.objects.filter(recipient=world.people["alice"], key=f"due:report:{sheet.pk}").exists()
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    # Running again the same day sends nothing new.
    assert services.remind_deadlines(today=dt.date(2025, 6, 4)) == 0


def test_it_reminds_colleagues_who_have_not_scored(world):
    sheet = build_sheet(world)
    EvaluationCycle.objects.filter(pk=sheet.cycle_id).update(
        review_due=dt.date(2025, 6, 20), report_due=dt.date(2025, 1, 1)
    )
    services.submit_colleague_scores(world.people["carol"].user, sheet, ["8", "8", "8"])
    services.remind_deadlines(today=dt.date(2025, 6, 18))
    reminded = set(
        Reminder.objects.filter(key=f"due:colleague:{sheet.pk}").values_list(
            "recipient__given_name", flat=True
        )
    )
    assert reminded == {"Dave", "Erin"}


def test_nothing_is_reminded_far_from_deadlines(world):
    sheet = build_sheet(world)
    EvaluationCycle.objects.filter(pk=sheet.cycle_id).update(report_due=dt.date(2025, 6, 5))
    assert services.remind_deadlines(today=dt.date(2025, 3, 1)) == 0
