"""Publishing a closed cycle's evaluation results: the decision, the suppressed table, open data.

``publish`` is the one state change here; it reads top to bottom like the workflow functions:
lock, guard, compute, write, record. The table is built by :func:`table` from the SQL figures
and the suppression rules, and stored with the publication: what was published stays as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urdun.core.errors import DomainError
from urdun.core.numbers import round1
from urdun.organizations.models import Employee, Role
from urdun.organizations.permissions import actor_for
from urdun.performance.models import EvaluationCycle, EvaluationSheet, SheetStatus
from urdun.results.figures import Group, confirmed, cycle_results
from urdun.results.methodology import publication_threshold
from urdun.results.models import Publication, PublicationPolicy
from urdun.results.suppression import suppress

# The open-data columns, in order. Stable: scripts read them (add, never rename).
FIXED_COLUMNS = ["level", "unit", "evaluated", "mean_total", "median_total", "top_band_share"]


class PublicationError(DomainError):
    pass


def local_today(cycle: EvaluationCycle) -> dt.date:
    return timezone.localdate(timezone.now(), zoneinfo.ZoneInfo(cycle.organization.time_zone))


def is_closed(cycle: EvaluationCycle, today: dt.date | None = None) -> bool:
    """Closed: its confirmation deadline has passed, or every one of its sheets is confirmed."""
    today = today or local_today(cycle)
    if today > cycle.confirmation_due:
        return True
    sheets = EvaluationSheet.objects.filter(cycle=cycle)
    return sheets.exists() and not sheets.exclude(status=SheetStatus.CONFIRMED).exists()


def fmt(value: Any) -> str | None:
    return str(round1(value)) if value is not None else None


def _row(level: str, g: Group, letters: list[str], hidden: bool, cells: list[bool]) -> dict[str, Any]:
    row: dict[str, Any] = {"level": level, "unit": g.name if level == "unit" else ""}
    row["evaluated"] = None if hidden else g.n
    row["mean_total"] = None if hidden else fmt(g.mean)
    row["median_total"] = None if hidden else fmt(g.median)
    row["top_band_share"] = None if hidden or (cells and cells[0]) else fmt(g.top_share)
    for i, letter in enumerate(letters):
        row[f"band_{letter}"] = None if hidden or cells[i] else g.bands[i]
    row["suppressed"] = hidden or any(cells)
    return row


def table(cycle: EvaluationCycle, *, named: bool = False) -> dict[str, Any]:
    """The publishable figures of a cycle, small groups suppressed. JSON-ready."""
    results = cycle_results(cycle)
    threshold = publication_threshold(cycle.methodology)
    mask = suppress([(g.n, g.bands) for g in results.units], threshold)
    rows = [
        _row("organization", results.organization, results.letters, mask.total_hidden, mask.total_cell_hidden)
    ]
    rows += [
        _row("unit", g, results.letters, mask.row_hidden[i], mask.cell_hidden[i])
        for i, g in enumerate(results.units)
    ]
    out: dict[str, Any] = {
        "organization": {"code": cycle.organization.code, "name": cycle.organization.name},
        "cycle": cycle.code,
        "threshold": threshold,
        "bands": [
            {"letter": ltr, "label": lbl} for ltr, lbl in zip(results.letters, results.labels, strict=True)
        ],
        "columns": FIXED_COLUMNS + [f"band_{ltr}" for ltr in results.letters] + ["suppressed"],
        "rows": rows,
    }
    if named:
        out["people"] = [
            {
                "name": s.employee_name or s.employee.short_name,
                "position": s.employee_position,
                "unit": s.unit_name,
                "total": fmt(s.final_total),
                "rating": s.final_rating,
            }
            for s in confirmed(cycle).select_related("employee").order_by("unit_name", "employee_name")
        ]
    return out


def publish(user: Any, cycle: EvaluationCycle) -> Publication:
    """The organization head publishes a closed cycle's results. Recorded; supersedes an earlier one."""
    with transaction.atomic():
        cycle = (
            EvaluationCycle.objects.select_for_update()
            .select_related("organization", "methodology")
            .get(pk=cycle.pk)
        )
        actor = actor_for(user)
        if not (actor.is_admin or actor.has_role(Role.ORG_HEAD, cycle.organization_id)):
            raise PublicationError(_("Only the organization head publishes the evaluation results."))
        if not is_closed(cycle):
            raise PublicationError(
                _(
                    "The cycle is not closed yet: results are published once every sheet is "
                    "confirmed or the confirmation deadline (%(date)s) has passed."
                )
                % {"date": cycle.confirmation_due.strftime("%Y.%m.%d")}
            )
        policy = PublicationPolicy.objects.filter(organization_id=cycle.organization_id).first()
        named = bool(policy and policy.named_lists)
        figures = table(cycle, named=named)
        Publication.objects.filter(cycle=cycle, superseded=False).update(superseded=True)
        employee = Employee.objects.filter(user=user).first() if user.is_authenticated else None
        return Publication.objects.create(
            cycle=cycle,
            organization=cycle.organization,
            published_by=user,
            publisher_name=employee.short_name if employee else user.get_username(),
            publisher_position=employee.position if employee else "",
            published_at=timezone.now(),
            threshold=figures["threshold"],
            named=named,
            figures=figures,
        )


def current(organization_code: str, cycle_code: str) -> Publication | None:
    year, _sep, half = cycle_code.partition("-")
    if not year.isdigit() or half not in ("", "H1"):
        return None
    return (
        Publication.objects.select_related("organization", "cycle")
        .filter(
            organization__code=organization_code,
            cycle__year=int(year),
            cycle__period="H1" if half else "Y",
            superseded=False,
        )
        .first()
    )


def to_csv(figures: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(figures["columns"])
    for row in figures["rows"]:
        writer.writerow(
            [
                "" if row.get(c) is None else str(row[c]).lower() if isinstance(row[c], bool) else row[c]
                for c in figures["columns"]
            ]
        )
    return buffer.getvalue()


def datapackage(publication: Publication) -> dict[str, Any]:
    """A Frictionless data package describing the CSV of one publication."""
    f = publication.figures
    name = f"urdun-{f['organization']['code']}-{f['cycle']}".lower()
    fields: list[dict[str, Any]] = [
        {"name": "level", "type": "string", "constraints": {"enum": ["organization", "unit"]}},
        {"name": "unit", "type": "string"},
        {"name": "evaluated", "type": "integer", "description": "Confirmed evaluation sheets"},
        {"name": "mean_total", "type": "number"},
        {"name": "median_total", "type": "number"},
        {"name": "top_band_share", "type": "number", "description": "Percent at the top rating band"},
    ]
    fields += [
        {"name": f"band_{b['letter']}", "type": "integer", "description": str(b["label"])} for b in f["bands"]
    ]
    fields.append(
        {"name": "suppressed", "type": "boolean", "description": "Some cells hidden (small groups)"}
    )
    return {
        "name": name,
        "title": f"{f['organization']['name']} — {f['cycle']}",
        "description": (
            f"Evaluation results of civil servants, published {publication.published_at.date().isoformat()}; "
            f"cells drawn from fewer than {publication.threshold} people are left empty."
        ),
        "created": publication.published_at.isoformat(),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "CC BY 4.0",
            }
        ],
        "resources": [
            {
                "name": "results",
                "path": "results.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "missingValues": [""]},
            }
        ],
    }
