"""Implementation percentages of objectives, sections, plans, organizations and units.

METHODOLOGY.md part B: only assessed actions count ("not yet due" and "cannot be evaluated"
are excluded); objective = mean of its assessed actions; section = mean of the assessed actions
of its objectives; plan = mean of all its assessed actions (not a mean of section means); a
responsible unit = mean over the assessed actions it is responsible for. Every figure carries the
number of actions behind it.

Sums and counts are computed in SQL (`Sum`/`Count` with `filter=`), one query per level whatever
the number of actions; the mean is divided in Python as an exact Decimal, because SQLite's AVG
is a float that would be rounded twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from urdun.core.numbers import round1
from urdun.plans.models import Assessment, Plan, ReportingPeriod, Responsible

ASSESSED = Assessment.Status.ASSESSED
EXCLUDED = (Assessment.Status.NOT_DUE, Assessment.Status.CANNOT_EVALUATE)


@dataclass(frozen=True)
class Figure:
    """A percentage with the counts behind it. `percent` is unrounded; show `display`."""

    total: Decimal
    assessed: int
    excluded: int = 0

    @property
    def percent(self) -> Decimal | None:
        return self.total / Decimal(self.assessed) if self.assessed else None

    @property
    def rounded(self) -> Decimal | None:
        p = self.percent
        return round1(p) if p is not None else None

    @property
    def display(self) -> str | None:
        r = self.rounded
        return f"{r}" if r is not None else None


EMPTY = Figure(Decimal(0), 0, 0)


def _figure(row: dict[str, Any], prefix: str = "") -> Figure:
    return Figure(
        total=Decimal(row[f"{prefix}total"] or 0),
        assessed=row[f"{prefix}assessed"] or 0,
        excluded=row.get(f"{prefix}excluded") or 0,
    )


def _annotations(prefix: str = "") -> dict[str, Any]:
    status = f"{prefix}status"
    return {
        "total": Sum(f"{prefix}percent", filter=Q(**{status: ASSESSED})),
        "assessed": Count(f"{prefix}id", filter=Q(**{status: ASSESSED})),
        "excluded": Count(f"{prefix}id", filter=Q(**{f"{status}__in": EXCLUDED})),
    }


def _grouped(qs: QuerySet, key: str) -> dict[Any, Figure]:
    return {row[key]: _figure(row) for row in qs.values(key).annotate(**_annotations()).order_by()}


@dataclass
class PlanFigures:
    plan: Figure
    sections: dict[int, Figure]
    objectives: dict[int, Figure]
    units: list[dict[str, Any]]

    def section(self, pk: int) -> Figure:
        return self.sections.get(pk, EMPTY)

    def objective(self, pk: int) -> Figure:
        return self.objectives.get(pk, EMPTY)


def plan_figures(plan: Plan, period: ReportingPeriod | None, action_filter: Q | None = None) -> PlanFigures:
    """Every level of one plan for one period, in four queries."""
    if period is None:
        return PlanFigures(EMPTY, {}, {}, [])
    base = Assessment.objects.filter(period=period, action__plan=plan)
    if action_filter is not None:
        base = base.filter(action__in=plan.actions.filter(action_filter))
    plan_row = base.aggregate(**_annotations())
    return PlanFigures(
        plan=_figure(plan_row),
        sections=_grouped(base, "action__objective__section_id"),
        objectives=_grouped(base, "action__objective_id"),
        units=unit_figures(Responsible.objects.filter(action__plan=plan), period),
    )


def unit_figures(responsibles: QuerySet, period: ReportingPeriod) -> list[dict[str, Any]]:
    """Per responsible unit: the mean over the assessed actions it is responsible for.

    A unit is linked at most once per action (a database constraint), so joining through the
    responsible rows counts each action once."""
    a = "action__assessments__"
    period_q = Q(**{f"{a}period": period})
    rows = (
        responsibles.filter(unit__isnull=False)
        .values("unit_id", "unit__abbreviation", "unit__name")
        .annotate(
            total=Sum(f"{a}percent", filter=period_q & Q(**{f"{a}status": ASSESSED})),
            assessed=Count(f"{a}id", filter=period_q & Q(**{f"{a}status": ASSESSED})),
            excluded=Count(f"{a}id", filter=period_q & Q(**{f"{a}status__in": EXCLUDED})),
            actions=Count("action_id", distinct=True),
        )
        .order_by("unit__abbreviation", "unit__name")
    )
    return [
        {
            "unit_id": row["unit_id"],
            "abbreviation": row["unit__abbreviation"],
            "name": row["unit__name"],
            "actions": row["actions"],
            "figure": _figure(row),
        }
        for row in rows
    ]


def organization_figure(organization: Any, period: ReportingPeriod) -> Figure:
    """All assessed actions of all the organization's plans for the period."""
    row = Assessment.objects.filter(period=period, action__plan__organization=organization).aggregate(
        **_annotations()
    )
    return _figure(row)


def plan_history(plan: Plan) -> list[tuple[ReportingPeriod, Figure]]:
    """The plan's percentage for every period that has assessments, oldest first (2 queries)."""
    rows = {
        row["period_id"]: _figure(row)
        for row in Assessment.objects.filter(action__plan=plan)
        .values("period_id")
        .annotate(**_annotations())
        .order_by()
    }
    periods = ReportingPeriod.objects.filter(pk__in=rows).order_by("year", "end", "kind")
    return [(p, rows[p.pk]) for p in periods]


def fmt(value: Decimal | None) -> str | None:
    """One-decimal string for payloads, or None."""
    return f"{round1(value)}" if value is not None else None


def percent_text(value: Decimal | None) -> str | None:
    """An action's own percentage as written: "70", "72.5"."""
    if value is None:
        return None
    normal = value.normalize()
    return f"{normal:f}"


__all__: Iterable[str] = (
    "Figure",
    "PlanFigures",
    "fmt",
    "organization_figure",
    "percent_text",
    "plan_figures",
    "plan_history",
    "round1",
    "unit_figures",
)
