"""Plan implementation and evaluation figures per organization below a node of the tree.

Each row is an organization under the node (or the node itself) with the figures of its whole
subtree: a soum counts itself, an aimag counts its office, soums and agencies. Three queries,
whatever the size: employees, sheets of the chosen cycle, assessments of the chosen reporting
period, each one GROUP BY over a recursive walk of the tree.

Plan implementation is the mean percent of the assessed actions (actions not yet due or that
cannot be evaluated are left out), as on the organization's own dashboard; the evaluation
figures are the confirmed sheets' mean total and the count per rating letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connection

from urdun.core.numbers import round1
from urdun.organizations.models import Employee, Organization

_ORG = Organization._meta.db_table


def _rows_cte(roots: list[int], own: int | None) -> tuple[str, list[Any]]:
    """`rows(id, top)`: every organization at or under each root, tagged with its root; `own`
    adds the node itself as a row of its own (without its children)."""
    marks = ", ".join(["%s"] * len(roots))
    sql = (
        "WITH RECURSIVE sub(id, top) AS ("  # noqa: S608 - table names from the models, values as parameters
        f' SELECT id, id FROM "{_ORG}" WHERE id IN ({marks})'
        f' UNION ALL SELECT o.id, sub.top FROM "{_ORG}" o JOIN sub ON o.parent_id = sub.id)'
    )
    params: list[Any] = list(roots)
    if own is not None:
        sql += ", rows(id, top) AS (SELECT id, top FROM sub UNION ALL SELECT %s, %s)"
        params += [own, own]
    else:
        sql += ", rows(id, top) AS (SELECT id, top FROM sub)"
    return sql, params


@dataclass
class Row:
    org: Organization
    own: bool = False  # the node's own office, not its subtree
    organizations: int = 0
    employees: int = 0
    sheets: int = 0
    reported: int = 0
    confirmed: int = 0
    average: Decimal | None = None
    ratings: dict[str, int] = field(default_factory=dict)
    actions: int = 0
    assessed: int = 0
    implementation: Decimal | None = None

    @property
    def confirmed_percent(self) -> Decimal | None:
        return round1(Decimal(self.confirmed) * 100 / self.sheets) if self.sheets else None

    @property
    def has_children(self) -> bool:
        return self.organizations > 1 and not self.own


def _table(app: str, model: str) -> str:
    return apps.get_model(app, model)._meta.db_table


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else round1(Decimal(str(value)))


def figures(
    roots: list[Organization], own: Organization | None, year: int, period: str, letters: list[str]
) -> list[Row]:
    """Rows for `roots` (each over its subtree) and, if given, `own` alone."""
    rows = {o.pk: Row(org=o) for o in roots}
    if own is not None:
        rows[own.pk] = Row(org=own, own=True)
    if not rows:
        return []
    cte, params = _rows_cte([o.pk for o in roots] or [0], own.pk if own else None)
    employee = Employee._meta.db_table
    cycle, sheet = _table("performance", "EvaluationCycle"), _table("performance", "EvaluationSheet")
    plan, action = _table("plans", "Plan"), _table("plans", "Action")
    period_t, assessment = _table("plans", "ReportingPeriod"), _table("plans", "Assessment")
    rating_sums = ", ".join("SUM(CASE WHEN s.final_rating = %s THEN 1 ELSE 0 END)" for _ in letters)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{cte} SELECT rows.top, COUNT(DISTINCT rows.id), COUNT(e.id) FROM rows"  # noqa: S608 - table names from the models, values as parameters
            f' LEFT JOIN "{employee}" e ON e.organization_id = rows.id AND e.is_active'
            " GROUP BY rows.top",
            params,
        )
        for top, orgs, people in cursor.fetchall():
            rows[top].organizations, rows[top].employees = orgs, people
        cursor.execute(
            f"{cte} SELECT rows.top, COUNT(s.id),"  # noqa: S608 - table names from the models, values as parameters
            " SUM(CASE WHEN s.status <> 'draft' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN s.status = 'confirmed' THEN 1 ELSE 0 END),"
            " AVG(CASE WHEN s.status = 'confirmed' THEN s.final_total END)"
            f"{', ' + rating_sums if letters else ''}"
            f' FROM rows JOIN "{cycle}" c ON c.organization_id = rows.id'
            " AND c.year = %s AND c.period = %s"
            f' JOIN "{sheet}" s ON s.cycle_id = c.id GROUP BY rows.top',
            [*params, *letters, year, period],
        )
        for top, sheets, reported, confirmed, average, *counts in cursor.fetchall():
            row = rows[top]
            row.sheets, row.reported, row.confirmed = sheets, reported or 0, confirmed or 0
            row.average = _decimal(average)
            row.ratings = dict(zip(letters, (c or 0 for c in counts), strict=True))
        cursor.execute(
            f"{cte} SELECT rows.top, COUNT(a.id),"  # noqa: S608 - table names from the models, values as parameters
            " SUM(CASE WHEN x.status = 'assessed' THEN 1 ELSE 0 END),"
            " AVG(CASE WHEN x.status = 'assessed' THEN x.percent END)"
            f' FROM rows JOIN "{plan}" p ON p.organization_id = rows.id AND p.year = %s AND p.is_published'
            f' JOIN "{action}" a ON a.plan_id = p.id'
            f' LEFT JOIN "{period_t}" rp ON rp.organization_id = rows.id AND rp.year = %s AND rp.kind = %s'
            f' LEFT JOIN "{assessment}" x ON x.action_id = a.id AND x.period_id = rp.id'
            " GROUP BY rows.top",
            [*params, year, year, period],
        )
        for top, actions, assessed, implementation in cursor.fetchall():
            row = rows[top]
            row.actions, row.assessed = actions, assessed or 0
            row.implementation = _decimal(implementation)
    return list(rows.values())


SORT_KEYS = {
    "name": lambda r: r.org.name,
    "employees": lambda r: r.employees,
    "confirmed": lambda r: r.confirmed_percent if r.confirmed_percent is not None else Decimal(-1),
    "average": lambda r: r.average if r.average is not None else Decimal(-1),
    "implementation": lambda r: r.implementation if r.implementation is not None else Decimal(-1),
}


def sort_rows(rows: list[Row], key: str, descending: bool) -> list[Row]:
    return sorted(rows, key=SORT_KEYS.get(key, SORT_KEYS["name"]), reverse=descending)
