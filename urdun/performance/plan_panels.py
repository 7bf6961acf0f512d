"""What individual performance adds to the organizational plan's action page: the individual
actions cascaded from it, with their latest progress (see `urdun.plans.hooks`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from urdun.performance.models import PerformancePlan, ReportEntry


def cascade_context(request: HttpRequest, page: Mapping[str, Any]) -> dict[str, Any]:
    """Individual performance-plan actions cascaded from the page's action, visible to the user."""
    action = page["a"]
    visible = PerformancePlan.objects.for_user(request.user)
    linked = list(
        action.performance_actions.filter(objective__plan__in=visible)
        .select_related("objective__plan__employee__unit")
        .order_by("objective__plan__employee__given_name", "number")
    )
    latest: dict[int, Any] = {}
    entries = (
        ReportEntry.objects.filter(indicator__action__in=linked)
        .select_related("sheet", "indicator")
        .order_by("-pk")
    )
    for e in entries:
        latest.setdefault(e.indicator.action_id, e)
    cascade = [
        {
            "action": pa,
            "plan": pa.objective.plan,
            "employee": pa.objective.plan.employee,
            "latest": latest.get(pa.pk),
        }
        for pa in linked
    ]
    return {"cascade": cascade}
