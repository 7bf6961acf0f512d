"""List pages run a constant number of queries, whatever the number of people."""

from django.urls import reverse

from urdun.organizations.models import Employee
from urdun.performance.models import EvaluationSheet, SheetStatus
from urdun.performance.tests.factories import build_sheet


def _add_people(world, n):
    for i in range(n):
        Employee.objects.create(
            organization=world.org, unit=world.unit_a, family_name="X", given_name=f"Extra{i}"
        )


def _count(client, url, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_my_unit_query_count_is_constant(login, world, django_assert_num_queries):
    build_sheet(world, "alice")
    client = login("hana")
    url = reverse("performance:unit")
    client.get(url)
    # session, user, employee (actor), roles, units' organizations, cycle, count, page of people,
    # menu rules use the cached actor.
    _count(client, url, django_assert_num_queries, 8)
    _add_people(world, 7)
    build_sheet(world, "carol")
    _count(client, url, django_assert_num_queries, 8)


def test_team_queue_query_count_is_constant(login, world, django_assert_num_queries):
    for who in ("alice", "carol"):
        s = build_sheet(world, who)
        EvaluationSheet.objects.filter(pk=s.pk).update(status=SheetStatus.ACKNOWLEDGED)
    client = login("leader")
    url = reverse("performance:queue")
    # session, user, employee (actor), roles, count, page of sheets
    _count(client, url, django_assert_num_queries, 6)
    for who in ("dave", "erin", "bob"):
        s = build_sheet(world, who)
        EvaluationSheet.objects.filter(pk=s.pk).update(status=SheetStatus.ACKNOWLEDGED)
    _count(client, url, django_assert_num_queries, 6)
