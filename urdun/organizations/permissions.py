"""The one place that answers "may this user do this to this object".

Pages, HTMX endpoints, the API and query filters all ask `can(user, capability, obj)` and scope
their querysets with `Actor.scope_*` (through `QuerySet.for_user`). Each domain app registers
the rules for its own capabilities with `@rule("app.capability")` in its `rules.py`; this module
holds the registry, the actor (who holds which role where) and the helpers views use.

Out of scope → 404 (the object's existence is not revealed); in scope but not allowed → 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from urdun.organizations.models import (
    EVALUATION_TEAM_ROLES,
    Employee,
    Organization,
    Role,
    RoleAssignment,
    Unit,
    User,
)

Rule = Callable[["Actor", Any], bool]
RULES: dict[str, Rule] = {}
M = TypeVar("M", bound=Model)

# Roles that see and act on the whole organization, not one unit.
ORG_WIDE_READERS = (
    *EVALUATION_TEAM_ROLES,
    Role.ME_OFFICER,
    Role.HR_OFFICER,
    Role.ORG_HEAD,
    Role.ORG_ADMIN,
)


def rule(capability: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        if capability in RULES:
            raise RuntimeError(f"capability {capability!r} registered twice")
        RULES[capability] = fn
        return fn

    return register


@dataclass
class Actor:
    """A user with their employee record and role assignments, loaded once per request."""

    user: User | AnonymousUser
    employee: Employee | None = None
    assignments: list[tuple[str, int, int | None]] = field(default_factory=list)
    # Organizations whose subtree a role reaches (RoleAssignment.subtree), and, computed on
    # first use with one query, every organization at or under them.
    subtree_roots: set[int] = field(default_factory=set)
    _region: set[int] | None = None

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_active)

    @property
    def is_admin(self) -> bool:
        return bool(self.is_authenticated and self.user.is_superuser)

    @property
    def employee_id(self) -> int | None:
        return self.employee.pk if self.employee else None

    def has_role(
        self, roles: str | Iterable[str], organization_id: int | None, unit_id: int | None = None
    ) -> bool:
        """True if a role is held org-wide in the organization, or on exactly that unit."""
        wanted = {roles} if isinstance(roles, str) else set(roles)
        return any(
            role in wanted and org_id == organization_id and scoped_unit in (None, unit_id)
            for role, org_id, scoped_unit in self.assignments
        )

    def has_any_role(self, roles: str | Iterable[str]) -> bool:
        wanted = {roles} if isinstance(roles, str) else set(roles)
        return any(role in wanted for role, _, _ in self.assignments)

    def org_ids(self, roles: Iterable[str] = ORG_WIDE_READERS, *, org_wide_only: bool = True) -> set[int]:
        wanted = set(roles)
        return {
            org
            for role, org, unit in self.assignments
            if role in wanted and (unit is None or not org_wide_only)
        }

    def unit_ids(self, roles: Iterable[str] = (Role.UNIT_HEAD,)) -> set[int]:
        wanted = set(roles)
        return {unit for role, _, unit in self.assignments if role in wanted and unit is not None}

    def member_org_ids(self) -> set[int]:
        """Organizations whose plans, units and pages this actor reads: where they work, where
        they hold a role, and every organization under a subtree role."""
        ids = {org for _, org, _ in self.assignments}
        if self.employee:
            ids.add(self.employee.organization_id)
        return ids | self.region_org_ids()

    def region_org_ids(self) -> set[int]:
        """Every organization at or under the actor's subtree roles (no query without one)."""
        if self._region is None:
            from urdun.organizations.tree import subtree_ids

            self._region = subtree_ids(self.subtree_roots) if self.subtree_roots else set()
        return self._region

    def is_unit_head_of(self, employee: Employee) -> bool:
        return employee.unit_id is not None and employee.unit_id in self.unit_ids()

    # Query scoping, shared by pages and API.
    def employee_filter(self, prefix: str = "") -> Q:
        """Q over Employee (or a model reaching it through `prefix`) for the people this actor
        may see: themselves, their units' people, and everyone in organizations where they hold
        an organization-wide role.

        Through a prefix (sheets, plans, report entries) the people are a subquery on the
        employee table and the outer table is filtered on its own indexed employee column:
        an OR across the join (`employee.pk = me OR employee.unit_id IN … OR …`) cannot use
        an index and scans every sheet in the country."""
        if self.is_admin:
            return Q()
        if not self.is_authenticated:
            return Q(pk__in=[])
        units, orgs = self.unit_ids(), self.org_ids()
        if not units and not orgs:
            if not self.employee_id:
                return Q(pk__in=[])
            return Q(**{f"{prefix}pk": self.employee_id})
        q = Q(pk__in=[])
        if self.employee_id:
            q |= Q(pk=self.employee_id)
        if units:
            q |= Q(unit_id__in=units)
        if orgs:
            q |= Q(organization_id__in=orgs)
        if not prefix:
            return q
        return Q(**{f"{prefix}pk__in": Employee.objects.filter(q).values("pk")})

    def scope_employees(self, qs: QuerySet[Employee]) -> QuerySet[Employee]:
        return qs.filter(self.employee_filter())

    def scope_organizations(self, qs: QuerySet[Organization]) -> QuerySet[Organization]:
        if self.is_admin:
            return qs
        return qs.filter(pk__in=self.member_org_ids())

    def scope_units(self, qs: QuerySet[Unit]) -> QuerySet[Unit]:
        if self.is_admin:
            return qs
        return qs.filter(organization_id__in=self.member_org_ids())


def actor_for(user: User | AnonymousUser) -> Actor:
    """The actor for a user, cached on the user object for the request."""
    cached: Actor | None = getattr(user, "_actor", None)
    if cached is not None:
        return cached
    actor = Actor(user=user)
    if user.is_authenticated:
        actor.employee = Employee.objects.select_related("organization", "unit").filter(user=user).first()
        if actor.employee is not None and actor.employee.is_active:
            rows = RoleAssignment.objects.filter(employee=actor.employee).values_list(
                "role", "organization_id", "unit_id", "subtree"
            )
            for role, org_id, unit_id, subtree in rows:
                actor.assignments.append((role, org_id, unit_id))
                if subtree:
                    actor.subtree_roots.add(org_id)
        elif actor.employee is not None:
            actor.employee = None
        user._actor = actor
    return actor


def can(user: User | AnonymousUser, capability: str, obj: Any = None) -> bool:
    actor = actor_for(user)
    if not actor.is_authenticated:
        return False
    try:
        check = RULES[capability]
    except KeyError:
        raise LookupError(f"unknown capability {capability!r}") from None
    return bool(check(actor, obj))


def require(user: User | AnonymousUser, capability: str, obj: Any = None) -> None:
    if not can(user, capability, obj):
        raise PermissionDenied(capability)


def get_for_user(user: User | AnonymousUser, queryset: QuerySet[M], capability: str, **lookup: Any) -> M:
    """Fetch one object through the user's scope (404 outside it), then check the capability
    (403 without it). Every detail view fetches its object this way."""
    scoped = queryset.for_user(user)  # type: ignore[attr-defined]
    try:
        obj: M = scoped.get(**lookup)
    except (scoped.model.DoesNotExist, ValueError):
        raise Http404 from None
    require(user, capability, obj)
    return obj


# --- Rules owned by this app -------------------------------------------------------------


@rule("organizations.view_organization")
def _view_organization(actor: Actor, org: Organization) -> bool:
    return actor.is_admin or org.pk in actor.member_org_ids()


@rule("organizations.view_region")
def _view_region(actor: Actor, org: Organization | None) -> bool:
    """The figures of the organizations under `org` (None: any region page at all)."""
    if actor.is_admin:
        return True
    if org is None:
        return bool(actor.subtree_roots)
    return org.pk in actor.region_org_ids()


@rule("organizations.manage_organization")
def _manage_organization(actor: Actor, org: Organization | None) -> bool:
    if actor.is_admin:
        return True
    return org is not None and actor.has_role(Role.ORG_ADMIN, org.pk)


@rule("organizations.view_employee")
def _view_employee(actor: Actor, employee: Employee) -> bool:
    if actor.is_admin or employee.pk == actor.employee_id:
        return True
    if actor.has_role(ORG_WIDE_READERS, employee.organization_id):
        return True
    return actor.is_unit_head_of(employee)


@rule("organizations.manage_employee")
def _manage_employee(actor: Actor, employee: Employee | None) -> bool:
    if actor.is_admin:
        return True
    if employee is None:
        return bool(actor.org_ids((Role.ORG_ADMIN, Role.HR_OFFICER)))
    return actor.has_role((Role.ORG_ADMIN, Role.HR_OFFICER), employee.organization_id)


@rule("organizations.manage_roles")
def _manage_roles(actor: Actor, org: Organization | None) -> bool:
    if actor.is_admin:
        return True
    if org is None:
        return bool(actor.org_ids((Role.ORG_ADMIN,)))
    return actor.has_role(Role.ORG_ADMIN, org.pk)


@rule("organizations.administer")
def _administer(actor: Actor, obj: Any = None) -> bool:
    return actor.is_admin or bool(actor.org_ids((Role.ORG_ADMIN, Role.HR_OFFICER)))
