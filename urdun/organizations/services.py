"""Changes to organizations and people that span several models."""

from __future__ import annotations

from django.db import transaction

from urdun.organizations.models import Employee, Organization, User


def save_employee(employee: Employee, username: str) -> Employee:
    """Save an employee and create, rename or keep their login account."""
    with transaction.atomic():
        username = username.strip()
        if username:
            user = employee.user
            if user is None:
                user = User(username=username)
                user.set_unusable_password()
            user.username = username
            user.first_name = employee.given_name
            user.last_name = employee.family_name
            user.email = employee.email
            user.is_active = employee.is_active
            user.save()
            employee.user = user
        employee.save()
    return employee


def unit_lookup(organization: Organization) -> dict[str, int]:
    """Unit ids by lower-cased name and abbreviation, for resolving text such as "ТЗУХ"."""
    table: dict[str, int] = {}
    for pk, name, abbreviation in organization.units.values_list("pk", "name", "abbreviation"):
        table[name.strip().lower()] = pk
        if abbreviation:
            table[abbreviation.strip().lower()] = pk
    return table
