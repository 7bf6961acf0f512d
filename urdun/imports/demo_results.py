"""Demo step: the organization head of Bayankhongor publishes the closed 2025-H1 results."""

from __future__ import annotations

from django.utils.translation import gettext as _

from urdun.organizations.models import User
from urdun.performance.models import EvaluationCycle, Period
from urdun.results import publication


def load() -> list[str]:
    cycle = (
        EvaluationCycle.objects.filter(organization__code="bayankhongor", year=2025, period=Period.H1)
        .select_related("organization", "methodology")
        .first()
    )
    head = User.objects.filter(username="khishigbaatar").first()
    if cycle is None or head is None or not publication.is_closed(cycle):
        return []
    if publication.current("bayankhongor", cycle.code) is None:
        publication.publish(head, cycle)
    return [_("Published results: /results/public/bayankhongor/2025-H1/")]
