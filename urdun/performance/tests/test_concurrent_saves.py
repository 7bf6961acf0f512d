"""Two people saving the same report entry or sheet at once: the second is told, nothing is lost."""

from django.urls import reverse

from urdun.performance import services
from urdun.performance.models import ReportEntry
from urdun.performance.tests.factories import build_sheet


def test_second_report_save_gets_a_conflict_and_keeps_its_text(login, world):
    sheet = build_sheet(world)
    entry = sheet.report_entries.filter(indicator__isnull=False).first()
    url = reverse("performance:entry_save", args=[entry.pk])
    client = login("alice")
    first = client.post(
        url,
        {"version": entry.version, "achieved_text": "First tab text", "completion": "80"},
        HTTP_HX_REQUEST="true",
    )
    assert first.status_code == 200 and "Saved" in first.content.decode()
    second = client.post(
        url, {"version": entry.version, "achieved_text": "Second tab text"}, HTTP_HX_REQUEST="true"
    )
    body = second.content.decode()
    assert "Someone else saved this" in body
    entry.refresh_from_db()
    assert entry.achieved_text == "First tab text"
    # Without scripts the full page comes back with the unsaved text still in the form.
    third = client.post(url, {"version": 1, "achieved_text": "Typed offline"})
    assert third.status_code == 409
    assert "Typed offline" in third.content.decode() and "Someone else saved this" in third.content.decode()


def test_report_field_errors_are_shown_at_the_field(login, world):
    sheet = build_sheet(world)
    entry = sheet.report_entries.first()
    url = reverse("performance:entry_save", args=[entry.pk])
    r = login("alice").post(
        url,
        {
            "version": entry.version,
            "completion": "120",
            "actual_start": "2025-03-01",
            "actual_end": "2025-02-01",
            "achieved_text": "keep me",
        },
        HTTP_HX_REQUEST="true",
    )
    body = r.content.decode()
    assert f'id="entry-{entry.pk}-err-completion"' in body and "between 0 and 100" in body
    assert f'id="entry-{entry.pk}-err-actual_end"' in body and "before the start" in body
    entry.refresh_from_db()
    assert entry.completion is None and entry.achieved_text == ""


def test_second_sheet_save_gets_a_conflict_and_keeps_its_points(login, world):
    sheet = build_sheet(world)
    u = lambda n: world.people[n].user  # noqa: E731
    services.transition(u("alice"), sheet, "submit")
    services.transition(u("hana"), sheet, "verify")
    sheet.refresh_from_db()
    row = sheet.rows.exclude(kind="objective").first()
    url = reverse("performance:score", args=[sheet.pk])
    client = login("hana")
    loaded = sheet.version
    ok = client.post(url, {"version": loaded, f"p-{row.pk}": "50", f"t-{row.pk}": "9"})
    assert ok.status_code == 302
    late = client.post(url, {"version": loaded, f"p-{row.pk}": "40", f"t-{row.pk}": "5"})
    assert late.status_code == 409
    body = late.content.decode()
    assert "Someone else saved this" in body and 'value="40"' in body
    row.refresh_from_db()
    assert row.performance == 50


def test_stale_version_is_refused_by_the_service(world):
    sheet = build_sheet(world)
    entry = sheet.report_entries.first()
    services.save_report_entry(world.people["alice"].user, entry, 1, {"achieved_text": "a"})
    try:
        services.save_report_entry(world.people["alice"].user, entry, 1, {"achieved_text": "b"})
    except services.ConflictError:
        pass
    else:
        raise AssertionError("expected a conflict")
    assert ReportEntry.objects.get(pk=entry.pk).achieved_text == "a"
