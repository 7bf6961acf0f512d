"""Quality checks of a person's performance plan and report (issue 19, items 5 and 6).

Plan: an indicator or assignment whose target holds no number. Report (one sheet's entries):
an achieved 0 reported as done, a completion on a row marked not due, a full completion with
nothing written as achieved, dates that cannot be (an end before the start, a year far from the
cycle's), a completion that contradicts achieved against target. What the importer read in a
way that was not literal (the sheet's import notes: "8025.06.05" read as 2025-06-05, an end
before its start dropped) is a finding too. The employee sees them while filling in the report,
the unit head before verifying. A fixed number of queries per sheet.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from urdun.core.numbers import HUNDRED
from urdun.core.quality import ERROR, Finding, first_number, has_number, is_blank, summary

# How far a completion may stand from achieved ÷ target before the two are said to disagree.
COMPLETION_TOLERANCE = Decimal(20)
# A date more than this many years away from the cycle's year is a typo ("8025.06.05").
YEARS_OFF = 1
CHECKS_PER_ENTRY = 5


def _label(entry: Any) -> str:
    if entry.indicator_id:
        action = entry.indicator.action
        return f"{_('Action')} {action.number}"
    if entry.assignment_id:
        return f"{_('Additional assignment')} {entry.assignment.number}"
    return f"{_('Knowledge and skills goal')} {entry.knowledge_goal.number}"


def _target(entry: Any, period: str) -> str:
    if entry.indicator_id:
        ind = entry.indicator
        return (ind.target_half if period == "H1" else ind.target_annual) or ind.target_annual
    if entry.assignment_id:
        return entry.assignment.target
    return entry.knowledge_goal.target


def _planned(entry: Any) -> tuple[dt.date | None, dt.date | None]:
    subject = entry.indicator.action if entry.indicator_id else (entry.assignment or entry.knowledge_goal)
    return subject.planned_start, subject.planned_end


def check_entry(entry: Any, year: int, period: str) -> list[Finding]:
    """The findings of one report entry (subject, its action and the sheet's cycle loaded)."""
    label = _label(entry)
    out: list[Finding] = []

    def add(code: str, field: str, message: str, written: str = "", severity: str = "warning") -> None:
        out.append(Finding(code, "report_entry", entry.pk, label, field, message, severity, written))

    completion = entry.completion
    achieved = first_number(entry.achieved_value)
    if entry.status == "not_due" and completion is not None:
        add(
            "completion_on_not_due",
            "completion",
            _("The row is marked not yet due but carries a completion of %(percent)s %%.")
            % {"percent": completion.normalize()},
            str(completion),
        )
    if completion is not None and completion > 0 and achieved == 0:
        add(
            "achieved_zero_but_done",
            "achieved_value",
            _("The achieved value is 0 but the completion is %(percent)s %%.")
            % {"percent": completion.normalize()},
            entry.achieved_value,
        )
    if completion == HUNDRED and is_blank(entry.achieved_text) and is_blank(entry.achieved_value):
        add(
            "done_without_achievement",
            "achieved_text",
            _("The row is reported fully done (100 %) but says nothing of what was achieved."),
        )
    target = first_number(_target(entry, period))
    if completion is not None and achieved is not None and target and target > 0 and not entry.status:
        implied = min(HUNDRED, HUNDRED * achieved / target)
        if abs(implied - completion) > COMPLETION_TOLERANCE:
            add(
                "completion_disagrees",
                "completion",
                _(
                    "Achieved %(achieved)s of a target of %(target)s is about %(implied)s %%, "
                    "but the completion says %(percent)s %%."
                )
                % {
                    "achieved": achieved.normalize(),
                    "target": target.normalize(),
                    "implied": implied.quantize(Decimal(1)),
                    "percent": completion.normalize(),
                },
                str(completion),
            )
    start, end = entry.actual_start, entry.actual_end
    if start and end and end < start:
        add(
            "end_before_start",
            "actual_end",
            _("The end %(end)s is before the start %(start)s.")
            % {"end": end.isoformat(), "start": start.isoformat()},
            severity=ERROR,
        )
    for field, value in (("actual_start", start), ("actual_end", end)):
        if value and abs(value.year - year) > YEARS_OFF:
            add(
                "date_implausible",
                field,
                _("The date %(date)s lies far from the year %(year)s of the report.")
                % {"date": value.isoformat(), "year": year},
                value.isoformat(),
                ERROR,
            )
    return out


def report_entries(sheet: Any) -> list[Any]:
    from urdun.performance.models import ReportEntry

    return list(
        ReportEntry.objects.filter(sheet=sheet)
        .select_related("indicator__action", "assignment", "knowledge_goal")
        .order_by("order", "pk")
    )


def import_note_findings(sheet: Any) -> list[Finding]:
    """The importer's notes kept with the sheet: every reading that was not literal."""
    out = []
    for note in getattr(sheet, "import_notes", None) or []:
        where = ", ".join(str(note.get(k)) for k in ("row", "column") if note.get(k) not in (None, ""))
        out.append(
            Finding(
                "import_note",
                "sheet",
                sheet.pk,
                where or str(sheet.pk),
                str(note.get("column") or ""),
                str(note.get("message") or ""),
                written=str(note.get("written") or ""),
            )
        )
    return out


def signature_findings(sheet: Any) -> list[Finding]:
    """A signature whose date lies far from the cycle's year."""
    out = []
    year = sheet.cycle.year
    for event in sheet.events.filter(voided=False).order_by("at", "pk"):
        if event.signed_on and abs(event.signed_on.year - year) > YEARS_OFF:
            out.append(
                Finding(
                    "date_implausible",
                    "signature",
                    event.pk,
                    event.get_step_display(),
                    "signed_on",
                    _("The date %(date)s lies far from the year %(year)s of the report.")
                    % {"date": event.signed_on.isoformat(), "year": year},
                    ERROR,
                    event.signed_on.isoformat(),
                )
            )
    return out


def check_sheet(sheet: Any) -> dict[str, Any]:
    """Every finding of one sheet's report, its signatures and its import notes, with a summary."""
    entries = report_entries(sheet)
    findings = [f for e in entries for f in check_entry(e, sheet.cycle.year, sheet.cycle.period)]
    findings += signature_findings(sheet)
    findings += import_note_findings(sheet)
    return {
        "sheet": {
            "id": sheet.pk,
            "employee": sheet.employee.user.username,
            "period": sheet.cycle.code,
        },
        "findings": findings,
        "summary": summary(findings, len(entries), CHECKS_PER_ENTRY),
    }


def check_performance_plan(plan: Any) -> list[Finding]:
    """An indicator or assignment whose target holds no number cannot be measured."""
    from urdun.performance.models import Assignment, Indicator

    out = []
    for ind in Indicator.objects.filter(action__objective__plan=plan).select_related("action"):
        targets = [t for t in (ind.target_half, ind.target_annual) if not is_blank(t)]
        if not targets:
            out.append(
                Finding(
                    "target_missing",
                    "indicator",
                    ind.pk,
                    f"{_('Action')} {ind.action.number}",
                    "target",
                    _("The indicator has no target."),
                )
            )
        elif not any(has_number(t) for t in targets):
            out.append(
                Finding(
                    "target_not_numeric",
                    "indicator",
                    ind.pk,
                    f"{_('Action')} {ind.action.number}",
                    "target",
                    _("The indicator's target holds no number."),
                    written=" / ".join(targets),
                )
            )
    for a in Assignment.objects.filter(plan=plan):
        if not is_blank(a.target) and not has_number(a.target):
            out.append(
                Finding(
                    "target_not_numeric",
                    "assignment",
                    a.pk,
                    f"{_('Additional assignment')} {a.number}",
                    "target",
                    _("The indicator's target holds no number."),
                    written=a.target,
                )
            )
    return out
