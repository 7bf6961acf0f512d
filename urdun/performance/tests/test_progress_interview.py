"""The progress interview (PRODUCT.md): the unit head records it once in the period with each
employee (date, what was discussed, tasks agreed); it shows on the report, on screen and printed."""

import datetime as dt

import pytest
from django.urls import reverse

from urdun.performance.models import ProgressInterview, Reminder
from urdun.performance.tests.factories import build_sheet


@pytest.fixture
def sheet(world):
    return build_sheet(world, "alice")


def _url(sheet):
    return reverse("performance:interview", args=[sheet.employee_id, sheet.cycle_id])


DATA = {
    "held_on": "2025-03-05",
    "discussed": "Төлөвлөгөөний явц #1 [хэлэлцсэн]",
    "agreed": "Тайланг 6/5-нд өгөх",
}


def test_the_unit_head_records_it_and_it_shows_on_the_report(world, login, sheet):
    client = login("hana")
    assert client.get(_url(sheet)).status_code == 200
    assert client.post(_url(sheet), DATA).status_code == 302
    interview = ProgressInterview.objects.get(employee=world.people["alice"], cycle=sheet.cycle)
    assert interview.held_on == dt.date(2025, 3, 5)
    assert interview.recorded_by == world.people["hana"]
    assert Reminder.objects.filter(recipient=world.people["alice"], key__startswith="interview:").exists()
    # Recording again edits the same record: once per period.
    client.post(_url(sheet), {**DATA, "agreed": "Тайланг 6/4-нд өгөх"})
    assert ProgressInterview.objects.filter(employee=world.people["alice"]).count() == 1
    assert interview.history.count() == 2

    unit = client.get(reverse("performance:unit")).content.decode()
    assert "2025.03.05" in unit
    report = login("alice").get(reverse("performance:report", args=[sheet.pk])).content.decode()
    assert "Төлөвлөгөөний явц #1 [хэлэлцсэн]" in report
    assert "Тайланг 6/4-нд өгөх" in report


def test_it_prints_under_the_report(world, login, sheet):
    import io

    import docx

    from urdun.documents.services import sheet_document
    from urdun.imports.parsers import parse_performance
    from urdun.imports.tests.builders import shape

    without = parse_performance(sheet_document(sheet, "performance_report", "docx").content, "r.docx")
    login("hana").post(_url(sheet), DATA)
    exported = sheet_document(sheet, "performance_report", "docx").content
    # The printed interview does not disturb reading the report back.
    again = parse_performance(exported, "r.docx")
    assert again.errors == []
    assert shape([again.report, again.knowledge]) == shape([without.report, without.knowledge])
    document = docx.Document(io.BytesIO(exported))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Явцын ярилцлага" in text
    assert "Ярилцлага хийсэн огноо: 2025.03.05 H.Hana" in text
    assert "Ярилцсан асуудал: Төлөвлөгөөний явц #1 [хэлэлцсэн]" in text


@pytest.mark.parametrize(
    ("held_on", "message"),
    [("2999-01-01", "cannot be in the future"), ("2024-12-30", "is held in 2025")],
)
def test_a_date_outside_the_period_gets_a_message_at_the_field(world, login, sheet, held_on, message):
    client = login("hana")
    client.post(reverse("set_language"), {"language": "en"})
    response = client.post(_url(sheet), {**DATA, "held_on": held_on})
    assert response.status_code == 200
    assert message in response.context["form"].errors["held_on"][0]
    assert not ProgressInterview.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("alice", 403), ("carol", 404), ("henry", 404), ("zed", 404)])
def test_only_the_employees_unit_head_records_it(world, login, sheet, who, status):
    client = login(who)
    assert client.get(_url(sheet)).status_code == status
    assert client.post(_url(sheet), DATA).status_code == status
    assert not ProgressInterview.objects.exists()
