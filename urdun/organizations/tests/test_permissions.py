from conftest import user_of
from urdun.organizations.permissions import actor_for, can


def test_unit_head_sees_only_their_unit(world):
    from urdun.organizations.models import Employee

    hana = user_of(world, "hana")
    names = set(Employee.objects.for_user(hana).values_list("user__username", flat=True))
    assert names == {"alice", "carol", "dave", "erin", "hana"}


def test_employee_sees_only_themself(world):
    from urdun.organizations.models import Employee

    alice = user_of(world, "alice")
    assert list(Employee.objects.for_user(alice).values_list("user__username", flat=True)) == ["alice"]


def test_evaluation_team_sees_its_organization_only(world):
    from urdun.organizations.models import Employee

    leader = user_of(world, "leader")
    seen = set(Employee.objects.for_user(leader).values_list("organization__code", flat=True))
    assert seen == {"org"}


def test_unit_head_cannot_view_other_unit_employee(world):
    assert not can(user_of(world, "hana"), "organizations.view_employee", world.people["bob"])
    assert can(user_of(world, "hana"), "organizations.view_employee", world.people["alice"])


def test_other_organization_head_cannot_view_our_people(world):
    assert not can(user_of(world, "zed"), "organizations.view_employee", world.people["alice"])


def test_inactive_employee_loses_roles(world):
    henry = world.people["henry"]
    henry.is_active = False
    henry.save()
    actor = actor_for(henry.user)
    assert actor.assignments == []
    assert not can(henry.user, "organizations.view_employee", world.people["bob"])


def test_unknown_capability_is_an_error_not_a_yes(world):
    import pytest

    with pytest.raises(LookupError):
        can(user_of(world, "root"), "organizations.no_such_thing")


def test_anonymous_user_can_do_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "organizations.view_organization", world.org)
