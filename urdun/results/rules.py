"""Who may publish results and who sees the inflation signal (registered in ResultsConfig.ready)."""

from __future__ import annotations

from typing import Any

from urdun.organizations.models import EVALUATION_TEAM_ROLES, Organization, Role
from urdun.organizations.permissions import Actor, rule

SIGNAL_READERS = (*EVALUATION_TEAM_ROLES, Role.ORG_HEAD, Role.ORG_ADMIN)


def _org_id(obj: Any) -> int | None:
    return obj.pk if isinstance(obj, Organization) else getattr(obj, "organization_id", None)


@rule("results.view")
def view_results(actor: Actor, obj: Any) -> bool:
    """The organization's results page: the evaluation team, the head, HR and administrators."""
    return actor.is_admin or actor.has_role((*SIGNAL_READERS, Role.HR_OFFICER), _org_id(obj))


@rule("results.publish")
def publish(actor: Actor, obj: Any) -> bool:
    return actor.is_admin or actor.has_role(Role.ORG_HEAD, _org_id(obj))


@rule("results.view_signal")
def view_signal(actor: Actor, obj: Any) -> bool:
    """Never the people rated: the evaluation team, the organization head, administrators."""
    return actor.is_admin or actor.has_role(SIGNAL_READERS, _org_id(obj))


@rule("results.view_raters")
def view_raters(actor: Actor, obj: Any) -> bool:
    """The evaluation team (and administrators) only: never the people rated, unit heads included."""
    return actor.is_admin or actor.has_role((*EVALUATION_TEAM_ROLES, Role.ORG_ADMIN), _org_id(obj))


@rule("results.calibrate")
def calibrate(actor: Actor, obj: Any) -> bool:
    """Calibration sessions are the evaluation team's (and administrators')."""
    return actor.is_admin or actor.has_role(EVALUATION_TEAM_ROLES, _org_id(obj))
