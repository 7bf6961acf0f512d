"""Who may download which documents. A single sheet or plan follows its own view capability;
bulk exports of a unit or organization are for those who see all of its sheets."""

from __future__ import annotations

from typing import Any

from urdun.organizations.models import EVALUATION_TEAM_ROLES, Organization, Role, Unit
from urdun.organizations.permissions import Actor, rule

BULK_ROLES = (*EVALUATION_TEAM_ROLES, Role.HR_OFFICER, Role.ORG_HEAD, Role.ORG_ADMIN)


@rule("documents.bulk_export")
def _bulk_export(actor: Actor, scope: Organization | Unit | None) -> bool:
    if actor.is_admin:
        return True
    if isinstance(scope, Unit):
        return scope.pk in actor.unit_ids() or actor.has_role(BULK_ROLES, scope.organization_id)
    if isinstance(scope, Organization):
        return actor.has_role(BULK_ROLES, scope.pk)
    return bool(actor.unit_ids()) or bool(actor.org_ids(BULK_ROLES))


@rule("documents.view_job")
def _view_job(actor: Actor, job: Any) -> bool:
    return actor.is_admin or job.requested_by_id == actor.user.pk
