"""Roles over an organization's subtree: an aimag office over its soums and agencies, a national
body over all. They read the organizations, plans and figures below; they act on nothing there,
and individual people's sheets stay with their own organization."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from conftest import user_of
from urdun.organizations.models import Employee, Organization, Role, RoleAssignment, Unit, User
from urdun.organizations.permissions import actor_for, can
from urdun.organizations.tree import subtree_ids


@pytest.fixture
def country(world):
    """national → aimag (world.org) → soum; another aimag (world.other_org) under national."""
    national = Organization.objects.create(code="nat", name="Засгийн газрын Хэрэг эрхлэх газар")
    Organization.objects.filter(pk__in=[world.org.pk, world.other_org.pk]).update(parent=national)
    soum = Organization.objects.create(code="soum", name="Сумын ЗДТГ", kind="soum_office", parent=world.org)
    unit = Unit.objects.create(organization=soum, name="Хэлтэс")
    clerk = Employee.objects.create(organization=soum, unit=unit, family_name="С", given_name="Сараа")

    def officer(name, org, role=Role.ME_OFFICER, subtree=True):
        user = User.objects.create_user(name, password="pw")
        e = Employee.objects.create(user=user, organization=org, family_name="Х", given_name=name)
        RoleAssignment.objects.create(employee=e, role=role, organization=org, subtree=subtree)
        return user

    return {
        "national": national,
        "soum": soum,
        "clerk": clerk,
        "aimag_me": officer("aimagme", world.org),
        "nation_me": officer("nationme", national),
        "local_me": officer("localme", world.org, subtree=False),
    }


def test_the_subtree_is_the_root_and_everything_below(world, country):
    assert subtree_ids([world.org.pk]) == {world.org.pk, country["soum"].pk}
    assert subtree_ids([country["national"].pk]) == {
        country["national"].pk,
        world.org.pk,
        world.other_org.pk,
        country["soum"].pk,
    }
    assert subtree_ids([]) == set()


def test_an_aimag_officer_reads_the_soums_below_and_not_the_other_aimag(world, country):
    user = country["aimag_me"]
    assert can(user, "organizations.view_region", world.org)
    assert can(user, "organizations.view_region", country["soum"])
    assert not can(user, "organizations.view_region", world.other_org)
    assert not can(user, "organizations.view_region", country["national"])
    assert can(user, "organizations.view_organization", country["soum"])
    orgs = set(Organization.objects.for_user(user).values_list("code", flat=True))
    assert orgs == {"org", "soum"}


def test_the_national_body_reads_every_organization(world, country):
    user = country["nation_me"]
    for org in (world.org, world.other_org, country["soum"]):
        assert can(user, "organizations.view_region", org)
    assert Organization.objects.for_user(user).count() == Organization.objects.count()


def test_a_subtree_role_acts_on_nothing_below_and_sees_no_ones_sheet(world, country):
    user = country["nation_me"]
    assert not can(user, "organizations.manage_organization", world.org)
    assert not can(user, "organizations.manage_employee", country["clerk"])
    assert not can(user, "organizations.view_employee", country["clerk"])
    visible = Employee.objects.filter(actor_for(user).employee_filter())
    assert country["clerk"] not in visible


def test_without_the_flag_the_role_stays_in_its_organization(world, country):
    user = country["local_me"]
    assert not can(user, "organizations.view_region", world.org)
    assert not can(user, "organizations.view_organization", country["soum"])
    assert not can(user_of(world, "alice"), "organizations.view_region", None)


def test_only_reading_roles_reach_a_subtree(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            employee=world.people["bob"], role=Role.ORG_ADMIN, organization=world.org, subtree=True
        )


def test_the_actor_costs_no_extra_query_without_a_subtree_role(world, django_assert_num_queries):
    user = User.objects.get(pk=user_of(world, "olga").pk)
    with django_assert_num_queries(2):  # employee, roles
        actor = actor_for(user)
        actor.member_org_ids()
