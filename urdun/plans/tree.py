"""Load a plan's whole tree for one period in a fixed number of queries.

Used by the plan page, the dashboards, the public page and the payload: the number of queries
does not depend on the number of actions (asserted in tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q

from urdun.plans.models import (
    Action,
    Assessment,
    Objective,
    Plan,
    ProgressReport,
    ReportingPeriod,
    Responsible,
    Section,
)


@dataclass
class Tree:
    plan: Plan
    period: ReportingPeriod | None
    sections: list[Section] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def load_tree(
    plan: Plan,
    period: ReportingPeriod | None,
    action_filter: Q | None = None,
    *,
    with_reports: bool = True,
    keep_empty: bool = True,
) -> Tree:
    """Sections → objectives → actions, each action carrying `.assessment` and `.report` for the
    period (None when absent) and its responsibles with their unit, organization and employee."""
    sections = list(plan.sections.all())
    objectives = list(Objective.objects.filter(section__plan=plan))
    actions_qs = plan.actions.prefetch_related(
        Prefetch(
            "responsibles",
            queryset=Responsible.objects.select_related("unit", "organization", "employee"),
        )
    )
    if action_filter is not None:
        actions_qs = actions_qs.filter(action_filter).distinct()
    actions = list(actions_qs)
    assessments: dict[int, Assessment] = {}
    reports: dict[int, ProgressReport] = {}
    if period is not None:
        assessments = {
            a.action_id: a
            for a in Assessment.objects.filter(period=period, action__plan=plan).select_related("assessed_by")
        }
        if with_reports:
            reports = {
                r.action_id: r
                for r in ProgressReport.objects.filter(period=period, action__plan=plan)
                .select_related("submitted_by")
                .annotate(evidence_count=Count("evidence"))
            }
    by_objective: dict[int, list[Action]] = {}
    for a in actions:
        a.assessment = assessments.get(a.pk)
        a.report = reports.get(a.pk)
        by_objective.setdefault(a.objective_id, []).append(a)
    by_section: dict[int, list[Objective]] = {}
    for o in objectives:
        o.action_list = by_objective.get(o.pk, [])
        if keep_empty or o.action_list:
            by_section.setdefault(o.section_id, []).append(o)
    for s in sections:
        s.objective_list = by_section.get(s.pk, [])
    if not keep_empty:
        sections = [s for s in sections if s.objective_list]
    ordered = [a for s in sections for o in s.objective_list for a in o.action_list]
    return Tree(plan=plan, period=period, sections=sections, actions=ordered)


def latest_assessed_period(plan: Plan) -> ReportingPeriod | None:
    return (
        ReportingPeriod.objects.filter(assessments__action__plan=plan)
        .order_by("-year", "-end", "-kind")
        .first()
    )


def default_period(plan: Plan) -> ReportingPeriod | None:
    """The latest period with assessments, else the first quarter of the plan's year."""
    latest = latest_assessed_period(plan)
    if latest is not None:
        return latest
    return (
        ReportingPeriod.objects.filter(organization_id=plan.organization_id, year=plan.year)
        .order_by("end", "kind")
        .first()
    )


def responsibles_summary(action: Any) -> list[dict[str, Any]]:
    return [{"text": r.text, "kind": r.kind, "resolved": r.resolved} for r in action.responsibles.all()]
