"""Plan pages show what the apps above plans add (through `urdun.plans.hooks`), while plans itself
imports none of them: the import link, the downloads and the cascaded individual actions."""

from __future__ import annotations

from django.urls import reverse

from urdun.performance.tests.factories import build_plan
from urdun.plans.tests.factories import action, make_plan, objective, section


def _plan_with_action(world):
    plan = make_plan(world.org, year=2025)
    a = action(objective(section(plan, "1"), "1.1"), "1.1.1", units=(world.unit_a,))
    return plan, a


def test_the_plan_list_links_each_editable_organization_to_its_plan_import(login, world):
    body = login("olga").get(reverse("plans:plan_list")).content.decode()
    assert f'href="{reverse("plan_import", args=[world.org.code])}"' in body
    assert reverse("plan_import", args=[world.org.code]) == f"/plans/org/{world.org.code}/import/"


def test_the_plan_list_offers_no_import_to_a_plain_employee(login, world):
    body = login("alice").get(reverse("plans:plan_list")).content.decode()
    assert "/import/" not in body


def test_the_plan_import_page_still_answers_at_its_address(login, world):
    r = login("olga").get(f"/plans/org/{world.org.code}/import/")
    assert r.status_code == 200 and 'type="file"' in r.content.decode()
    assert login("alice").get(f"/plans/org/{world.org.code}/import/").status_code == 403


def test_the_plan_page_offers_the_printed_plan(login, world):
    plan, _a = _plan_with_action(world)
    body = login("alice").get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    for fmt in ("pdf", "docx", "xlsx"):
        assert reverse("plan_download", args=[plan.pk, fmt]) in body


def test_the_action_page_lists_the_individual_actions_cascaded_from_it(login, world):
    plan, a = _plan_with_action(world)
    individual = build_plan(world.people["alice"]).objectives.get().actions.order_by("order").first()
    individual.org_action = a
    individual.save()
    url = reverse("plans:action_detail", args=[a.pk])
    seen_by_head = login("hana").get(url).content.decode()
    assert individual.text in seen_by_head and world.people["alice"].short_name in seen_by_head
    # Bob (another unit) may see the plan but not alice's individual plan.
    seen_by_bob = login("bob").get(url)
    assert seen_by_bob.status_code == 200 and individual.text not in seen_by_bob.content.decode()
