"""Rater analytics: how each unit head scores, and how often the evaluation team changes it.

For one organization and cycle, per unit head (the person who signed the "assessment given"
step of a sheet): the sheets rated; the mean and spread (population standard deviation) of the
part-1 row totals they gave; the share of rows at the maximum points; the mean of their part-3
criterion points; the distance of their mean row total to the organization's mean for the same
civil-service category (comparable positions); how many of their rows the team re-scored and by
how much on average. Per team re-scorer (who signed the team leader's review): rows re-scored and
the mean change. Exact Decimals from SQL sums (Σx, Σx², n): the variance is E[x²] − E[x]².
Three queries whatever the number of raters. Shown to the evaluation team, never to the people
rated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Abs

from urdun.core.numbers import HUNDRED, round1
from urdun.organizations.models import Employee
from urdun.performance.models import EvaluationCycle, HeadScore, SheetEvent, SheetRow, Step

ROW_TOTAL = ExpressionWrapper(F("performance") + F("timeliness"), output_field=DecimalField())


def _signer(step: str) -> Subquery:
    return Subquery(
        SheetEvent.objects.filter(sheet=OuterRef("sheet_id"), step=step, decision="signed", voided=False)
        .order_by("-at")
        .values("actor_id")[:1]
    )


@dataclass
class Rater:
    employee_id: int
    name: str = ""
    position: str = ""
    sheets: int = 0
    rows: int = 0
    row_sum: Decimal = Decimal(0)
    row_squares: Decimal = Decimal(0)
    at_max: int = 0
    head_points_sum: Decimal = Decimal(0)
    head_points_n: int = 0
    rescored: int = 0
    rescore_change: Decimal = Decimal(0)
    by_category: dict[str, tuple[Decimal, int]] = field(default_factory=dict)
    distance: Decimal | None = None

    @property
    def mean(self) -> Decimal | None:
        return self.row_sum / self.rows if self.rows else None

    @property
    def spread(self) -> Decimal | None:
        if not self.rows:
            return None
        m = self.row_sum / self.rows
        variance = max(Decimal(0), self.row_squares / self.rows - m * m)
        return variance.sqrt()

    @property
    def max_share(self) -> Decimal | None:
        return HUNDRED * self.at_max / self.rows if self.rows else None

    @property
    def head_mean(self) -> Decimal | None:
        return self.head_points_sum / self.head_points_n if self.head_points_n else None

    @property
    def changed_share(self) -> Decimal | None:
        return HUNDRED * self.rescored / self.rows if self.rows else None

    @property
    def mean_change(self) -> Decimal | None:
        return self.rescore_change / self.rescored if self.rescored else None

    def as_dict(self) -> dict[str, Any]:
        def r(v: Decimal | None) -> str | None:
            return str(round1(v)) if v is not None else None

        return {
            "rater": self.name,
            "position": self.position,
            "sheets": self.sheets,
            "rows": self.rows,
            "mean_row_total": r(self.mean),
            "spread": r(self.spread),
            "share_at_maximum": r(self.max_share),
            "mean_head_points": r(self.head_mean),
            "distance_to_organization": r(self.distance),
            "rescored_rows": self.rescored,
            "rescored_share": r(self.changed_share),
            "mean_rescore_change": r(self.mean_change),
        }


def analytics(cycle: EvaluationCycle) -> dict[str, Any]:
    methodology = cycle.methodology
    row_max = methodology.max_performance + methodology.max_timeliness
    rows = (
        SheetRow.objects.filter(
            sheet__cycle=cycle,
            kind__in=["action", "assignment"],
            performance__isnull=False,
            timeliness__isnull=False,
        )
        .annotate(rater=_signer(Step.ASSESSED), category=F("sheet__employee__category"), total=ROW_TOTAL)
        .values("rater", "category")
        .annotate(
            n=Count("pk"),
            sheets=Count("sheet_id", distinct=True),
            s=Sum("total"),
            s2=Sum(F("total") * F("total"), output_field=DecimalField()),
            at_max=Count("pk", filter=Q(total__gte=row_max)),
            rescored=Count("pk", filter=Q(rescore__isnull=False)),
            change=Sum(
                Abs(F("rescore") - F("total")), filter=Q(rescore__isnull=False), output_field=DecimalField()
            ),
        )
    )
    raters: dict[int, Rater] = {}
    org_category: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in rows:
        s = Decimal(row["s"] or 0)
        org_category[row["category"]][0] += s
        org_category[row["category"]][1] += row["n"]
        if row["rater"] is None:
            continue
        r = raters.setdefault(row["rater"], Rater(employee_id=row["rater"]))
        r.sheets += row["sheets"]
        r.rows += row["n"]
        r.row_sum += s
        r.row_squares += Decimal(row["s2"] or 0)
        r.at_max += row["at_max"]
        r.rescored += row["rescored"]
        r.rescore_change += Decimal(row["change"] or 0)
        r.by_category[row["category"]] = (s, row["n"])
    for row in (
        HeadScore.objects.filter(sheet__cycle=cycle, points__isnull=False)
        .annotate(rater=_signer(Step.ASSESSED))
        .values("rater")
        .annotate(s=Sum("points"), n=Count("pk"))
    ):
        if row["rater"] in raters:
            raters[row["rater"]].head_points_sum = Decimal(row["s"] or 0)
            raters[row["rater"]].head_points_n = row["n"]
    people = Employee.objects.in_bulk(list(raters))
    for r in raters.values():
        person = people.get(r.employee_id)
        r.name, r.position = (person.short_name, person.position) if person else ("", "")
        # distance: the rater's rows against the organization's mean for the same categories,
        # weighted by how many rows of each category the rater scored
        diff = Decimal(0)
        for category, (s, n) in r.by_category.items():
            org_s, org_n = org_category[category]
            diff += s - n * (org_s / org_n)
        r.distance = diff / r.rows if r.rows else None
    organization_mean = None
    total_n = sum(n for _s, n in org_category.values())
    if total_n:
        organization_mean = sum(s for s, _n in org_category.values()) / total_n
    return {
        "raters": sorted(raters.values(), key=lambda r: (-(r.mean or 0), r.name)),
        "organization_mean": organization_mean,
        "team": team_rescorers(cycle),
    }


def team_rescorers(cycle: EvaluationCycle) -> list[dict[str, Any]]:
    """Per team leader who signed the review: the rows re-scored and the mean change."""
    out = []
    found = (
        SheetRow.objects.filter(
            sheet__cycle=cycle, rescore__isnull=False, performance__isnull=False, timeliness__isnull=False
        )
        .annotate(reviewer=_signer(Step.REVIEWED_LEADER), total=ROW_TOTAL)
        .values("reviewer")
        .annotate(n=Count("pk"), change=Sum(F("rescore") - F("total"), output_field=DecimalField()))
        .order_by("reviewer")
    )
    rows = list(found)
    people = Employee.objects.in_bulk([r["reviewer"] for r in rows if r["reviewer"]])
    for row in rows:
        person = people.get(row["reviewer"])
        change = Decimal(row["change"] or 0) / row["n"] if row["n"] else None
        out.append(
            {
                "reviewer": person.short_name if person else "",
                "rows": row["n"],
                "mean_change": str(round1(change)) if change is not None else None,
            }
        )
    return out
