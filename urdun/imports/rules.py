from __future__ import annotations

from urdun.organizations.models import Employee, Role
from urdun.organizations.permissions import Actor, rule


@rule("imports.import_performance")
def _import_performance(actor: Actor, employee: Employee | None) -> bool:
    """Bringing in a person's paper report: the person, their unit head, HR, administrators."""
    if actor.is_admin:
        return True
    if employee is None:
        return actor.employee is not None
    return (
        employee.pk == actor.employee_id
        or actor.is_unit_head_of(employee)
        or actor.has_role((Role.HR_OFFICER, Role.ORG_ADMIN), employee.organization_id)
    )
