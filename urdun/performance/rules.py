"""Capabilities of the performance app, registered with the organizations' policy module.

Scoping (which sheets a user can reach at all) is `EvaluationSheet.objects.for_user`; these
rules answer whether a user in scope may do one thing to one object.
"""

from __future__ import annotations

from typing import Any

from urdun.organizations.models import EVALUATION_TEAM_ROLES, Employee, Role
from urdun.organizations.permissions import ORG_WIDE_READERS, Actor, rule
from urdun.performance.models import EvaluationSheet, PerformancePlan, PlanStatus, SheetStatus

COLLEAGUE_OPEN = (
    SheetStatus.DRAFT,
    SheetStatus.SUBMITTED,
    SheetStatus.VERIFIED,
    SheetStatus.ASSESSED,
    SheetStatus.DISPUTED,
    SheetStatus.ACKNOWLEDGED,
)


def _employee_of(obj: Any) -> Employee:
    return obj if isinstance(obj, Employee) else obj.employee


def is_self(actor: Actor, obj: Any) -> bool:
    return actor.employee_id is not None and _employee_of(obj).pk == actor.employee_id


def is_unit_head(actor: Actor, obj: Any) -> bool:
    employee = _employee_of(obj)
    return employee.pk != actor.employee_id and actor.is_unit_head_of(employee)


def is_team(actor: Actor, obj: Any, roles: Any = EVALUATION_TEAM_ROLES) -> bool:
    return actor.has_role(roles, _employee_of(obj).organization_id)


def is_org_head(actor: Actor, obj: Any) -> bool:
    return actor.has_role(Role.ORG_HEAD, _employee_of(obj).organization_id)


@rule("performance.view_plan")
def _view_plan(actor: Actor, plan: PerformancePlan) -> bool:
    if actor.is_admin or is_self(actor, plan) or is_unit_head(actor, plan):
        return True
    return actor.has_role(ORG_WIDE_READERS, plan.employee.organization_id)


EDITABLE_PLAN = (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.AMENDING)


@rule("performance.edit_plan")
def _edit_plan(actor: Actor, plan: PerformancePlan) -> bool:
    return is_self(actor, plan) and plan.status in EDITABLE_PLAN


@rule("performance.amend_plan")
def _amend_plan(actor: Actor, plan: PerformancePlan) -> bool:
    """The employee opens an amendment of their approved plan; the unit head approves it."""
    return is_self(actor, plan) and plan.status == PlanStatus.APPROVED


@rule("performance.approve_plan")
def _approve_plan(actor: Actor, plan: PerformancePlan) -> bool:
    return is_unit_head(actor, plan) or (actor.is_admin and not is_self(actor, plan))


@rule("performance.record_interview")
def _record_interview(actor: Actor, employee: Employee) -> bool:
    """The progress interview is recorded by the employee's unit head."""
    return is_unit_head(actor, employee) or (actor.is_admin and not is_self(actor, employee))


@rule("performance.view_sheet")
def _view_sheet(actor: Actor, sheet: EvaluationSheet) -> bool:
    if actor.is_admin or is_self(actor, sheet) or is_unit_head(actor, sheet):
        return True
    return actor.has_role(ORG_WIDE_READERS, sheet.employee.organization_id)


@rule("performance.edit_report")
def _edit_report(actor: Actor, sheet: EvaluationSheet) -> bool:
    return is_self(actor, sheet) and sheet.status == SheetStatus.DRAFT


@rule("performance.submit_report")
def _submit_report(actor: Actor, sheet: EvaluationSheet) -> bool:
    return is_self(actor, sheet)


@rule("performance.verify_report")
def _verify_report(actor: Actor, sheet: EvaluationSheet) -> bool:
    return is_unit_head(actor, sheet)


@rule("performance.assess")
def _assess(actor: Actor, sheet: EvaluationSheet) -> bool:
    return is_unit_head(actor, sheet)


@rule("performance.acknowledge")
def _acknowledge(actor: Actor, sheet: EvaluationSheet) -> bool:
    return is_self(actor, sheet)


@rule("performance.rescore")
def _rescore(actor: Actor, sheet: EvaluationSheet) -> bool:
    return not is_self(actor, sheet) and is_team(actor, sheet)


@rule("performance.review")
def _review(actor: Actor, sheet: EvaluationSheet) -> bool:
    return not is_self(actor, sheet) and is_team(actor, sheet, Role.EVAL_LEADER)


@rule("performance.cosign_review")
def _cosign(actor: Actor, sheet: EvaluationSheet) -> bool:
    return not is_self(actor, sheet) and is_team(actor, sheet, Role.EVAL_SECRETARY)


@rule("performance.answer_disagreement")
def _answer(actor: Actor, sheet: EvaluationSheet) -> bool:
    return not is_self(actor, sheet) and is_team(actor, sheet, (Role.EVAL_LEADER, Role.EVAL_SECRETARY))


@rule("performance.confirm")
def _confirm(actor: Actor, sheet: EvaluationSheet) -> bool:
    return not is_self(actor, sheet) and is_org_head(actor, sheet)


@rule("performance.reopen")
def _reopen(actor: Actor, sheet: EvaluationSheet) -> bool:
    return not is_self(actor, sheet) and is_org_head(actor, sheet)


@rule("performance.score_colleague")
def _score_colleague(actor: Actor, sheet: EvaluationSheet) -> bool:
    """Colleagues of the same unit: not the employee, not the unit's head."""
    me = actor.employee
    if me is None or sheet.employee_id == me.pk or sheet.employee.unit_id is None:
        return False
    if me.unit_id != sheet.employee.unit_id or actor.is_unit_head_of(sheet.employee):
        return False
    return sheet.status in COLLEAGUE_OPEN


@rule("performance.view_unit")
def _view_unit(actor: Actor, obj: Any = None) -> bool:
    return bool(actor.unit_ids())


@rule("performance.view_team_queue")
def _view_team_queue(actor: Actor, obj: Any = None) -> bool:
    return actor.is_admin or bool(actor.org_ids((*EVALUATION_TEAM_ROLES, Role.ORG_HEAD)))


@rule("performance.view_overview")
def _view_overview(actor: Actor, obj: Any = None) -> bool:
    return actor.is_admin or bool(actor.org_ids())


@rule("performance.manage_cycles")
def _manage_cycles(actor: Actor, obj: Any = None) -> bool:
    """Evaluation cycles and their deadlines: the organization's administrator and HR officer.
    ``obj`` is an organization or a cycle; without one, "in some organization"."""
    if actor.is_admin:
        return True
    managed = actor.org_ids((Role.ORG_ADMIN, Role.HR_OFFICER))
    if obj is None:
        return bool(managed)
    return getattr(obj, "organization_id", getattr(obj, "pk", None)) in managed
