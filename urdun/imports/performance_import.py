"""Write a parsed performance report and evaluation sheet (``parse_performance``) for one
employee and period.

``commit_performance`` writes, in ONE transaction: the plan (objectives, actions, indicators),
the additional assignments and knowledge goals, the report entries, the sheet's part-1 rows,
knowledge completion, the unit head's points, the colleagues' points, the paper's signatures and
the mismatches between the paper's printed figures and what its rows give. Re-importing the same
employee and period replaces all of it (no duplicates).

Colleagues: the paper prints only the mean per criterion and names no colleague. The import
stores ``colleague_minimum`` (3) anonymous rows per criterion with that mean, so part 4 equals the
paper's, and writes NO submission-ledger entries: the ledger would claim that named people
submitted, which the paper does not say.

Signatures are matched to employees of the organization by their short name ("В.Наранчимэг");
the position printed is kept when no employee matches. Dates come from the paper; a signature
without a legible date takes the date of the step printed with it (the employee's agreement is
signed under the head's assessment) or the report's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urdun.imports.notes import note_dicts
from urdun.imports.parsers import ParsedPerformance, ParseError, Problem, parse_performance
from urdun.imports.parsers.signatures import LOWER, UPPER
from urdun.imports.parsers.types import ParsedSheet, ParsedSignature
from urdun.imports.problems import problem_text
from urdun.organizations.models import Employee
from urdun.performance import scoring
from urdun.performance.models import (
    Adjustment,
    Assignment,
    ColleagueScore,
    EvaluationSheet,
    HeadScore,
    Indicator,
    KnowledgeGoal,
    KnowledgeScore,
    PerformancePlan,
    PlanAction,
    PlanObjective,
    PlanStatus,
    ReportEntry,
    RowKind,
    SheetEvent,
    SheetRow,
    SheetStatus,
    Step,
)
from urdun.performance.payload import parse_period, sheet_payload
from urdun.performance.services import PerformanceError, get_or_create_cycle, get_or_create_plan

__all__ = [
    "ImportSummary",
    "ParseError",
    "commit_performance",
    "preview",
    "problem_lines",
    "read_performance",
]

SHORT_NAME_RE = re.compile(rf"([{UPPER}A-Z])\.\s*([{UPPER}A-Z][{LOWER}a-z\-]+)")
MARKS = {"ХХ": scoring.CANNOT_EVALUATE, "00": scoring.NOT_SCORED, "ХБ": scoring.NOT_DUE}
STATUS_AFTER = {
    Step.PREPARED: SheetStatus.SUBMITTED,
    Step.VERIFIED: SheetStatus.VERIFIED,
    Step.ASSESSED: SheetStatus.ASSESSED,
    Step.ACKNOWLEDGED: SheetStatus.ACKNOWLEDGED,
    Step.REVIEWED_LEADER: SheetStatus.REVIEWED,
    Step.REVIEWED_SECRETARY: SheetStatus.REVIEWED,
    Step.CONFIRMED: SheetStatus.CONFIRMED,
}
STEPS = [s.value for s in Step]


def read_performance(data: bytes, filename: str, rescores: str = "rule") -> ParsedPerformance:
    """Parse an uploaded file; raises ParseError (with ``.problems``) when it cannot be read.
    ``rescores``: "rule", "apply" or "ignore" the team's re-score column (docs/imports.md)."""
    return parse_performance(data, filename, rescores)


def problem_lines(problems: list[Problem]) -> list[str]:
    return [problem_text(p) for p in problems]


@dataclass
class ImportSummary:
    sheet: EvaluationSheet
    objectives: int
    actions: int
    assignments: int
    knowledge: int
    rows: int
    scored: int
    signatures: int
    figures: dict[str, str]
    mismatches: list[dict[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return _(
            "%(name)s %(period)s: %(objectives)s objectives, %(actions)s actions, %(assignments)s "
            "assignments, %(knowledge)s knowledge goals; sheet %(rows)s rows (%(scored)s scored), "
            "%(signatures)s signatures; parts %(p1)s / %(p2)s / %(p3)s / %(p4)s, total %(total)s"
            "%(mismatch)s."
        ) % {
            "name": self.sheet.employee.short_name,
            "period": self.sheet.cycle.code,
            "objectives": self.objectives,
            "actions": self.actions,
            "assignments": self.assignments,
            "knowledge": self.knowledge,
            "rows": self.rows,
            "scored": self.scored,
            "signatures": self.signatures,
            "p1": self.figures["part1"],
            "p2": self.figures["part2"],
            "p3": self.figures["part3"],
            "p4": self.figures["part4"],
            "total": self.figures["total"],
            "mismatch": (
                _("; %(n)s differences from the paper") % {"n": len(self.mismatches)}
                if self.mismatches
                else ""
            ),
        }


# --- Figures straight from the parsed paper (no database) ---------------------------------


def _paper_input(sheet: ParsedSheet, colleague_minimum: int = 3) -> scoring.SheetInput:
    return scoring.SheetInput(
        part1_rows=[
            scoring.Part1Row(
                performance=r.performance_points,
                timeliness=r.timeliness_points,
                rescore=r.rescore,
                mark=MARKS.get(r.marker or "", ""),
            )
            for r in sheet.rows
        ],
        knowledge_rows=[scoring.KnowledgeRow(k.percent) for k in sheet.knowledge],
        head_rows=[scoring.HeadRow(c.points) for c in sheet.head_criteria],
        colleague_scores=[
            [c.points] * colleague_minimum for c in sheet.colleague_criteria if c.points is not None
        ],
        adjustments=[a.points for a in sheet.adjustments],
    )


def mismatches_of(sheet: ParsedSheet, figures: dict[str, str | None]) -> list[dict[str, str]]:
    """Where the paper's printed figures differ from what its own rows give."""
    out = []
    paper = sheet.paper_means
    for key, printed in (
        ("part1", paper.part1),
        ("part2", paper.part2),
        ("part3", paper.part3),
        ("part4", paper.part4),
        ("total", paper.total),
    ):
        computed = figures.get(key)
        if printed is None or computed is None:
            continue
        if scoring.round1(printed) != Decimal(computed):
            out.append(
                {
                    "where": key,
                    "paper": scoring.fmt(printed) or "",
                    "computed": computed,
                    "message": _("The paper prints %(paper)s; its own rows give %(computed)s.")
                    % {"paper": scoring.fmt(printed), "computed": computed},
                }
            )
    return out


def preview(parsed: ParsedPerformance, employee: Employee, period_code: str) -> dict[str, Any]:
    """What an import would write, without writing anything."""
    parse_period(period_code)
    result: dict[str, Any] = {
        "employee": employee.short_name,
        "period": period_code,
        "objectives": len(parsed.report.objectives),
        "actions": len(parsed.report.actions),
        "assignments": len(parsed.assignments),
        "knowledge": len(parsed.knowledge),
        "problems": problem_lines(parsed.problems),
        "errors": problem_lines(parsed.errors),
        "figures": None,
        "mismatches": [],
        "signatures": [],
        "notes": note_dicts(parsed.problems),
        "rescores": parsed.sheet.rescores if parsed.sheet is not None else "",
        "adjustments": [
            {"points": scoring.fmt1(a.points), "clause": a.clause, "reason": a.reason}
            for a in (parsed.sheet.adjustments if parsed.sheet is not None else [])
        ],
    }
    if parsed.sheet is not None:
        f = scoring.compute(_paper_input(parsed.sheet))
        figures = {
            "part1": scoring.fmt1(f.part1_display),
            "part2": scoring.fmt1(f.part2_display),
            "part3": scoring.fmt1(f.part3_display),
            "part4": scoring.fmt1(f.part4_display),
            "total": scoring.fmt1(f.total),
        }
        result["figures"] = figures
        result["rows"] = f.part1.row_count
        result["scored"] = f.part1.scored_count
        result["mismatches"] = mismatches_of(parsed.sheet, figures)
        result["signatures"] = [
            {"step": s.step, "name": s.name, "date": s.date.isoformat() if s.date else None}
            for s in _signatures(parsed)
        ]
    return result


# --- Writing -------------------------------------------------------------------------------


def _dates(start: dt.date | None, end: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The parser reports an end before its start; the database refuses it, so the end goes."""
    if start and end and end < start:
        return start, None
    return start, end


def _people(employee: Employee) -> dict[str, Employee]:
    found: dict[str, Employee] = {}
    for e in Employee.objects.filter(organization_id=employee.organization_id, is_active=True):
        found.setdefault(e.short_name.casefold(), e)
    return found


def _match(text: str, people: dict[str, Employee]) -> Employee | None:
    for initial, given in SHORT_NAME_RE.findall(text or ""):
        person = people.get(f"{initial}.{given}".casefold())
        if person:
            return person
    return None


def _signatures(parsed: ParsedPerformance) -> list[ParsedSignature]:
    """The chain's signatures in order, one per step, from the report, assignments and sheet."""
    by_step: dict[str, ParsedSignature] = {}
    sources = list(parsed.report.signatures) + list(parsed.assignment_signatures)
    if parsed.sheet is not None:
        sources += list(parsed.sheet.signatures)
    for sig in sources:
        if sig.step in STEPS and sig.name and sig.step not in by_step:
            by_step[sig.step] = sig
    return [by_step[s] for s in STEPS if s in by_step]


def _signature_date(sig: ParsedSignature, parsed: ParsedPerformance, dates: dict[str, dt.date]) -> dt.date:
    if sig.date:
        return sig.date
    if sig.step == Step.ACKNOWLEDGED and Step.ASSESSED in dates:
        return dates[Step.ASSESSED]
    if sig.step == Step.REVIEWED_SECRETARY and Step.REVIEWED_LEADER in dates:
        return dates[Step.REVIEWED_LEADER]
    if parsed.report.date:
        return parsed.report.date
    return max(dates.values(), default=timezone.localdate())


def when_default(dates: dict[str, dt.date]) -> dt.date:
    return min(dates.values(), default=timezone.localdate())


def _clear(employee: Employee, plan: PerformancePlan, cycle: Any) -> None:
    EvaluationSheet.objects.filter(employee=employee, cycle=cycle).delete()
    # The half-year import owns the plan's content; sheets of other cycles keep their own rows.
    PlanObjective.objects.filter(plan=plan).delete()
    plan.assignments.all().delete()
    plan.knowledge_goals.all().delete()


def _prefixed(prefix: str, code: str | None, text: str) -> str:
    text = text.strip()
    if not code or text.startswith(prefix):
        return text
    return f"{prefix} {code}. {text}"


def commit_performance(
    parsed: ParsedPerformance, employee: Employee, period_code: str, actor: Any = None
) -> ImportSummary:
    """Write everything in one transaction; re-importing replaces the employee's data for the
    period. ``actor`` (a user) is recorded by the history of every row."""
    if parsed.errors:
        raise PerformanceError(_("Nothing was imported: the file has errors."))
    year, period = parse_period(period_code)
    with transaction.atomic():
        cycle = get_or_create_cycle(employee.organization, year, period)
        method = cycle.methodology
        plan = get_or_create_plan(employee, year)
        PerformancePlan.objects.select_for_update().filter(pk=plan.pk).first()
        _clear(employee, plan, cycle)
        people = _people(employee)
        sheet = EvaluationSheet.objects.create(employee=employee, cycle=cycle, plan=plan, imported=True)

        # The plan and the report, from part one of the report.
        entry_order = 0
        actions_by_code: dict[str, list[PlanAction]] = {}
        n_actions = 0
        for o_index, obj in enumerate(parsed.report.objectives, start=1):
            objective = PlanObjective.objects.create(
                plan=plan, order=o_index, number=obj.number, text=obj.text
            )
            for a_index, act in enumerate(obj.actions, start=1):
                start, end = _dates(act.start, act.end)
                action = PlanAction.objects.create(
                    objective=objective,
                    order=a_index,
                    number=act.code or str(act.row or a_index),
                    text=act.text,
                    planned_start=start,
                    planned_end=end,
                )
                n_actions += 1
                actions_by_code.setdefault(act.code or "", []).append(action)
                for i_index, ind in enumerate(act.indicators or [], start=1):
                    indicator = Indicator.objects.create(
                        action=action,
                        order=i_index,
                        name=ind.name[:400],
                        baseline=ind.baseline[:200],
                        target_half=ind.target[:200] if period == "H1" else "",
                        target_annual=ind.target[:200] if period != "H1" else "",
                    )
                    s, e = _dates(ind.start, ind.end)
                    entry_order += 1
                    ReportEntry.objects.create(
                        sheet=sheet,
                        order=entry_order,
                        indicator=indicator,
                        achieved_text=ind.achieved_text,
                        actual_start=s,
                        actual_end=e,
                        completion=ind.completion_percent,
                        status=ind.status or "",
                    )
        assignments: list[Assignment] = []
        for index, a in enumerate(parsed.assignments, start=1):
            start, end = _dates(a.start, a.end)
            assignment = Assignment.objects.create(
                plan=plan,
                order=index,
                number=a.number,
                text=a.text,
                assigned_by=_match(a.assigned_by, people),
                assigned_by_text=a.assigned_by[:300],
                indicator=a.indicator[:400],
                baseline=a.baseline[:200],
                target=a.target[:200],
                planned_start=start,
                planned_end=end,
            )
            assignments.append(assignment)
            entry_order += 1
            ReportEntry.objects.create(
                sheet=sheet,
                order=entry_order,
                assignment=assignment,
                achieved_text=a.achieved_text,
                actual_start=start,
                actual_end=end,
                completion=a.completion_percent,
            )
        goals: list[KnowledgeGoal] = []
        for index, k in enumerate(parsed.knowledge, start=1):
            start, end = _dates(k.start, k.end)
            goal = KnowledgeGoal.objects.create(
                plan=plan,
                order=index,
                number=k.number,
                text=k.text,
                indicator=k.indicator[:400],
                baseline=k.baseline[:200],
                target=k.target[:200],
                planned_start=start,
                planned_end=end,
            )
            goals.append(goal)
            entry_order += 1
            ReportEntry.objects.create(
                sheet=sheet,
                order=entry_order,
                knowledge_goal=goal,
                achieved_text=k.achieved_text,
                actual_start=start,
                actual_end=end,
                completion=k.completion_percent,
                status=k.status or "",
            )

        # The evaluation sheet as printed.
        paper = parsed.sheet
        rows = 0
        if paper is not None:
            order = 0
            for obj in paper.objectives:
                order += 1
                SheetRow.objects.create(
                    sheet=sheet,
                    order=order,
                    kind=RowKind.OBJECTIVE,
                    code=obj.number,
                    text=_prefixed("Зорилт", obj.number, obj.text),
                )
                for r in obj.rows:
                    order += 1
                    rows += 1
                    linked = actions_by_code.get(r.code or "", [])
                    SheetRow.objects.create(
                        sheet=sheet,
                        order=order,
                        kind=RowKind.ACTION,
                        number=r.number,
                        code=r.code or "",
                        text=_prefixed("Арга хэмжээ", r.code, r.text),
                        action=linked.pop(0) if linked else None,
                        performance=r.performance_points,
                        timeliness=r.timeliness_points,
                        mark=MARKS.get(r.marker or "", ""),
                        rescore=r.rescore,
                    )
            if paper.assignment_rows:
                order += 1
            for i, r in enumerate(paper.assignment_rows):
                order += 1
                rows += 1
                SheetRow.objects.create(
                    sheet=sheet,
                    order=order,
                    kind=RowKind.ASSIGNMENT,
                    number=r.number,
                    code=f"Н{r.number}",
                    text=_prefixed("Үүрэг даалгавар", r.number, r.text),
                    assignment=assignments[i] if i < len(assignments) else None,
                    performance=r.performance_points,
                    timeliness=r.timeliness_points,
                    mark=MARKS.get(r.marker or "", ""),
                    rescore=r.rescore,
                )
            for i, k in enumerate(paper.knowledge, start=1):
                KnowledgeScore.objects.create(
                    sheet=sheet,
                    order=i,
                    goal=goals[i - 1] if i <= len(goals) else None,
                    number=k.number,
                    text=_prefixed("Арга хэмжээ", k.number.rstrip("."), k.text),
                    completion=k.percent,
                )
            fixed = len(method.head_criteria)
            for i, c in enumerate(paper.head_criteria, start=1):
                HeadScore.objects.create(
                    sheet=sheet,
                    order=i,
                    criterion=c.name.rstrip(".") if i > fixed else c.name,
                    is_competency=i > fixed,
                    points=c.points,
                )
            copies = method.colleague_minimum
            Adjustment.objects.bulk_create(
                [
                    Adjustment(
                        sheet=sheet,
                        reason=(a.reason or a.written)[:300],
                        clause=a.clause[:32],
                        points=a.points,
                        note=_("Imported from the paper original."),
                    )
                    for a in paper.adjustments
                ]
            )
            ColleagueScore.objects.bulk_create(
                [
                    ColleagueScore(sheet=sheet, criterion=i, points=c.points)
                    for i, c in enumerate(paper.colleague_criteria, start=1)
                    if c.points is not None
                    for _copy in range(copies)
                ]
            )
        else:
            from urdun.performance.services import ensure_head_criteria

            ensure_head_criteria(sheet)

        # Signatures and the status they put the sheet in.
        dates: dict[str, dt.date] = {}
        status = SheetStatus.DRAFT
        signed = 0
        for sig in _signatures(parsed):
            when = _signature_date(sig, parsed, dates)
            dates[sig.step] = when
            person = _match(sig.name, people)
            SheetEvent.objects.create(
                sheet=sheet,
                step=sig.step,
                decision="signed",
                actor=person,
                name=person.short_name if person else sig.name,
                position=person.position if person and person.position else sig.position.capitalize(),
                comment=_("Imported from the paper original."),
                at=timezone.make_aware(dt.datetime.combine(when, dt.time(12, 0))),
                signed_on=when,
            )
            signed += 1
            status = STATUS_AFTER[sig.step]
        head_sig = next((s for s in _signatures(parsed) if s.step in (Step.ASSESSED, Step.VERIFIED)), None)
        head = _match(head_sig.name, people) if head_sig else None
        if head is not None or status != SheetStatus.DRAFT:
            # A report the unit head signed stands on an approved plan.
            plan.status = PlanStatus.APPROVED
            plan.approved_by = head
            plan.approved_at = timezone.make_aware(
                dt.datetime.combine(dates.get(Step.VERIFIED, when_default(dates)), dt.time(12, 0))
            )
            plan.save()
        sheet.status = status
        sheet.import_notes = note_dicts(parsed.problems)
        sheet.employee_name = employee.short_name
        sheet.employee_position = employee.position
        sheet.unit_name = employee.unit.name if employee.unit else ""
        sheet.unit_head_name = head.short_name if head else (head_sig.name if head_sig else "")
        sheet.unit_head_position = head.position if head else ""
        sheet.save()

        payload = sheet_payload(sheet)
        figures = {k: payload[k] for k in ("part1", "part2", "part3", "part4", "total")}
        sheet.mismatches = mismatches_of(paper, figures) if paper is not None else []
        if status == SheetStatus.CONFIRMED:
            payload["mismatches"] = sheet.mismatches
            sheet.confirmed_payload = payload
            sheet.final_total = Decimal(payload["total"])
            sheet.final_rating = (payload.get("rating") or {}).get("letter", "")
        sheet.save()
        return ImportSummary(
            sheet=sheet,
            objectives=len(parsed.report.objectives),
            actions=n_actions,
            assignments=len(assignments),
            knowledge=len(goals),
            rows=rows,
            scored=payload["performance"]["scored_count"],
            signatures=signed,
            figures=figures,
            mismatches=sheet.mismatches,
        )
