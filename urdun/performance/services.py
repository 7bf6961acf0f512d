"""Every change of state of plans and evaluation sheets, and every guarded save.

One function per transition: it locks the row, checks the guard and the capability, writes,
records a :class:`SheetEvent` (who, position, when, decision, comment) and raises
:class:`PerformanceError` with a translated message. The allowed transitions are listed once, in
:data:`TRANSITIONS`. Pages, HTMX endpoints and the API call these functions. Mail goes out after
the commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urdun.organizations.models import (
    EVALUATION_TEAM_ROLES,
    Employee,
    Organization,
    Role,
    RoleAssignment,
    User,
)
from urdun.organizations.permissions import actor_for, can
from urdun.performance import scoring
from urdun.performance.models import (
    STEP_ORDER,
    Adjustment,
    Assignment,
    ColleagueScore,
    ColleagueSubmission,
    Decision,
    Disagreement,
    EvaluationCycle,
    EvaluationSheet,
    HeadScore,
    Indicator,
    KnowledgeGoal,
    KnowledgeScore,
    MethodologyVersion,
    PerformancePlan,
    Period,
    PlanAction,
    PlanAmendment,
    PlanObjective,
    PlanStatus,
    ProgressInterview,
    Reminder,
    ReportEntry,
    RowKind,
    SheetEvent,
    SheetRow,
    SheetStatus,
    SheetVersion,
    Step,
)


class PerformanceError(Exception):
    """A rule of the evaluation process was broken; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConflictError(PerformanceError):
    """Someone else saved the same record since it was loaded."""


def conflict() -> ConflictError:
    return ConflictError(
        _(
            "Someone else saved this in the meantime. Nothing was overwritten: your text is still "
            "in the form. Reload the page to see their version, then enter your changes again."
        )
    )


# --- The sign-off chain ------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    step: str
    decision: str
    capability: str
    label: Any
    needs_comment: bool = False


S = SheetStatus
TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(
        (S.DRAFT,),
        S.SUBMITTED,
        Step.PREPARED,
        Decision.SIGNED,
        "performance.submit_report",
        gettext_lazy("Submit the report"),
    ),
    "verify": Transition(
        (S.SUBMITTED,),
        S.VERIFIED,
        Step.VERIFIED,
        Decision.SIGNED,
        "performance.verify_report",
        gettext_lazy("Verify the report"),
    ),
    "return_report": Transition(
        (S.SUBMITTED, S.VERIFIED),
        S.DRAFT,
        Step.VERIFIED,
        Decision.RETURNED,
        "performance.verify_report",
        gettext_lazy("Return the report for correction"),
        True,
    ),
    "assess": Transition(
        (S.VERIFIED,),
        S.ASSESSED,
        Step.ASSESSED,
        Decision.SIGNED,
        "performance.assess",
        gettext_lazy("Sign the assessment"),
    ),
    "acknowledge": Transition(
        (S.ASSESSED,),
        S.ACKNOWLEDGED,
        Step.ACKNOWLEDGED,
        Decision.SIGNED,
        "performance.acknowledge",
        gettext_lazy("I have read the assessment and agree"),
    ),
    "disagree": Transition(
        (S.ASSESSED,),
        S.DISPUTED,
        Step.ACKNOWLEDGED,
        Decision.DISAGREED,
        "performance.acknowledge",
        gettext_lazy("I disagree"),
        True,
    ),
    "review": Transition(
        (S.ACKNOWLEDGED, S.DISPUTED),
        S.REVIEWED,
        Step.REVIEWED_LEADER,
        Decision.SIGNED,
        "performance.review",
        gettext_lazy("Sign the review"),
    ),
    "return_to_head": Transition(
        (S.ACKNOWLEDGED, S.DISPUTED),
        S.VERIFIED,
        Step.REVIEWED_LEADER,
        Decision.RETURNED,
        "performance.review",
        gettext_lazy("Return to the unit head"),
        True,
    ),
    "cosign": Transition(
        (S.REVIEWED,),
        S.REVIEWED,
        Step.REVIEWED_SECRETARY,
        Decision.SIGNED,
        "performance.cosign_review",
        gettext_lazy("Co-sign as the team's secretary"),
    ),
    "confirm": Transition(
        (S.REVIEWED,),
        S.CONFIRMED,
        Step.CONFIRMED,
        Decision.SIGNED,
        "performance.confirm",
        gettext_lazy("Confirm the evaluation"),
    ),
    "return_to_team": Transition(
        (S.REVIEWED,),
        S.ACKNOWLEDGED,
        Step.CONFIRMED,
        Decision.RETURNED,
        "performance.confirm",
        gettext_lazy("Return to the evaluation team"),
        True,
    ),
    "reopen": Transition(
        (S.CONFIRMED,),
        S.VERIFIED,
        Step.CONFIRMED,
        Decision.REOPENED,
        "performance.reopen",
        gettext_lazy("Reopen the confirmed sheet"),
        True,
    ),
}

# Going back to a status voids the signatures from this step on.
FIRST_STEP_AFTER = {
    S.DRAFT: Step.PREPARED,
    S.SUBMITTED: Step.VERIFIED,
    S.VERIFIED: Step.ASSESSED,
    S.ASSESSED: Step.ACKNOWLEDGED,
    S.ACKNOWLEDGED: Step.REVIEWED_LEADER,
    S.DISPUTED: Step.REVIEWED_LEADER,
    S.REVIEWED: Step.CONFIRMED,
}

# Statuses in which the employee may see the unit head's points / the team's re-scores.
HEAD_POINTS_VISIBLE = (S.ASSESSED, S.DISPUTED, S.ACKNOWLEDGED, S.REVIEWED, S.CONFIRMED)
RESCORES_VISIBLE = (S.REVIEWED, S.CONFIRMED)


def allowed_transitions(user: User, sheet: EvaluationSheet) -> list[tuple[str, Transition]]:
    return [
        (name, t)
        for name, t in TRANSITIONS.items()
        if sheet.status in t.sources and can(user, t.capability, sheet)
    ]


def _lock_sheet(sheet: EvaluationSheet) -> EvaluationSheet:
    return (
        EvaluationSheet.objects.select_for_update(of=("self",))
        .select_related("employee__unit", "cycle__methodology")
        .get(pk=sheet.pk)
    )


def _record(
    sheet: EvaluationSheet,
    step: str,
    decision: str,
    actor: Employee | None,
    comment: str = "",
    on: dt.date | None = None,
    name: str | None = None,
    position: str | None = None,
) -> SheetEvent:
    now = timezone.now()
    if on is not None:
        # A date from paper: the event happened that day (noon, local time).
        now = timezone.make_aware(dt.datetime.combine(on, dt.time(12, 0)))
    return SheetEvent.objects.create(
        sheet=sheet,
        step=step,
        decision=decision,
        actor=actor,
        name=name if name is not None else (actor.short_name if actor else ""),
        position=position if position is not None else (actor.position if actor else ""),
        comment=comment,
        at=now,
        signed_on=on or timezone.localdate(now),
    )


def _void_from(sheet: EvaluationSheet, status: str) -> None:
    first = STEP_ORDER.index(FIRST_STEP_AFTER[status])
    steps = STEP_ORDER[first:]
    for event in sheet.events.filter(
        step__in=steps, voided=False, decision__in=[Decision.SIGNED, Decision.DISAGREED]
    ):
        event.voided = True
        event.save(update_fields=["voided"])


def _unit_head(employee: Employee) -> Employee | None:
    if employee.unit_id is None:
        return None
    ra = (
        RoleAssignment.objects.filter(role=Role.UNIT_HEAD, unit_id=employee.unit_id)
        .exclude(employee=employee)
        .select_related("employee")
        .first()
    )
    return ra.employee if ra else None


def _take_snapshot(sheet: EvaluationSheet) -> None:
    """Keep name, position, unit and unit head as they are now (called at signing)."""
    employee = sheet.employee
    sheet.employee_name = employee.short_name
    sheet.employee_position = employee.position
    sheet.unit_name = employee.unit.name if employee.unit else ""
    head = _unit_head(employee)
    sheet.unit_head_name = head.short_name if head else ""
    sheet.unit_head_position = head.position if head else ""


def transition(
    user: User | None,
    sheet: EvaluationSheet,
    name: str,
    comment: str = "",
    *,
    on: dt.date | None = None,
    as_employee: Employee | None = None,
) -> EvaluationSheet:
    """Run one transition of the table. ``user`` None with ``as_employee`` is an import
    recording a paper signature (no capability check, the paper is the authority)."""
    try:
        t = TRANSITIONS[name]
    except KeyError:
        raise PerformanceError(_("Unknown step.")) from None
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = _lock_sheet(sheet)
        if locked.status not in t.sources:
            raise PerformanceError(
                _("This cannot be done now: the sheet is “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        if user is not None:
            if not can(user, t.capability, locked):
                raise PerformanceError(_("You may not do this on this sheet."))
            actor = actor_for(user).employee
        else:
            actor = as_employee
        if t.needs_comment and not comment:
            raise PerformanceError(_("Please give the reason."))
        _guard(locked, name)
        _apply(locked, name, actor, comment, on)
        if t.decision in (Decision.RETURNED, Decision.REOPENED):
            _void_from(locked, t.target)
        _record(locked, t.step, t.decision, actor, comment, on)
        locked.status = t.target
        locked.version += 1
        if t.decision == Decision.SIGNED and locked.status != S.CONFIRMED:
            _take_snapshot(locked)
        locked.save()
        locked.refresh_from_db()
        if name == "confirm":
            from urdun.performance.payload import sheet_payload

            locked.confirmed_payload = sheet_payload(locked)
            locked.final_total = Decimal(locked.confirmed_payload["total"])
            locked.final_rating = (locked.confirmed_payload.get("rating") or {}).get("letter", "")
            locked.save(update_fields=["confirmed_payload", "final_total", "final_rating"])
        _notify_next(locked, name)
    sheet.refresh_from_db()
    return sheet


def _guard(sheet: EvaluationSheet, name: str) -> None:
    if name == "assess":
        missing = sheet.head_scores.filter(is_competency=False, points__isnull=True).exists()
        if missing:
            raise PerformanceError(_("Give points for every criterion of the unit head's assessment first."))
    if name == "review" and sheet.disagreements.filter(answer="").exists():
        raise PerformanceError(_("Answer the employee's disagreement before signing the review."))


def _apply(
    sheet: EvaluationSheet, name: str, actor: Employee | None, comment: str, on: dt.date | None
) -> None:
    if name == "verify":
        # The report's completion percentages become part 2 where the head has not set them.
        by_goal = {
            e.knowledge_goal_id: e.completion
            for e in sheet.report_entries.filter(knowledge_goal__isnull=False, completion__isnull=False)
        }
        for ks in sheet.knowledge_scores.filter(completion__isnull=True, goal__isnull=False):
            if ks.goal_id in by_goal:
                ks.completion = by_goal[ks.goal_id]
                ks.save()
    elif name == "disagree":
        Disagreement.objects.create(sheet=sheet, text=comment, created_at=timezone.now())
    elif name == "reopen":
        number = sheet.versions.count() + 1
        SheetVersion.objects.create(
            sheet=sheet,
            number=number,
            payload=sheet.confirmed_payload or {},
            reopened_at=timezone.now(),
            reopened_by=actor,
            reason=comment,
        )
        sheet.confirmed_payload = None
        sheet.final_total = None
        sheet.final_rating = ""


def answer_disagreement(user: User, disagreement: Disagreement, answer: str) -> Disagreement:
    answer = (answer or "").strip()
    if not answer:
        raise PerformanceError(_("Please write the answer."))
    with transaction.atomic():
        sheet = _lock_sheet(disagreement.sheet)
        if not can(user, "performance.answer_disagreement", sheet):
            raise PerformanceError(_("You may not do this on this sheet."))
        d = Disagreement.objects.select_for_update().get(pk=disagreement.pk)
        if d.answer:
            raise PerformanceError(_("This disagreement has already been answered."))
        d.answer = answer
        d.answered_by = actor_for(user).employee
        d.answered_at = timezone.now()
        d.save()
        _remind(
            [sheet.employee],
            f"answer:{d.pk}",
            _("The evaluation team answered your disagreement."),
            sheet,
        )
    return d


# --- Reminders -----------------------------------------------------------------------------


def sheet_url(sheet: EvaluationSheet) -> str:
    return reverse("performance:sheet", args=[sheet.pk])


def _remind(
    people: Iterable[Employee], key: str, message: str, sheet: EvaluationSheet | None = None, url: str = ""
) -> int:
    """In-app reminder (once per person and key) plus an e-mail after commit."""
    url = url or (sheet_url(sheet) if sheet else "")
    sent = 0
    for person in people:
        _reminder, created = Reminder.objects.get_or_create(
            recipient=person, key=key, defaults={"message": message, "url": url, "sheet": sheet}
        )
        if created:
            sent += 1
            address = person.email or (person.user.email if person.user_id and person.user else "")
            if address:
                transaction.on_commit(lambda a=address, m=message, u=url: _mail(a, m, u))
    return sent


def _mail(address: str, message: str, url: str) -> None:
    from django.conf import settings

    body = f"{message}\n\n{settings.SITE_URL.rstrip('/')}{url}"
    send_mail(_("Urdun: %(message)s") % {"message": message[:60]}, body, None, [address], fail_silently=True)


def people_with_role(organization_id: int, roles: Iterable[str]) -> list[Employee]:
    return list(
        Employee.objects.filter(
            roles__organization_id=organization_id, roles__role__in=list(roles), is_active=True
        ).distinct()
    )


def _notify_next(sheet: EvaluationSheet, name: str) -> None:
    employee = sheet.employee
    org = employee.organization_id
    head = _unit_head(employee)
    who: list[Employee] = []
    message = ""
    if name == "submit" and head:
        who, message = (
            [head],
            _("%(name)s's report waits for your verification.") % {"name": employee.short_name},
        )
    elif name == "verify" and head:
        who, message = (
            [head],
            _("%(name)s's sheet waits for your assessment.") % {"name": employee.short_name},
        )
    elif name in ("assess",):
        who, message = [employee], _("Your evaluation sheet waits for your acknowledgement.")
    elif name in ("acknowledge", "disagree", "return_to_team"):
        who = people_with_role(org, (Role.EVAL_LEADER, Role.EVAL_SECRETARY))
        message = _("%(name)s's sheet waits for the evaluation team.") % {"name": employee.short_name}
    elif name == "review":
        who = people_with_role(org, (Role.ORG_HEAD,))
        message = _("%(name)s's sheet waits for your confirmation.") % {"name": employee.short_name}
    elif name == "return_report":
        who, message = [employee], _("Your report was returned for correction.")
    elif name in ("return_to_head", "reopen") and head:
        who, message = [head], _("%(name)s's sheet was sent back to you.") % {"name": employee.short_name}
    elif name == "confirm":
        who, message = [employee], _("Your evaluation sheet was confirmed.")
    if who:
        _remind(who, f"{name}:{sheet.pk}:{sheet.version}", message, sheet)


def remind_deadlines(today: dt.date | None = None, days_before: int = 3) -> int:
    """Remind each person whose step is due within ``days_before`` days (run daily)."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=days_before)
    sent = 0
    sheets = EvaluationSheet.objects.select_related("employee", "cycle").exclude(status=S.CONFIRMED)
    for sheet in sheets.filter(cycle__report_due__gte=today, cycle__report_due__lte=horizon, status=S.DRAFT):
        sent += _remind(
            [sheet.employee],
            f"due:report:{sheet.pk}",
            _("Your report is due on %(date)s.") % {"date": sheet.cycle.report_due.isoformat()},
            sheet,
        )
    for sheet in sheets.filter(
        cycle__verification_due__gte=today,
        cycle__verification_due__lte=horizon,
        status__in=[S.SUBMITTED, S.VERIFIED],
    ):
        head = _unit_head(sheet.employee)
        if head:
            sent += _remind(
                [head],
                f"due:verify:{sheet.pk}",
                _("%(name)s's sheet is due for your assessment on %(date)s.")
                % {"name": sheet.employee.short_name, "date": sheet.cycle.verification_due.isoformat()},
                sheet,
            )
    for sheet in sheets.filter(
        cycle__review_due__gte=today, cycle__review_due__lte=horizon, status__in=[S.ACKNOWLEDGED, S.DISPUTED]
    ):
        sent += _remind(
            people_with_role(sheet.employee.organization_id, (Role.EVAL_LEADER,)),
            f"due:review:{sheet.pk}",
            _("%(name)s's sheet is due for review on %(date)s.")
            % {"name": sheet.employee.short_name, "date": sheet.cycle.review_due.isoformat()},
            sheet,
        )
    # Colleagues who have not scored yet.
    from urdun.performance.rules import COLLEAGUE_OPEN

    for sheet in sheets.filter(
        status__in=COLLEAGUE_OPEN, cycle__review_due__gte=today, cycle__review_due__lte=horizon
    ):
        sent += _remind(
            pending_colleagues(sheet),
            f"due:colleague:{sheet.pk}",
            _("Please give your colleague assessment for %(name)s.") % {"name": sheet.employee.short_name},
            url=reverse("performance:colleague", args=[sheet.pk]),
            sheet=None,
        )
    return sent


# --- Cycles, plans and sheets ---------------------------------------------------------------


def _deadline(year: int, month_day: str) -> dt.date:
    month, day = (int(x) for x in month_day.split("-"))
    return dt.date(year, month, day)


def get_or_create_cycle(
    organization: Organization, year: int, period: str, methodology: MethodologyVersion | None = None
) -> EvaluationCycle:
    existing = EvaluationCycle.objects.filter(organization=organization, year=year, period=period).first()
    if existing:
        return existing
    methodology = methodology or MethodologyVersion.current(dt.date(year, 1, 1))
    d = methodology.default_deadlines
    prefix = "H1" if period == Period.H1 else "annual"
    next_year = year if period == Period.H1 else year + 1
    return EvaluationCycle.objects.create(
        organization=organization,
        year=year,
        period=period,
        methodology=methodology,
        plan_approval_due=_deadline(year, d.get("plan_approval", "02-01")),
        report_due=_deadline(year, d.get(f"{prefix}_report_due", "06-05")),
        verification_due=_deadline(next_year, d.get(f"{prefix}_verification_due", "06-10")),
        review_due=_deadline(next_year, d.get(f"{prefix}_review_due", "06-20")),
        confirmation_due=_deadline(next_year, d.get(f"{prefix}_confirmation_due", "06-30")),
    )


def open_cycle(user: User, organization: Organization, year: int, period: str) -> EvaluationCycle:
    """Open an evaluation cycle with the methodology's default deadlines (an HR officer or the
    organization's administrator; they adjust the deadlines afterwards)."""
    if not can(user, "performance.manage_cycles", organization):
        raise PerformanceError(_("You may not manage the evaluation cycles of this organization."))
    with transaction.atomic():
        if EvaluationCycle.objects.filter(organization=organization, year=year, period=period).exists():
            raise PerformanceError(_("This evaluation cycle already exists."))
        return get_or_create_cycle(organization, year, period)


def save_cycle_deadlines(user: User, form: Any) -> EvaluationCycle:
    """Save a valid ``CycleDeadlinesForm``; the change is kept in the cycle's history."""
    if not can(user, "performance.manage_cycles", form.instance):
        raise PerformanceError(_("You may not manage the evaluation cycles of this organization."))
    with transaction.atomic():
        return form.save()


def get_or_create_plan(employee: Employee, year: int) -> PerformancePlan:
    plan, _created = PerformancePlan.objects.get_or_create(employee=employee, year=year)
    return plan


def copy_plan(user: User, plan: PerformancePlan) -> int:
    """Copy last year's objectives, actions, indicators and knowledge goals into an empty plan."""
    with transaction.atomic():
        plan = PerformancePlan.objects.select_for_update().get(pk=plan.pk)
        if not can(user, "performance.edit_plan", plan):
            raise PerformanceError(_("You may not change this plan."))
        if plan.objectives.exists():
            raise PerformanceError(_("The plan already has objectives; copy only into an empty plan."))
        source = (
            PerformancePlan.objects.filter(employee=plan.employee, year__lt=plan.year)
            .order_by("-year")
            .first()
        )
        if source is None:
            raise PerformanceError(_("There is no earlier plan to copy."))
        count = 0
        for obj in source.objectives.prefetch_related("actions__indicators"):
            new_obj = PlanObjective.objects.create(
                plan=plan, order=obj.order, number=obj.number, text=obj.text
            )
            for action in obj.actions.all():
                new_action = PlanAction.objects.create(
                    objective=new_obj,
                    order=action.order,
                    number=action.number,
                    text=action.text,
                    org_action=action.org_action,
                )
                count += 1
                for ind in action.indicators.all():
                    Indicator.objects.create(
                        action=new_action,
                        order=ind.order,
                        name=ind.name,
                        baseline=ind.baseline,
                        target_half=ind.target_half,
                        target_annual=ind.target_annual,
                    )
        for goal in source.knowledge_goals.all():
            KnowledgeGoal.objects.create(
                plan=plan,
                order=goal.order,
                number=goal.number,
                text=goal.text,
                indicator=goal.indicator,
                baseline=goal.baseline,
                target=goal.target,
            )
        return count


PLAN_TRANSITIONS = {
    "submit": (
        (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.AMENDING),
        PlanStatus.SUBMITTED,
        "performance.edit_plan",
    ),
    "approve": ((PlanStatus.SUBMITTED,), PlanStatus.APPROVED, "performance.approve_plan"),
    "return": ((PlanStatus.SUBMITTED,), PlanStatus.RETURNED, "performance.approve_plan"),
}


def plan_transition(user: User, plan: PerformancePlan, name: str, comment: str = "") -> PerformancePlan:
    sources, target, capability = PLAN_TRANSITIONS[name]
    with transaction.atomic():
        locked = PerformancePlan.objects.select_for_update().select_related("employee").get(pk=plan.pk)
        if locked.status not in sources:
            raise PerformanceError(
                _("This cannot be done now: the plan is “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        if not can(user, capability, locked):
            raise PerformanceError(_("You may not do this on this plan."))
        if name == "return" and not comment.strip():
            raise PerformanceError(_("Please give the reason."))
        if name == "submit" and not PlanAction.objects.filter(objective__plan=locked).exists():
            raise PerformanceError(_("Add at least one action before sending the plan."))
        actor = actor_for(user).employee
        locked.status = target
        if name == "approve":
            locked.approved_by = actor
            locked.approved_at = timezone.now()
        locked.return_reason = comment.strip() if name == "return" else ""
        locked.version += 1
        locked.save()
        if name == "approve":
            amendment = locked.amendments.filter(approved_at__isnull=True).first()
            if amendment is not None:
                amendment.after = plan_snapshot(locked)
                amendment.approved_by = actor
                amendment.approved_at = locked.approved_at
                amendment.save()
            sync_draft_sheets(locked)
        if name == "submit":
            head = _unit_head(locked.employee)
            if head:
                _remind(
                    [head],
                    f"plan:{locked.pk}:{locked.version}",
                    _("%(name)s's plan waits for your approval.") % {"name": locked.employee.short_name},
                    url=reverse("performance:plan", args=[locked.pk]),
                )
        else:
            _remind(
                [locked.employee],
                f"plan:{locked.pk}:{locked.version}",
                _("Your plan was approved.")
                if name == "approve"
                else _("Your plan was returned for correction."),
                url=reverse("performance:plan", args=[locked.pk]),
            )
    return locked


# --- Plan items and amendments ---------------------------------------------------------------

PLAN_ITEMS: dict[str, tuple[type[Any], str]] = {
    # kind: (model, lookup from the item to its plan)
    "objective": (PlanObjective, "plan"),
    "action": (PlanAction, "objective__plan"),
    "indicator": (Indicator, "action__objective__plan"),
    "assignment": (Assignment, "plan"),
    "knowledge": (KnowledgeGoal, "plan"),
}
# Report entries that hold what was reported on an item, per kind.
_ENTRIES_OF = {
    "objective": "indicator__action__objective",
    "action": "indicator__action",
    "indicator": "indicator",
    "assignment": "assignment",
    "knowledge": "knowledge_goal",
}


def _locked_plan(user: User, plan_id: int) -> PerformancePlan:
    plan = PerformancePlan.objects.select_for_update().select_related("employee").get(pk=plan_id)
    if not can(user, "performance.edit_plan", plan):
        raise PerformanceError(
            _("The plan cannot be changed now: it is “%(status)s”.") % {"status": plan.get_status_display()}
        )
    return plan


def add_plan_item(user: User, plan: PerformancePlan, form: Any) -> Any:
    """Save a valid add form (PLAN_FORMS) into an editable plan; draft sheets follow."""
    with transaction.atomic():
        plan = _locked_plan(user, plan.pk)
        item = form.save(commit=False)
        if hasattr(item, "plan_id"):
            item.plan = plan
        item.order = 1000 + plan.objectives.count() + plan.assignments.count() + plan.knowledge_goals.count()
        item.save()
        sync_draft_sheets(plan)
        return item


def save_plan_item(user: User, plan: PerformancePlan, form: Any) -> Any:
    """Save a valid edit form of an item of an editable plan; draft sheets follow."""
    with transaction.atomic():
        plan = _locked_plan(user, plan.pk)
        item = form.save()
        sync_draft_sheets(plan)
        return item


def delete_plan_item(user: User, plan: PerformancePlan, kind: str, item: Any) -> None:
    """Remove an item (an objective with its actions, an action with its indicators) from an
    editable plan. What was already reported in a sent report stays in that report: such an
    item cannot be removed (it is reported as not due or not evaluable instead)."""
    with transaction.atomic():
        plan = _locked_plan(user, plan.pk)
        sent = ReportEntry.objects.filter(**{_ENTRIES_OF[kind]: item}).exclude(
            sheet__status=SheetStatus.DRAFT
        )
        if sent.exists():
            raise PerformanceError(
                _(
                    "This is already in a report that was sent, so it stays in the plan. In the "
                    "coming reports, mark it “not yet due” or “cannot be evaluated” instead."
                )
            )
        item.delete()
        sync_draft_sheets(plan)


def plan_snapshot(plan: PerformancePlan) -> dict[str, Any]:
    """The plan's content as it stands, for an amendment's record."""

    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    return {
        "objectives": [
            {
                "id": o.pk,
                "number": o.number,
                "text": o.text,
                "actions": [
                    {
                        "id": a.pk,
                        "number": a.number,
                        "text": a.text,
                        "planned_start": day(a.planned_start),
                        "planned_end": day(a.planned_end),
                        "indicators": [
                            {
                                "id": i.pk,
                                "name": i.name,
                                "baseline": i.baseline,
                                "target_half": i.target_half,
                                "target_annual": i.target_annual,
                            }
                            for i in a.indicators.all()
                        ],
                    }
                    for a in o.actions.all()
                ],
            }
            for o in plan.objectives.prefetch_related("actions__indicators")
        ],
        "assignments": [
            {"id": a.pk, "number": a.number, "text": a.text, "indicator": a.indicator, "target": a.target}
            for a in plan.assignments.all()
        ],
        "knowledge": [
            {"id": k.pk, "number": k.number, "text": k.text, "indicator": k.indicator, "target": k.target}
            for k in plan.knowledge_goals.all()
        ],
    }


@dataclass(frozen=True)
class PlanChange:
    kind: str  # "objective", "action", "assignment", "knowledge"
    change: str  # "added", "changed", "dropped"
    number: str
    text: str


def amendment_changes(before: Mapping[str, Any], after: Mapping[str, Any] | None) -> list[PlanChange]:
    """What an amendment added, changed or dropped, item by item (an action counts as changed
    when its text, dates or indicators changed)."""
    if after is None:
        return []

    def items(snapshot: Mapping[str, Any]) -> dict[tuple[str, int], dict[str, Any]]:
        out: dict[tuple[str, int], dict[str, Any]] = {}
        for o in snapshot.get("objectives", []):
            out[("objective", o["id"])] = {k: v for k, v in o.items() if k != "actions"}
            for a in o.get("actions", []):
                out[("action", a["id"])] = a
        for kind in ("assignments", "knowledge"):
            for x in snapshot.get(kind, []):
                out[(kind.rstrip("s"), x["id"])] = x
        return out

    old, new = items(before), items(after)
    changes = []
    for key, item in new.items():
        if key not in old:
            changes.append(PlanChange(key[0], "added", item["number"], item["text"]))
        elif old[key] != item:
            changes.append(PlanChange(key[0], "changed", item["number"], item["text"]))
    for key, item in old.items():
        if key not in new:
            changes.append(PlanChange(key[0], "dropped", item["number"], item["text"]))
    return changes


def open_amendment(user: User, plan: PerformancePlan, reason: str) -> PlanAmendment:
    """The employee reopens their approved plan to amend it, with the reason; the plan is then
    edited as before and goes to the unit head again, whose approval closes the amendment."""
    with transaction.atomic():
        locked = PerformancePlan.objects.select_for_update().select_related("employee").get(pk=plan.pk)
        if not can(user, "performance.amend_plan", locked):
            raise PerformanceError(_("Only the employee can amend their own approved plan."))
        if not reason.strip():
            raise PerformanceError(_("Please give the reason."))
        amendment = PlanAmendment.objects.create(
            plan=locked,
            number=locked.amendments.count() + 1,
            reason=reason.strip(),
            opened_by=actor_for(user).employee,
            opened_at=timezone.now(),
            before=plan_snapshot(locked),
        )
        locked.status = PlanStatus.AMENDING
        locked.return_reason = ""
        locked.version += 1
        locked.save()
        return amendment


def interview_for(sheet: EvaluationSheet) -> ProgressInterview | None:
    """The progress interview of the sheet's employee in the sheet's period, if held."""
    return (
        ProgressInterview.objects.filter(employee_id=sheet.employee_id, cycle_id=sheet.cycle_id)
        .select_related("recorded_by")
        .first()
    )


def record_interview(user: User, employee: Employee, cycle: EvaluationCycle, form: Any) -> ProgressInterview:
    """Save the unit head's record of the progress interview (one per employee and period)."""
    with transaction.atomic():
        if not can(user, "performance.record_interview", employee):
            raise PerformanceError(_("Only the employee's unit head records the progress interview."))
        interview = form.save(commit=False)
        interview.employee, interview.cycle = employee, cycle
        interview.recorded_by = actor_for(user).employee
        interview.save()
        _remind(
            [employee],
            f"interview:{employee.pk}:{cycle.pk}:{interview.held_on.isoformat()}",
            _("Your progress interview of %(date)s was recorded.")
            % {"date": interview.held_on.strftime("%Y.%m.%d")},
            url=reverse("performance:mine"),
        )
        return interview


def create_sheet(
    employee: Employee, cycle: EvaluationCycle, plan: PerformancePlan | None = None
) -> EvaluationSheet:
    """The sheet of an employee for a cycle, built from the plan: report entries per indicator,
    assignment and knowledge goal; part-1 rows; the head's criteria of the cycle's version."""
    with transaction.atomic():
        existing = EvaluationSheet.objects.filter(employee=employee, cycle=cycle).first()
        if existing:
            return existing
        plan = plan or get_or_create_plan(employee, cycle.year)
        sheet = EvaluationSheet.objects.create(employee=employee, cycle=cycle, plan=plan)
        populate_sheet(sheet)
        return sheet


def populate_sheet(sheet: EvaluationSheet) -> None:
    """Part-1 rows, knowledge lines and report entries of a sheet from its plan. On a sheet that
    already has entries (`sync_sheet`), an entry is kept for every indicator, assignment and
    knowledge goal still in the plan, with what the employee wrote, and only put in order."""
    plan = sheet.plan
    entries = {(e.indicator_id, e.assignment_id, e.knowledge_goal_id): e for e in sheet.report_entries.all()}
    scores = {k.goal_id: k for k in sheet.knowledge_scores.all()}
    rows: list[SheetRow] = []
    new_entries: list[ReportEntry] = []
    moved: list[ReportEntry] = []
    entry_order = 0

    def entry(indicator: Any = None, assignment: Any = None, goal: Any = None) -> None:
        nonlocal entry_order
        entry_order += 1
        key = (getattr(indicator, "pk", None), getattr(assignment, "pk", None), getattr(goal, "pk", None))
        found = entries.get(key)
        if found is None:
            new_entries.append(
                ReportEntry(
                    sheet=sheet,
                    order=entry_order,
                    indicator=indicator,
                    assignment=assignment,
                    knowledge_goal=goal,
                )
            )
        elif found.order != entry_order:
            found.order = entry_order
            moved.append(found)

    for obj in plan.objectives.prefetch_related("actions__indicators"):
        rows.append(
            SheetRow(
                sheet=sheet,
                order=len(rows) + 1,
                kind=RowKind.OBJECTIVE,
                code=obj.number,
                text=f"Зорилт {obj.number}. {obj.text}",
            )
        )
        for n, action in enumerate(obj.actions.all(), start=1):
            rows.append(
                SheetRow(
                    sheet=sheet,
                    order=len(rows) + 1,
                    kind=RowKind.ACTION,
                    number=str(n),
                    code=action.number,
                    text=f"Арга хэмжээ {action.number}. {action.text}",
                    action=action,
                )
            )
            for ind in action.indicators.all():
                entry(indicator=ind)
    assignments = list(plan.assignments.all())
    order = len(rows) + (1 if assignments else 0)  # the assignments' heading line takes an order
    for a in assignments:
        order += 1
        rows.append(
            SheetRow(
                sheet=sheet,
                order=order,
                kind=RowKind.ASSIGNMENT,
                number=a.number,
                code=f"Н{a.number}",
                text=f"Үүрэг даалгавар {a.number}. {a.text}",
                assignment=a,
            )
        )
        entry(assignment=a)
    for i, goal in enumerate(plan.knowledge_goals.all(), start=1):
        score = scores.pop(goal.pk, None)
        if score is None:
            KnowledgeScore.objects.create(sheet=sheet, order=i, goal=goal, number=goal.number, text=goal.text)
        elif (score.order, score.number, score.text) != (i, goal.number, goal.text):
            score.order, score.number, score.text = i, goal.number, goal.text
            score.save()
        entry(goal=goal)
    for gone in scores.values():
        gone.delete()
    # One by one, so that each row's creation is in its history like any other change.
    for row in rows:
        row.save()
    for new in new_entries:
        new.save()
    for kept in moved:
        kept.save(update_fields=["order"])
    ensure_head_criteria(sheet)


def sync_sheet(sheet: EvaluationSheet) -> None:
    """Bring a sheet whose report is still being prepared in line with its plan after the plan
    changed: the part-1 rows are rebuilt (no points are given before the report is sent), report
    entries are kept for what is still in the plan and added for what is new. Entries of removed
    indicators went with them (their text stays in the history). Sent sheets never change."""
    if sheet.status != SheetStatus.DRAFT:
        return
    sheet.rows.all().delete()
    populate_sheet(sheet)


def sync_draft_sheets(plan: PerformancePlan) -> int:
    sheets = list(plan.sheets.filter(status=SheetStatus.DRAFT).select_related("plan", "cycle__methodology"))
    for sheet in sheets:
        sync_sheet(sheet)
    return len(sheets)


def ensure_head_criteria(sheet: EvaluationSheet) -> None:
    if sheet.head_scores.exists():
        return
    method = sheet.cycle.methodology
    for i, criterion in enumerate(method.head_criteria, start=1):
        HeadScore.objects.create(sheet=sheet, order=i, criterion=criterion)
    for j in range(1, method.max_competencies + 1):
        HeadScore.objects.create(
            sheet=sheet,
            order=len(method.head_criteria) + j,
            criterion=_("Professional competency %(n)s") % {"n": j},
            is_competency=True,
        )


# --- Guarded saves ------------------------------------------------------------------------


def _decimal(value: Any, low: Decimal, high: Decimal, label: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        d = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise PerformanceError(_("%(field)s: enter a number.") % {"field": label}) from None
    if not d.is_finite() or d < low or d > high:
        raise PerformanceError(
            _("%(field)s must be between %(low)s and %(high)s.")
            % {"field": label, "low": scoring.fmt(low), "high": scoring.fmt(high)}
        )
    return d


REPORT_FIELDS = ("achieved_text", "achieved_value", "actual_start", "actual_end", "completion", "status")


def save_report_entry(
    user: User, entry: ReportEntry, loaded_version: int, data: Mapping[str, Any]
) -> ReportEntry:
    """Save what the employee typed. ``data`` is already validated by the form; the version the
    form loaded must still be current (compare-and-swap), or nothing is written."""
    with transaction.atomic():
        sheet = _lock_sheet(entry.sheet)
        if not can(user, "performance.edit_report", sheet):
            raise PerformanceError(_("The report can no longer be changed."))
        swapped = ReportEntry.objects.filter(pk=entry.pk, sheet=sheet, version=loaded_version).update(
            version=loaded_version + 1
        )
        if not swapped:
            raise conflict()
        fresh = ReportEntry.objects.get(pk=entry.pk)
        for key in REPORT_FIELDS:
            if key in data:
                setattr(
                    fresh,
                    key,
                    data[key]
                    if data[key] is not None or key not in ("achieved_text", "achieved_value", "status")
                    else "",
                )
        if fresh.status:
            fresh.completion = None
        fresh.save()
        return fresh


def _swap_sheet_version(sheet: EvaluationSheet, loaded_version: int) -> EvaluationSheet:
    if not EvaluationSheet.objects.filter(pk=sheet.pk, version=loaded_version).update(
        version=loaded_version + 1
    ):
        raise conflict()
    sheet.version = loaded_version + 1
    return sheet


def save_head_scores(
    user: User,
    sheet: EvaluationSheet,
    loaded_version: int,
    rows: Mapping[int, Mapping[str, Any]],
    head: Mapping[int, Any],
    knowledge: Mapping[int, Any],
    competency_names: Mapping[int, str] | None = None,
) -> EvaluationSheet:
    """The unit head's points: per part-1 row (performance, timeliness, mark), per criterion,
    and knowledge completion. Only while the sheet is verified and not yet assessed."""
    with transaction.atomic():
        locked = _lock_sheet(sheet)
        if not can(user, "performance.assess", locked) or locked.status != S.VERIFIED:
            raise PerformanceError(
                _("The unit head's points can be changed only after verification and before signing.")
            )
        m = locked.cycle.methodology
        updates: list[tuple[Any, dict[str, Any]]] = []
        for row in locked.rows.exclude(kind=RowKind.OBJECTIVE):
            if row.pk not in rows:
                continue
            r = rows[row.pk]
            mark = r.get("mark", "") or ""
            if mark not in ("", "not_due", "cannot_evaluate", "not_scored"):
                raise PerformanceError(_("Unknown mark."))
            updates.append(
                (
                    row,
                    {
                        "performance": _decimal(
                            r.get("performance"),
                            Decimal(0),
                            m.max_performance,
                            _("Performance %(code)s") % {"code": row.code},
                        ),
                        "timeliness": _decimal(
                            r.get("timeliness"),
                            Decimal(0),
                            m.max_timeliness,
                            _("Timeliness %(code)s") % {"code": row.code},
                        ),
                        "mark": mark,
                    },
                )
            )
        for hs in locked.head_scores.all():
            if hs.pk in head:
                values = {"points": _decimal(head[hs.pk], Decimal(0), m.max_head, hs.criterion)}
                if hs.is_competency and competency_names and hs.pk in competency_names:
                    values["criterion"] = competency_names[hs.pk].strip()[:300] or hs.criterion
                updates.append((hs, values))
        for ks in locked.knowledge_scores.all():
            if ks.pk in knowledge:
                updates.append(
                    (ks, {"completion": _decimal(knowledge[ks.pk], Decimal(0), Decimal(100), ks.text[:40])})
                )
        _swap_sheet_version(locked, loaded_version)
        _write(updates)
        return locked


def save_rescores(
    user: User,
    sheet: EvaluationSheet,
    loaded_version: int,
    rows: Mapping[int, Any],
    head: Mapping[int, Any],
    knowledge: Mapping[int, Any],
) -> EvaluationSheet:
    """The evaluation team's re-scored values; empty clears a re-score."""
    with transaction.atomic():
        locked = _lock_sheet(sheet)
        if not can(user, "performance.rescore", locked) or locked.status not in (S.ACKNOWLEDGED, S.DISPUTED):
            raise PerformanceError(_("The team can re-score only while the sheet waits for its review."))
        m = locked.cycle.methodology
        updates: list[tuple[Any, dict[str, Any]]] = []
        for row in locked.rows.exclude(kind=RowKind.OBJECTIVE):
            if row.pk in rows:
                updates.append(
                    (
                        row,
                        {
                            "rescore": _decimal(
                                rows[row.pk], Decimal(0), m.max_performance + m.max_timeliness, row.code
                            )
                        },
                    )
                )
        for hs in locked.head_scores.all():
            if hs.pk in head:
                updates.append((hs, {"rescore": _decimal(head[hs.pk], Decimal(0), m.max_head, hs.criterion)}))
        for ks in locked.knowledge_scores.all():
            if ks.pk in knowledge:
                updates.append(
                    (ks, {"rescore": _decimal(knowledge[ks.pk], Decimal(0), m.max_knowledge, ks.text[:40])})
                )
        _swap_sheet_version(locked, loaded_version)
        _write(updates)
        return locked


def _write(updates: list[tuple[Any, dict[str, Any]]]) -> None:
    for obj, values in updates:
        if any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()  # one history row per changed record


def add_adjustment(
    user: User, sheet: EvaluationSheet, reason: str, clause: str, points: Any, note: str = ""
) -> Adjustment:
    with transaction.atomic():
        locked = _lock_sheet(sheet)
        if not can(user, "performance.rescore", locked) or locked.status not in (S.ACKNOWLEDGED, S.DISPUTED):
            raise PerformanceError(_("Adjustments are made by the evaluation team during its review."))
        value = _decimal(points, Decimal(-100), Decimal(100), _("Points"))
        if value is None or not reason.strip():
            raise PerformanceError(_("An adjustment needs a reason and points."))
        EvaluationSheet.objects.filter(pk=locked.pk).update(version=F("version") + 1)
        return Adjustment.objects.create(
            sheet=locked, reason=reason.strip(), clause=clause.strip(), points=value, note=note.strip()
        )


def delete_adjustment(user: User, adjustment: Adjustment) -> None:
    with transaction.atomic():
        locked = _lock_sheet(adjustment.sheet)
        if not can(user, "performance.rescore", locked) or locked.status not in (S.ACKNOWLEDGED, S.DISPUTED):
            raise PerformanceError(_("Adjustments are made by the evaluation team during its review."))
        EvaluationSheet.objects.filter(pk=locked.pk).update(version=F("version") + 1)
        adjustment.delete()


# --- Colleague scores ---------------------------------------------------------------------


def colleague_sheets_for(user: User) -> Any:
    """Sheets the user may score as a colleague (same unit, not their own, not as head)."""
    actor = actor_for(user)
    me = actor.employee
    if me is None or me.unit_id is None or actor.is_unit_head_of(me):
        return EvaluationSheet.objects.none()
    from urdun.performance.rules import COLLEAGUE_OPEN

    return (
        EvaluationSheet.objects.filter(employee__unit_id=me.unit_id, status__in=COLLEAGUE_OPEN)
        .exclude(employee=me)
        .exclude(colleague_submissions__colleague=me)
        .select_related("employee", "cycle")
    )


def pending_colleagues(sheet: EvaluationSheet) -> list[Employee]:
    if sheet.employee.unit_id is None:
        return []
    head = _unit_head(sheet.employee)
    return list(
        Employee.objects.filter(unit_id=sheet.employee.unit_id, is_active=True)
        .exclude(pk=sheet.employee_id)
        .exclude(pk=head.pk if head else None)
        .exclude(pk__in=ColleagueSubmission.objects.filter(sheet=sheet).values("colleague_id"))
    )


def submit_colleague_scores(user: User, sheet: EvaluationSheet, points: list[Any]) -> None:
    """Store one colleague's points as anonymous rows and note only that they submitted."""
    with transaction.atomic():
        locked = _lock_sheet(sheet)
        if not can(user, "performance.score_colleague", locked):
            raise PerformanceError(_("You cannot give a colleague assessment on this sheet."))
        me = actor_for(user).employee
        criteria = locked.cycle.methodology.colleague_criteria
        high = locked.cycle.methodology.max_colleague
        if len(points) != len(criteria):
            raise PerformanceError(_("Give points for every criterion."))
        values = [_decimal(p, Decimal(0), high, c) for p, c in zip(points, criteria, strict=True)]
        if any(v is None for v in values):
            raise PerformanceError(_("Give points for every criterion."))
        if ColleagueSubmission.objects.filter(sheet=locked, colleague=me).exists():
            raise PerformanceError(_("You have already given your assessment for this colleague."))
        ColleagueSubmission.objects.create(sheet=locked, colleague=me)
        ColleagueScore.objects.bulk_create(
            [ColleagueScore(sheet=locked, criterion=i, points=v) for i, v in enumerate(values, start=1)]
        )


def colleague_summary(sheet: EvaluationSheet) -> tuple[int, list[list[Decimal]]]:
    """(number of colleagues, points per criterion). Only ever used for averages."""
    per: dict[int, list[Decimal]] = {}
    for criterion, pts in ColleagueScore.objects.filter(sheet=sheet).values_list("criterion", "points"):
        per.setdefault(criterion, []).append(pts)
    n = len(sheet.cycle.methodology.colleague_criteria)
    lists = [per.get(i, []) for i in range(1, n + 1)]
    count = min((len(v) for v in lists), default=0)
    return count, lists


__all__ = [
    "TRANSITIONS",
    "ConflictError",
    "PerformanceError",
    "add_adjustment",
    "allowed_transitions",
    "answer_disagreement",
    "create_sheet",
    "get_or_create_cycle",
    "save_head_scores",
    "save_report_entry",
    "save_rescores",
    "submit_colleague_scores",
    "transition",
]

_unused = (Assignment, EVALUATION_TEAM_ROLES)
