"""The plan page and the dashboards use the same number of queries for 5 and for 40 actions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import user_of
from urdun.plans import services
from urdun.plans.tests.factories import big_plan, period


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def two_sizes(world):
    small = big_plan(world.org, 5, world.unit_a, world.people["alice"], title="Small")
    large = big_plan(world.org, 40, world.unit_a, world.people["alice"], title="Large")
    q2 = period(world.org, "Q2")
    for plan in (small, large):
        for a in plan.actions.all()[:3]:
            services.submit_progress(a, q2, user_of(world, "alice"), done="done")
    return small, large, q2


@pytest.mark.parametrize(
    "page",
    [
        "/plans/{pk}/?period={q}",
        "/plans/{pk}/dashboard/?period={q}",
        "/plans/{pk}/dashboard/?period={q}&status=not_reported",
    ],
)
def test_plan_pages_do_not_grow_with_the_number_of_actions(
    world, login, two_sizes, page, django_assert_num_queries
):
    small, large, q2 = two_sizes
    client = login("olga")
    n = _count(client, page.format(pk=small.pk, q=q2.pk))
    with django_assert_num_queries(n):
        client.get(page.format(pk=large.pk, q=q2.pk))


def test_the_plan_page_query_budget(world, login, two_sizes, django_assert_num_queries):
    """session, user, employee, roles; plan; periods; default period check skipped (explicit);
    tree: sections, objectives, actions, responsibles, assessments, reports; figures: plan,
    sections, objectives, units."""
    _small, large, q2 = two_sizes
    client = login("olga")
    n = _count(client, f"/plans/{large.pk}/?period={q2.pk}")
    assert n <= 20


def test_the_organization_dashboard_does_not_grow(world, login, django_assert_num_queries):
    q2 = None
    client = login("olga")
    big_plan(world.org, 5, world.unit_a, title="A")
    q2 = period(world.org, "Q2")
    n = _count(client, f"/plans/org/{world.org.code}/dashboard/?period={q2.pk}")
    big_plan(world.org, 40, world.unit_b, title="B")
    with django_assert_num_queries(n):
        client.get(f"/plans/org/{world.org.code}/dashboard/?period={q2.pk}")


def test_the_dashboard_figures_match_the_hand_count(world, login):
    """big_plan(8): percents by i % 4 = 0, 30, 70, not due → (0+30+70)*2 / 6 = 33.3."""
    plan = big_plan(world.org, 8, world.unit_a, title="Eight")
    q2 = period(world.org, "Q2")
    html = login("olga").get(f"/plans/{plan.pk}/dashboard/?period={q2.pk}").content.decode()
    assert 'id="dashboard-plan-percent"' in html
    assert "33.3%" in html
