"""The inflation signal: a unit's ratings beside its own results.

For each unit of an organization and each of its recent cycles: the mean total of its people's
confirmed sheets, the share at the top band, and the implementation of the organizational plan
actions the unit is responsible for in the matching reporting period (the half-year's H1 period,
the year's Y period; METHODOLOGY.md part B: mean of the assessed actions), and the gap between
the two. Four queries whatever the number of units and cycles: cycles, units, the sheets grouped
by (cycle, unit), the assessments grouped by (responsible unit, period).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from urdun.core.numbers import HUNDRED, round1
from urdun.organizations.models import Organization, Unit
from urdun.performance.models import EvaluationCycle, EvaluationSheet, Period, SheetStatus
from urdun.plans.models import Assessment
from urdun.results.methodology import band_letters_and_labels

CYCLES_SHOWN = 6


@dataclass
class Signal:
    unit_id: int
    unit: str
    cycle: str
    evaluated: int
    mean_total: Decimal | None
    top_share: Decimal | None
    implementation: Decimal | None
    assessed_actions: int

    @property
    def gap(self) -> Decimal | None:
        if self.mean_total is None or self.implementation is None:
            return None
        return self.mean_total - self.implementation

    def as_dict(self) -> dict[str, Any]:
        def r(v: Decimal | None) -> str | None:
            return str(round1(v)) if v is not None else None

        return {
            "unit": self.unit,
            "cycle": self.cycle,
            "evaluated": self.evaluated,
            "mean_total": r(self.mean_total),
            "top_band_share": r(self.top_share),
            "implementation": r(self.implementation),
            "assessed_actions": self.assessed_actions,
            "gap": r(self.gap),
        }


def _period_kind(cycle: EvaluationCycle) -> str:
    return "H1" if cycle.period == Period.H1 else "Y"


def signals(organization: Organization, cycles: list[EvaluationCycle] | None = None) -> list[Signal]:
    if cycles is None:
        cycles = list(
            EvaluationCycle.objects.filter(organization=organization)
            .select_related("methodology")
            .order_by("-year", "-period")[:CYCLES_SHOWN]
        )
    if not cycles:
        return []
    units = list(Unit.objects.filter(organization=organization).order_by("name").values_list("pk", "name"))
    top_letter = {c.pk: band_letters_and_labels(c.methodology)[0][0] for c in cycles}
    people: dict[tuple[int, int], dict[str, Any]] = {}
    rows = (
        EvaluationSheet.objects.filter(
            cycle__in=cycles, status=SheetStatus.CONFIRMED, final_total__isnull=False
        )
        .values("cycle_id", "employee__unit_id", "final_rating")
        .annotate(n=Count("pk"), total=Sum("final_total"))
    )
    for row in rows:
        key = (row["cycle_id"], row["employee__unit_id"])
        slot = people.setdefault(key, {"n": 0, "total": Decimal(0), "top": 0})
        slot["n"] += row["n"]
        slot["total"] += Decimal(row["total"] or 0)
        if row["final_rating"] == top_letter[row["cycle_id"]]:
            slot["top"] += row["n"]
    plans: dict[tuple[int, int, str], tuple[Decimal, int]] = {}
    assessed = Q(status=Assessment.Status.ASSESSED)
    for row in (
        Assessment.objects.filter(
            action__responsibles__unit__organization=organization,
            period__year__in={c.year for c in cycles},
            period__kind__in={_period_kind(c) for c in cycles},
        )
        .values("action__responsibles__unit_id", "period__year", "period__kind")
        .annotate(total=Sum("percent", filter=assessed), n=Count("pk", filter=assessed))
    ):
        key = (row["action__responsibles__unit_id"], row["period__year"], row["period__kind"])
        plans[key] = (Decimal(row["total"] or 0), row["n"])
    out = []
    for cycle in cycles:
        for unit_id, name in units:
            p = people.get((cycle.pk, unit_id))
            total, n = plans.get((unit_id, cycle.year, _period_kind(cycle)), (Decimal(0), 0))
            if p is None and n == 0:
                continue
            out.append(
                Signal(
                    unit_id=unit_id,
                    unit=name,
                    cycle=cycle.code,
                    evaluated=p["n"] if p else 0,
                    mean_total=p["total"] / Decimal(p["n"]) if p else None,
                    top_share=HUNDRED * Decimal(p["top"]) / Decimal(p["n"]) if p else None,
                    implementation=total / Decimal(n) if n else None,
                    assessed_actions=n,
                )
            )
    return out


SORT_KEYS = {
    "unit": lambda s: (s.unit, s.cycle),
    "mean": lambda s: (s.mean_total is None, -(s.mean_total or 0)),
    "implementation": lambda s: (s.implementation is None, s.implementation or 0),
    "gap": lambda s: (s.gap is None, -(s.gap or 0)),
    "top": lambda s: (s.top_share is None, -(s.top_share or 0)),
}


def sort(rows: list[Signal], key: str) -> list[Signal]:
    return sorted(rows, key=SORT_KEYS.get(key, SORT_KEYS["gap"]))
