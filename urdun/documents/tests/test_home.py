"""The documents page offers each scope the user may export, starting at the latest cycle,
in a fixed number of queries however many organizations an administrator sees."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from urdun.organizations.models import Organization
from urdun.performance import services
from urdun.performance.models import Period


def _home(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("documents_home"))
    assert response.status_code == 200
    return response, len(queries)


def test_period_starts_at_the_latest_cycle(login, world):
    services.get_or_create_cycle(world.org, 2025, Period.H1)
    services.get_or_create_cycle(world.org, 2026, Period.H1)
    services.get_or_create_cycle(world.org, 2025, Period.ANNUAL)
    response, _n = _home(login("leader"))
    page = response.content.decode()
    assert 'name="period" value="2026-H1"' in page
    assert "?period=2026-H1" in page
    assert 'value="2025-H1"' not in page


def test_unit_head_gets_only_their_unit(login, world):
    response, _n = _home(login("hana"))
    assert [(s["org"].code, s["unit"]) for s in response.context["scopes"]] == [("org", world.unit_a)]


def test_administrator_page_is_paginated_and_queries_do_not_grow(login, world):
    client = login("root")
    _response, few = _home(client)
    Organization.objects.bulk_create(
        Organization(code=f"o{i}", name=f"Байгууллага {i:03d}", kind="agency") for i in range(80)
    )
    response, many = _home(client)
    assert len(response.context["scopes"]) == 30
    assert response.context["page"].paginator.num_pages == 3
    assert many == few
