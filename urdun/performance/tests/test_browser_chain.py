"""The whole sign-off chain in a browser, from the employee's report to the locked sheet."""

import re

import pytest

from conftest import browser_login
from urdun.performance.models import EvaluationSheet, SheetStatus
from urdun.performance.tests.factories import build_sheet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_user(page, name):
    page.context.clear_cookies()
    browser_login(page, name, "pw-" + name)


def eventually(check, page, seconds=8):
    for _ in range(seconds * 4):
        if check():
            return True
        page.wait_for_timeout(250)
    return check()


def click_step(page, sheet, step):
    page.goto(f"/performance/sheets/{sheet.pk}/")
    page.click(f"button[data-step={step}]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()


def test_whole_chain_in_the_browser(page, world, transactional_db):
    sheet = build_sheet(world, "alice")

    # The employee fills the report (saved as she types) and submits it.
    as_user(page, "alice")
    page.goto(f"/performance/sheets/{sheet.pk}/report/")
    entry = sheet.report_entries.order_by("order").first()
    page.fill(f"#entry-{entry.pk}-achieved_text", "Хоёр агентлагт хяналт хийсэн")
    page.fill(f"#entry-{entry.pk}-completion", "100")

    def stored():
        entry.refresh_from_db()
        return entry.achieved_text == "Хоёр агентлагт хяналт хийсэн" and entry.completion == 100

    assert eventually(stored, page)
    # A bad value gets its message at the field and is not stored.
    page.fill(f"#entry-{entry.pk}-completion", "150")
    page.locator(f"#entry-{entry.pk}-saved[data-state=error]").wait_for()
    assert page.locator(f"#entry-{entry.pk}-err-completion").inner_text().strip()
    assert page.locator(f"#entry-{entry.pk}-achieved_text").input_value() == "Хоёр агентлагт хяналт хийсэн"
    page.fill(f"#entry-{entry.pk}-completion", "90")
    assert eventually(lambda: stored() or entry.completion == 90, page)
    page.locator(f"#entry-{entry.pk}-saved[data-state=saved]").wait_for()
    click_step(page, sheet, "submit")

    # The unit head verifies, scores and signs.
    as_user(page, "hana")
    click_step(page, sheet, "verify")
    page.goto(f"/performance/sheets/{sheet.pk}/score/")
    for field in page.locator("input[name^='p-']").all():
        field.fill("60")
    for field in page.locator("input[name^='t-']").all():
        field.fill("9")
    for field in page.locator("input[name^='h-']").all()[:5]:
        field.fill("7")
    page.click("#score-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    click_step(page, sheet, "assess")

    # The employee agrees, the team leader reviews, the organization head confirms.
    as_user(page, "alice")
    click_step(page, sheet, "acknowledge")
    as_user(page, "leader")
    click_step(page, sheet, "review")
    as_user(page, "oscar")
    click_step(page, sheet, "confirm")

    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.CONFIRMED
    page.goto(f"/performance/sheets/{sheet.pk}/")
    # Only the organization head's reopening is left; for everyone else the sheet is read-only.
    assert [b.get_attribute("data-step") for b in page.locator("#actions button").all()] == ["reopen"]
    as_user(page, "alice")
    page.goto(f"/performance/sheets/{sheet.pk}/")
    assert page.locator("#actions").count() == 0
    assert page.locator("#total").inner_text() == "76.0"  # 69 + 7
    rows = {r.get_attribute("data-step"): r.inner_text() for r in page.locator("#signatures tbody tr").all()}
    for step, name, position in [
        ("prepared", "A.Alice", "alice position"),
        ("verified", "H.Hana", "hana position"),
        ("assessed", "H.Hana", "hana position"),
        ("acknowledged", "A.Alice", "alice position"),
        ("reviewed_leader", "L.Leader", "leader position"),
        ("confirmed", "O.Oscar", "oscar position"),
    ]:
        assert name in rows[step] and position in rows[step]
        assert re.search(r"\d{4}-\d{2}-\d{2}", rows[step])
    # The report is read-only now, and the score page refuses.
    page.goto(f"/performance/sheets/{sheet.pk}/report/")
    assert page.locator("fieldset[disabled]").count() >= 1
    assert page.goto(f"/performance/sheets/{sheet.pk}/score/").status == 403
    page.wait_for_load_state("networkidle")
    assert not page.external_requests
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
    assert EvaluationSheet.objects.get(pk=sheet.pk).final_total == 76
