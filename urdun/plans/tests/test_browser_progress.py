"""In a real browser: the responsible official files progress with an evidence file, the M&E
officer assesses it, and the dashboard figure changes from "—" to 70.0%."""

from __future__ import annotations

import pytest

from urdun.plans.models import Evidence, ProgressReport
from urdun.plans.tests.factories import action, make_plan, objective, period, section

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-" + username)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_progress_with_evidence_then_assessment_changes_the_dashboard(world, page, tmp_path):
    plan = make_plan(world.org, title="Browser plan")
    a = action(
        objective(section(plan, "1"), "1.1"), "1.1.1", units=(world.unit_a,), people=(world.people["alice"],)
    )
    q2 = period(world.org, "Q2")
    evidence = tmp_path / "tailan.pdf"
    evidence.write_bytes(PDF)

    sign_in(page, "olga")
    page.goto(f"/plans/{plan.pk}/dashboard/?period={q2.pk}")
    assert page.inner_text("#dashboard-plan-percent").strip() == "—"

    sign_in(page, "alice")
    page.goto(f"/plans/actions/{a.pk}/?period={q2.pk}")
    page.fill("#progress-form textarea[name=done]", "Төрийн 20 үйлчилгээг цахимжуулсан")
    page.fill("#progress-form input[name=achieved_value]", "20")
    page.set_input_files("#progress-form input[name=files]", str(evidence))
    page.click("#progress-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "tailan.pdf" in page.content(), page.inner_text("main")[:600]
    report = ProgressReport.objects.get(action=a, period=q2)
    assert report.status == "submitted" and report.achieved_value == "20"
    assert Evidence.objects.get(report=report).original_name == "tailan.pdf"

    sign_in(page, "olga")
    page.goto(f"/plans/actions/{a.pk}/?period={q2.pk}")
    page.select_option("#assess-form select[name=status]", "assessed")
    page.select_option("#assess-form select[name=percent]", "70")
    page.click("#assess-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"/plans/{plan.pk}/dashboard/?period={q2.pk}")
    assert page.inner_text("#dashboard-plan-percent").strip() == "70.0%"
    assert "1" in page.inner_text("#dashboard-plan-count")
    assert not page.console_errors, page.console_errors
    assert not page.external_requests
