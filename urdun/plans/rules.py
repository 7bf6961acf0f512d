"""Who may do what with organizational plans. Registered in PlansConfig.ready().

Filing progress: the employees resolved as responsible for the action, the heads of the units
resolved as responsible, and the heads of the units of the responsible employees. Plain members
of a responsible unit do not file: the plan names who answers for the action, and the unit head
files for the unit (decision recorded in the app's README section of the final report).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from urdun.organizations.models import Organization, Role
from urdun.organizations.permissions import ORG_WIDE_READERS, Actor, actor_for, rule

EDITORS = (Role.ME_OFFICER, Role.ORG_ADMIN)
PUBLISHERS = (Role.ME_OFFICER, Role.ORG_ADMIN, Role.ORG_HEAD)


def plan_scope(qs: QuerySet, user: Any) -> QuerySet:
    actor = actor_for(user)
    if actor.is_admin:
        return qs
    if not actor.is_authenticated:
        return qs.none()
    return qs.filter(organization_id__in=actor.member_org_ids())


def _org_id(obj: Any) -> int | None:
    """The organization id of a plan, action, report, evidence, organization or period."""
    if obj is None:
        return None
    if isinstance(obj, Organization):
        return obj.pk
    for path in (
        "organization_id",
        "plan.organization_id",
        "action.plan.organization_id",
        "report.action.plan.organization_id",
    ):
        value: Any = obj
        try:
            for part in path.split("."):
                value = getattr(value, part)
        except AttributeError:
            continue
        return int(value) if value is not None else None
    return None


def is_responsible(actor: Actor, action: Any) -> bool:
    """Uses action.responsibles.all() (prefetched with employee on list pages)."""
    if not actor.is_authenticated or actor.employee is None:
        return False
    head_of = actor.unit_ids()
    for r in action.responsibles.all():
        if r.employee_id is not None and r.employee_id == actor.employee_id:
            return True
        if r.unit_id is not None and r.unit_id in head_of:
            return True
        if r.employee_id is not None and head_of and r.employee.unit_id in head_of:
            return True
    return False


@rule("plans.view_plan")
def _view_plan(actor: Actor, obj: Any) -> bool:
    return actor.is_admin or _org_id(obj) in actor.member_org_ids()


@rule("plans.edit_plan")
def _edit_plan(actor: Actor, obj: Any) -> bool:
    if actor.is_admin:
        return True
    if obj is None:
        return bool(actor.org_ids(EDITORS))
    return actor.has_role(EDITORS, _org_id(obj))


@rule("plans.file_progress")
def _file_progress(actor: Actor, action: Any) -> bool:
    return action is not None and is_responsible(actor, action)


@rule("plans.assess")
def _assess(actor: Actor, obj: Any) -> bool:
    # Only the M&E officer of the organization; not even a superuser assesses.
    return obj is not None and actor.has_role(Role.ME_OFFICER, _org_id(obj))


@rule("plans.publish")
def _publish(actor: Actor, obj: Any) -> bool:
    return actor.is_admin or (obj is not None and actor.has_role(PUBLISHERS, _org_id(obj)))


@rule("plans.view_evidence")
def _view_evidence(actor: Actor, obj: Any) -> bool:
    """Evidence of a progress report (obj: Evidence or ProgressReport)."""
    if actor.is_admin:
        return True
    report = getattr(obj, "report", obj)
    if actor.has_role(ORG_WIDE_READERS, _org_id(report)):
        return True
    return is_responsible(actor, report.action)


@rule("plans.view_dashboard")
def _view_dashboard(actor: Actor, obj: Any) -> bool:
    return actor.is_admin or _org_id(obj) in actor.member_org_ids()


@rule("plans.manage_settings")
def _manage_settings(actor: Actor, obj: Any) -> bool:
    if actor.is_admin:
        return True
    return obj is not None and actor.has_role(Role.ORG_ADMIN, _org_id(obj))
