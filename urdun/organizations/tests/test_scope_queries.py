"""The scope filter reaches other tables through their own indexed employee column.

An OR across the join to the employee table (`employee.pk = me OR employee.unit_id IN … OR
employee.organization_id IN …`) cannot use an index: on PostgreSQL it scanned every sheet in
the country for a user of one organization (issue 18). The filter must be a subquery on the
employee table, and must still select exactly the people the actor may see.
"""

from __future__ import annotations

import pytest
from django.apps import apps

from conftest import user_of
from urdun.organizations.models import Employee
from urdun.organizations.permissions import actor_for


def _sheet_sql(actor) -> str:
    sheet = apps.get_model("performance", "EvaluationSheet")
    return str(sheet.objects.filter(actor.employee_filter("employee__")).order_by().query)


@pytest.mark.django_db
def test_plain_employee_is_one_equality_on_the_sheet_column(world):
    sql = _sheet_sql(actor_for(user_of(world, "alice")))
    assert f'"employee_id" = {world.people["alice"].pk}' in sql.replace("performance_evaluationsheet.", "")
    assert "JOIN" not in sql


@pytest.mark.django_db
def test_roles_become_a_subquery_on_the_employee_table_not_a_join(world):
    for name in ("hana", "olga", "secretary"):
        sql = _sheet_sql(actor_for(user_of(world, name)))
        assert "JOIN" not in sql, name
        assert '"employee_id" IN (SELECT' in sql, name


@pytest.mark.django_db
def test_the_subquery_selects_the_same_people(world):
    def visible(name):
        return set(
            Employee.objects.filter(actor_for(user_of(world, name)).employee_filter()).values_list(
                "pk", flat=True
            )
        )

    people = world.people
    assert visible("alice") == {people["alice"].pk}
    assert visible("hana") == {people[n].pk for n in ("alice", "carol", "dave", "erin", "hana")}
    assert people["zed"].pk not in visible("olga")
    assert people["bob"].pk in visible("olga")
    # Through a prefix: role assignments (every fixture person with a role has one).
    from urdun.organizations.models import RoleAssignment

    for name in ("alice", "hana", "olga", "zed"):
        actor = actor_for(user_of(world, name))
        scoped = RoleAssignment.objects.filter(actor.employee_filter("employee__"))
        expected = RoleAssignment.objects.filter(employee_id__in=visible(name))
        assert set(scoped.values_list("pk", flat=True)) == set(expected.values_list("pk", flat=True)), name
