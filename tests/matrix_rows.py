"""Rows of the permission matrix, by app. Each builder returns (url kwargs, POST data)."""

from __future__ import annotations

EVERYONE = {"alice", "hana", "bob", "henry", "leader", "secretary", "olga", "oscar", "orgadmin", "zed", "root"}
ORG = EVERYONE - {"zed"}
ADMINS = {"orgadmin", "root"}
ANY = "any"  # no role is refused; the response only must not fail
PEOPLE_ADMINS = {"orgadmin", "secretary", "root"}  # secretary is also the HR officer


def setup_objects(world) -> dict:
    """Objects that rows refer to, created once per test."""
    from urdun.organizations.models import ApiToken, RoleAssignment

    objects = {
        "role": RoleAssignment.objects.filter(organization=world.org).first(),
        "token": ApiToken.issue(world.people["alice"].user, "t")[0],
    }
    for extra in EXTRA_SETUPS:
        objects.update(extra(world))
    return objects


def none(world, o):
    return {}, None


def org(world, o):
    return {"code": world.org.code}, None


ROWS: list[tuple] = [
    ("home", "GET", none, EVERYONE),
    ("login", "GET", none, EVERYONE | {"anonymous"}),
    # Logging out always ends on the login page, signed in or not.
    ("logout", "POST", none, ANY),
    ("set_language", "POST", lambda w, o: ({}, {"language": "en"}), EVERYONE | {"anonymous"}),
    ("password_change", "GET", none, EVERYONE),
    ("password_change_done", "GET", none, EVERYONE),
    ("password_reset", "GET", none, EVERYONE | {"anonymous"}),
    ("password_reset_done", "GET", none, EVERYONE | {"anonymous"}),
    ("password_reset_complete", "GET", none, EVERYONE | {"anonymous"}),
    ("password_reset_confirm", "GET", lambda w, o: ({"uidb64": "MQ", "token": "x-y"}, None), EVERYONE | {"anonymous"}),
    ("account", "GET", none, EVERYONE),
    ("token_create", "POST", lambda w, o: ({}, {"name": "x"}), EVERYONE),
    # Deleting someone else's token is a no-op redirect, never a deletion (tested elsewhere).
    ("token_delete", "POST", lambda w, o: ({"pk": o["token"].pk}, None), EVERYONE),
    ("organization_list", "GET", none, PEOPLE_ADMINS),
    ("organization_create", "GET", none, {"root"}),
    ("organization_detail", "GET", org, ORG),
    ("organization_edit", "GET", org, ADMINS),
    ("unit_create", "GET", org, ADMINS),
    ("unit_edit", "GET", lambda w, o: ({"code": w.org.code, "pk": w.unit_a.pk}, None), ADMINS),
    ("employee_create", "GET", org, PEOPLE_ADMINS),
    ("employee_edit", "GET", lambda w, o: ({"code": w.org.code, "pk": w.people["alice"].pk}, None), PEOPLE_ADMINS),
    ("role_create", "GET", org, ADMINS),
    ("role_delete", "POST", lambda w, o: ({"code": w.org.code, "pk": o["role"].pk}, None), ADMINS),
    ("employee_import", "GET", org, PEOPLE_ADMINS),
    # API
    ("api_schema", "GET", none, EVERYONE),
    ("organization-list", "GET", none, EVERYONE),
    ("organization-detail", "GET", lambda w, o: ({"code": w.org.code}, None), ORG),
    ("unit-list", "GET", none, EVERYONE),
    ("unit-detail", "GET", lambda w, o: ({"pk": w.unit_a.pk}, None), ORG),
    ("employee-list", "GET", none, EVERYONE),
    ("employee-detail", "GET", lambda w, o: ({"pk": w.people["alice"].pk}, None), {"alice", "hana", "leader", "secretary", "olga", "oscar", "orgadmin", "root"}),
    ("role-list", "GET", none, EVERYONE),
    # The first role of the organization is hana's unit-head role: visible to whoever may see hana.
    ("role-detail", "GET", lambda w, o: ({"pk": o["role"].pk}, None), {"hana", "leader", "secretary", "olga", "oscar", "orgadmin", "root"}),
]

EXTRA_SETUPS: list = []
