"""Payloads of the forms that are not computed documents: the performance report (parts one
and two) and the additional-assignments sheet, in the shapes of docs/contracts.md. The
evaluation sheet's payload is the performance app's own (`sheet_payload`), the plan's the plans
app's (`plan_payload`)."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from urdun.performance.models import EvaluationSheet, ReportEntry, SheetStatus
from urdun.performance.payload import sheet_payload
from urdun.performance.scoring import fmt
from urdun.performance.services import interview_for


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _entry_cells(entry: ReportEntry | None) -> dict[str, Any]:
    if entry is None:
        return {"achieved": "", "start": None, "end": None, "completion": None, "completion_note": None}
    note = entry.get_status_display() if entry.status else None
    return {
        "achieved": entry.achieved_text,
        "start": _date(entry.actual_start),
        "end": _date(entry.actual_end),
        "completion": fmt(entry.completion) if entry.completion is not None and not entry.status else None,
        "completion_note": note,
    }


def _frame(sheet: EvaluationSheet, language: str, kind: str) -> dict[str, Any]:
    base = sheet_payload(sheet, language=language)
    return {
        "kind": kind,
        "language": language,
        "organization": base["organization"],
        "unit": base["unit"],
        "employee": base["employee"],
        "period": base["period"],
        "signatures": base["signatures"][:2],
    }


def report_payload(sheet: EvaluationSheet, language: str = "mn") -> dict[str, Any]:
    with translation.override(language):
        out = _frame(sheet, language, "performance_report")
        entries = list(
            sheet.report_entries.select_related(
                "indicator__action__objective", "knowledge_goal", "assignment"
            )
        )
        by_indicator = {e.indicator_id: e for e in entries if e.indicator_id}
        by_goal = {e.knowledge_goal_id: e for e in entries if e.knowledge_goal_id}
        rows: list[dict[str, Any]] = []
        number = 0
        # A report that was sent shows what it reported on: actions added to the plan by a later
        # amendment (with no entry in this report) belong to the coming reports.
        sent = sheet.status != SheetStatus.DRAFT
        objectives = sheet.plan.objectives.prefetch_related("actions__indicators")
        for objective in objectives:
            actions = [(action, list(action.indicators.all())) for action in objective.actions.all()]
            if sent:
                shown = [(a, ind) for a, ind in actions if not ind or any(i.pk in by_indicator for i in ind)]
                if actions and not shown:
                    continue
                actions = shown
            rows.append({"type": "objective", "code": objective.number, "text": objective.text})
            for action, indicators in actions:
                number += 1
                cells = [_entry_cells(by_indicator.get(i.pk)) for i in indicators] or [_entry_cells(None)]
                first = cells[0]
                rows.append(
                    {
                        "type": "action",
                        "number": str(number),
                        "code": action.number,
                        "text": action.text,
                        "indicator": "\n".join(i.name for i in indicators),
                        "baseline": "\n".join(i.baseline for i in indicators),
                        "target": "\n".join(i.target_half or i.target_annual for i in indicators),
                        "achieved": "\n".join(c["achieved"] for c in cells if c["achieved"]),
                        "start": first["start"],
                        "end": first["end"],
                        "completion": "\n".join(c["completion"] for c in cells if c["completion"]) or None,
                        "completion_note": first["completion_note"],
                    }
                )
        part2 = []
        goals = [g for g in sheet.plan.knowledge_goals.all() if not sent or g.pk in by_goal]
        for n, goal in enumerate(goals, start=1):
            part2.append(
                {
                    "type": "action",
                    "number": str(n),
                    "text": goal.text,
                    "indicator": goal.indicator,
                    "baseline": goal.baseline,
                    "target": goal.target,
                    **_entry_cells(by_goal.get(goal.pk)),
                }
            )
        out["part1"] = {"rows": rows}
        out["part2"] = {"rows": part2}
        interview = interview_for(sheet)
        out["interview"] = (
            {
                "held_on": _date(interview.held_on),
                "by": interview.recorded_by.short_name if interview.recorded_by else "",
                "discussed": interview.discussed,
                "agreed": interview.agreed,
            }
            if interview
            else None
        )
        out["signatures"] = out["signatures"][:1]
        prepared = out["signatures"][0] if out["signatures"] else {}
        out["date"] = prepared.get("date")
        out["place"] = ""
        return out


def assignments_payload(sheet: EvaluationSheet, language: str = "mn") -> dict[str, Any]:
    with translation.override(language):
        out = _frame(sheet, language, "assignments")
        entries = {e.assignment_id: e for e in sheet.report_entries.filter(assignment__isnull=False)}
        rows = []
        sent = sheet.status != SheetStatus.DRAFT
        assignments = [
            a for a in sheet.plan.assignments.select_related("assigned_by") if not sent or a.pk in entries
        ]
        for n, a in enumerate(assignments, start=1):
            cells = _entry_cells(entries.get(a.pk))
            rows.append(
                {
                    "number": str(n),
                    "code": a.number,
                    "text": a.text,
                    "assigned_by": a.assigned_by_text or (a.assigned_by.short_name if a.assigned_by else ""),
                    "indicator": a.indicator,
                    "baseline": a.baseline,
                    "target": a.target,
                    "achieved": cells["achieved"],
                    "completion": cells["completion"],
                    "start": cells["start"] or _date(a.planned_start),
                    "end": cells["end"] or _date(a.planned_end),
                }
            )
        out["rows"] = rows
        return out
