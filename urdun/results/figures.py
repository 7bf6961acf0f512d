"""The evaluation results of one organization and cycle, per unit, in SQL.

Only confirmed sheets count (their ``final_total`` and ``final_rating`` are stored at
confirmation). Two queries whatever the number of units and people: one grouped query for the
counts, sums and band counts, one ordered list of totals for the medians. Means are divided in
Python as exact Decimals (SQLite's AVG is a float).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median
from typing import Any

from django.db.models import Count, Q, Sum

from urdun.core.numbers import HUNDRED, round1
from urdun.performance.models import EvaluationCycle, EvaluationSheet, SheetStatus


@dataclass
class Group:
    """The figures of a unit (or of the organization when ``unit_id`` is None)."""

    unit_id: int | None
    name: str
    n: int = 0
    total_sum: Decimal = Decimal(0)
    bands: list[int] = field(default_factory=list)
    totals: list[Decimal] = field(default_factory=list)

    @property
    def mean(self) -> Decimal | None:
        return self.total_sum / Decimal(self.n) if self.n else None

    @property
    def median(self) -> Decimal | None:
        return Decimal(median(self.totals)) if self.totals else None

    @property
    def top_share(self) -> Decimal | None:
        return HUNDRED * Decimal(self.bands[0]) / Decimal(self.n) if self.n and self.bands else None


@dataclass
class CycleResults:
    cycle: EvaluationCycle
    letters: list[str]
    labels: list[str]
    units: list[Group]
    organization: Group


def confirmed(cycle: EvaluationCycle) -> Any:
    return EvaluationSheet.objects.filter(
        cycle=cycle, status=SheetStatus.CONFIRMED, final_total__isnull=False
    )


def cycle_results(cycle: EvaluationCycle) -> CycleResults:
    from urdun.results.methodology import band_letters_and_labels

    letters, labels = band_letters_and_labels(cycle.methodology)
    band_counts = {
        f"band_{i}": Count("pk", filter=Q(final_rating=letter)) for i, letter in enumerate(letters)
    }
    grouped = (
        confirmed(cycle)
        .values("employee__unit_id", "employee__unit__name")
        .annotate(n=Count("pk"), total_sum=Sum("final_total"), **band_counts)
        .order_by("employee__unit__name", "employee__unit_id")
    )
    units: dict[int | None, Group] = {}
    for row in grouped:
        units[row["employee__unit_id"]] = Group(
            unit_id=row["employee__unit_id"],
            name=row["employee__unit__name"] or "",
            n=row["n"],
            total_sum=Decimal(row["total_sum"] or 0),
            bands=[row[f"band_{i}"] for i in range(len(letters))],
        )
    org = Group(unit_id=None, name=str(cycle.organization), bands=[0] * len(letters))
    for unit_id, total in (
        confirmed(cycle).values_list("employee__unit_id", "final_total").order_by("final_total")
    ):
        units[unit_id].totals.append(Decimal(total))
        org.totals.append(Decimal(total))
    for g in units.values():
        org.n += g.n
        org.total_sum += g.total_sum
        org.bands = [a + b for a, b in zip(org.bands, g.bands, strict=True)]
    return CycleResults(cycle, letters, labels, list(units.values()), org)


def display(value: Decimal | None) -> str | None:
    return str(round1(value)) if value is not None else None
