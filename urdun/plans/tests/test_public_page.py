"""The public page: no login, only published plans, only the plan and its assessed figures."""

from __future__ import annotations

from conftest import user_of
from urdun.plans import services
from urdun.plans.tests.factories import action, grade, make_plan, objective, period, section


def _plan(world):
    plan = make_plan(world.org, title="Нээлттэй төлөвлөгөө")
    a = action(
        objective(section(plan, "1"), "1.1"), "1.1.1", units=(world.unit_a,), people=(world.people["alice"],)
    )
    q2 = period(world.org, "Q2")
    services.submit_progress(a, q2, user_of(world, "alice"), done="НУУЦ ТЭМДЭГЛЭЛ")
    grade(a, q2, 70).__class__.objects.filter(action=a).update(comment="ДОТООД ТАЙЛБАР")
    return plan, a


def test_an_unpublished_plan_is_not_found(client, world):
    plan, _a = _plan(world)
    assert client.get(f"/plans/public/{world.org.code}/{plan.pk}/").status_code == 404


def test_a_published_plan_shows_its_implementation_without_internal_details(client, world):
    plan, _a = _plan(world)
    services.set_published(plan, user_of(world, "olga"), True)
    response = client.get(f"/plans/public/{world.org.code}/{plan.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Нээлттэй төлөвлөгөө" in html and "70.0%" in html and "НБХ" in html
    assert "НУУЦ ТЭМДЭГЛЭЛ" not in html and "ДОТООД ТАЙЛБАР" not in html
    assert "A.Alice" not in html


def test_the_wrong_organization_code_is_not_found(client, world):
    plan, _a = _plan(world)
    services.set_published(plan, user_of(world, "olga"), True)
    assert client.get(f"/plans/public/other/{plan.pk}/").status_code == 404


def test_the_page_is_cached_until_the_plan_changes(client, world, django_assert_num_queries):
    plan, a = _plan(world)
    services.set_published(plan, user_of(world, "olga"), True)
    url = f"/plans/public/{world.org.code}/{plan.pk}/"
    client.get(url)
    with django_assert_num_queries(1):  # the plan itself; the body comes from the cache
        assert "70.0%" in client.get(url).content.decode()
    services.assess(a, period(world.org, "Q2"), user_of(world, "olga"), status="assessed", percent="100")
    assert "100.0%" in client.get(url).content.decode()


def test_unpublishing_hides_the_page(client, world):
    plan, _a = _plan(world)
    services.set_published(plan, user_of(world, "olga"), True)
    services.set_published(plan, user_of(world, "olga"), False)
    assert client.get(f"/plans/public/{world.org.code}/{plan.pk}/").status_code == 404
