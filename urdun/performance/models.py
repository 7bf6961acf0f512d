"""Individual performance: plans, reports, evaluation sheets and their sign-off trail.

Ranges are database constraints. The maxima of the methodology are data
(:class:`MethodologyVersion`); the CHECK constraints encode today's absolute bounds (performance
0–60, timeliness 0–10, row 0–70, knowledge 0–15, head 0–7, colleague 0–8, percentages 0–100) and
the services validate every value against the cycle's version as well. A future version with
larger maxima needs a migration that widens these constraints.

Colleague scores (:class:`ColleagueScore`) are anonymous by construction: no author, no
timestamps, no change history, random UUID keys. :class:`ColleagueSubmission` only records that
someone has submitted.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from urdun.organizations.models import Employee, Organization, User
from urdun.performance import scoring

if TYPE_CHECKING:
    from urdun.organizations.permissions import Actor


def _points(verbose: Any, null: bool = True) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=5, decimal_places=2, null=null, blank=null)


def _range(field: str, low: int, high: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=name,
    )


def default_head_criteria() -> list[str]:
    return [
        "Хандлага, ёс зүй",
        "Дүн шинжилгээ хийх",
        "Асуудал шийдвэрлэх",
        "Хариуцлагатай байдал",
        "Ажлын цаг ашиглалт",
    ]


def default_colleague_criteria() -> list[str]:
    return ["Хандлага, ёс зүй", "Багаар ажиллах", "Харилцаа"]


def default_bands() -> list[dict[str, Any]]:
    return [
        {"letter": "A", "label": "Бүрэн хангалттай", "threshold": "90"},
        {"letter": "B", "label": "Хангалттай", "threshold": "70"},
        {"letter": "C", "label": "Хангалтгүй", "threshold": "0"},
    ]


def default_deadlines() -> dict[str, str]:
    # Month-day of each deadline; the year is the cycle's (January dates fall in the next year).
    return {
        "plan_approval": "02-01",
        "H1_report_due": "06-05",
        "H1_verification_due": "06-10",
        "H1_review_due": "06-20",
        "H1_confirmation_due": "06-30",
        "annual_report_due": "12-05",
        "annual_verification_due": "01-10",
        "annual_review_due": "01-20",
        "annual_confirmation_due": "01-31",
    }


class MethodologyVersion(models.Model):
    """A version of the evaluation rules (METHODOLOGY.md part B), chosen per evaluation cycle."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=400)
    effective_from = models.DateField(_("effective from"))
    legal_basis = models.TextField(_("legal basis"))
    max_performance = models.DecimalField(
        _("maximum performance points"), max_digits=5, decimal_places=2, default=Decimal(60)
    )
    max_timeliness = models.DecimalField(
        _("maximum timeliness points"), max_digits=5, decimal_places=2, default=Decimal(10)
    )
    max_knowledge = models.DecimalField(
        _("maximum knowledge points"), max_digits=5, decimal_places=2, default=Decimal(15)
    )
    max_head = models.DecimalField(
        _("maximum unit head points"), max_digits=5, decimal_places=2, default=Decimal(7)
    )
    max_colleague = models.DecimalField(
        _("maximum colleague points"), max_digits=5, decimal_places=2, default=Decimal(8)
    )
    head_criteria = models.JSONField(_("unit head criteria"), default=default_head_criteria)
    max_competencies = models.PositiveSmallIntegerField(_("job-specific competencies"), default=3)
    colleague_criteria = models.JSONField(_("colleague criteria"), default=default_colleague_criteria)
    colleague_minimum = models.PositiveSmallIntegerField(
        _("colleagues needed before part 4 is shown"), default=3
    )
    rating_bands = models.JSONField(_("rating bands"), default=default_bands)
    adjustment_reasons = models.JSONField(_("adjustment reasons"), default=list, blank=True)
    default_deadlines = models.JSONField(_("default deadlines"), default=default_deadlines)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("methodology version")
        verbose_name_plural = _("methodology versions")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def maxima(self) -> scoring.Maxima:
        return scoring.Maxima(
            performance=self.max_performance,
            timeliness=self.max_timeliness,
            knowledge=self.max_knowledge,
            head=self.max_head,
            colleague=self.max_colleague,
        )

    @property
    def bands(self) -> list[scoring.Band]:
        return [
            scoring.Band(letter=b["letter"], label=b["label"], threshold=Decimal(str(b["threshold"])))
            for b in self.rating_bands
        ]

    @classmethod
    def current(cls, on: date | None = None) -> MethodologyVersion:
        qs = cls.objects.order_by("-effective_from")
        if on is not None:
            found = qs.filter(effective_from__lte=on).first()
            if found:
                return found
        found = qs.first()
        if found is None:
            # The data migration creates it; a flushed test database may have lost it.
            from urdun.performance.defaults import METHODOLOGY_2023

            found, _created = cls.objects.get_or_create(
                code=METHODOLOGY_2023["code"], defaults=METHODOLOGY_2023
            )
        return found


class Period(models.TextChoices):
    H1 = "H1", _("Half-year")
    ANNUAL = "Y", _("Annual")


class CycleQuerySet(models.QuerySet["EvaluationCycle"]):
    def for_user(self, user: User) -> CycleQuerySet:
        from urdun.organizations.permissions import actor_for

        return self.filter(organization__in=actor_for(user).scope_organizations(Organization.objects.all()))


class EvaluationCycle(models.Model):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="evaluation_cycles",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=2, choices=Period.choices)
    methodology = models.ForeignKey(
        MethodologyVersion,
        verbose_name=_("methodology version"),
        on_delete=models.PROTECT,
        related_name="cycles",
    )
    plan_approval_due = models.DateField(_("plan approval due"))
    report_due = models.DateField(_("report due"))
    verification_due = models.DateField(_("unit head verification due"))
    review_due = models.DateField(_("evaluation team review due"))
    confirmation_due = models.DateField(_("confirmation due"))
    history = HistoricalRecords()

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "period"]
        verbose_name = _("evaluation cycle")
        verbose_name_plural = _("evaluation cycles")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "period"], name="cycle_unique_period"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.code}"

    @property
    def code(self) -> str:
        return f"{self.year}-H1" if self.period == Period.H1 else str(self.year)

    @property
    def label(self) -> str:
        from django.utils.translation import gettext

        if self.period == Period.H1:
            return gettext("%(year)s half-year") % {"year": self.year}
        return gettext("%(year)s annual") % {"year": self.year}


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Sent to the unit head")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for correction")
    AMENDING = "amending", _("Being amended")


class PlanQuerySet(models.QuerySet["PerformancePlan"]):
    def for_user(self, user: User) -> PlanQuerySet:
        from urdun.organizations.permissions import actor_for

        return self.filter(actor_for(user).employee_filter("employee__"))


class PerformancePlan(models.Model):
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="performance_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        Employee,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("performance plan")
        verbose_name_plural = _("performance plans")
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="plan_unique_employee_year")]

    def __str__(self) -> str:
        return f"{self.employee} {self.year}"


class PlanObjective(models.Model):
    plan = models.ForeignKey(
        PerformancePlan,
        verbose_name=_("performance plan"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    number = models.CharField(_("number"), max_length=16)
    text = models.TextField(_("objective"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class PlanAction(models.Model):
    objective = models.ForeignKey(
        PlanObjective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="actions"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    number = models.CharField(_("number"), max_length=16)
    text = models.TextField(_("action"))
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    org_action = models.ForeignKey(
        "plans.Action",
        verbose_name=_("organizational plan action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="performance_actions",
        help_text=_("The action of the organization's plan this action is cascaded from."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="plan_action_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class Indicator(models.Model):
    action = models.ForeignKey(
        PlanAction, verbose_name=_("action"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("indicator"), max_length=400)
    baseline = models.CharField(_("baseline"), max_length=200, blank=True)
    target_half = models.CharField(_("half-year target"), max_length=200, blank=True)
    target_annual = models.CharField(_("annual target"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """An additional assignment given during the year by a named manager."""

    plan = models.ForeignKey(
        PerformancePlan,
        verbose_name=_("performance plan"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    number = models.CharField(_("number"), max_length=16)
    text = models.TextField(_("assignment"))
    assigned_by = models.ForeignKey(
        Employee,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_by_text = models.CharField(_("assigning manager (as written)"), max_length=300, blank=True)
    indicator = models.CharField(_("indicator"), max_length=400, blank=True)
    baseline = models.CharField(_("baseline"), max_length=200, blank=True)
    target = models.CharField(_("target"), max_length=200, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("additional assignment")
        verbose_name_plural = _("additional assignments")

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class KnowledgeGoal(models.Model):
    plan = models.ForeignKey(
        PerformancePlan,
        verbose_name=_("performance plan"),
        on_delete=models.CASCADE,
        related_name="knowledge_goals",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    number = models.CharField(_("number"), max_length=16)
    text = models.TextField(_("action"))
    indicator = models.CharField(_("indicator"), max_length=400, blank=True)
    baseline = models.CharField(_("baseline"), max_length=200, blank=True)
    target = models.CharField(_("target"), max_length=200, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("knowledge and skills goal")
        verbose_name_plural = _("knowledge and skills goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class PlanAmendment(models.Model):
    """A change to an approved plan during the year: opened by the employee with a reason,
    approved by the unit head with the plan. ``before`` and ``after`` are the plan as it stood
    (objectives, actions, indicators, assignments, knowledge goals), so what was added, changed
    or dropped can be shown at any time later."""

    plan = models.ForeignKey(
        PerformancePlan,
        verbose_name=_("performance plan"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    reason = models.TextField(_("reason"))
    opened_by = models.ForeignKey(
        Employee, verbose_name=_("opened by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"))
    before = models.JSONField(_("plan before"))
    after = models.JSONField(_("plan after"), null=True, blank=True)
    approved_by = models.ForeignKey(
        Employee,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("plan amendment")
        verbose_name_plural = _("plan amendments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="amendment_unique_number"),
            # At most one amendment of a plan is open (not yet approved) at a time.
            models.UniqueConstraint(
                fields=["plan"], condition=Q(approved_at__isnull=True), name="amendment_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.approved_at is None


class ProgressInterview(models.Model):
    """The progress interview (явцын ярилцлага) the unit head holds once in a period with each
    employee: when, what was discussed, the tasks agreed. It shows on the report."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="progress_interviews"
    )
    cycle = models.ForeignKey(
        EvaluationCycle, verbose_name=_("evaluation cycle"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("held on"))
    discussed = models.TextField(_("what was discussed"))
    agreed = models.TextField(_("tasks agreed"), blank=True)
    recorded_by = models.ForeignKey(
        Employee, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress interview")
        verbose_name_plural = _("progress interviews")
        constraints = [
            models.UniqueConstraint(fields=["employee", "cycle"], name="interview_once_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.cycle.code}"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Report in preparation")
    SUBMITTED = "submitted", _("Report sent to the unit head")
    VERIFIED = "verified", _("Verified, awaiting the unit head's assessment")
    ASSESSED = "assessed", _("Assessed, awaiting the employee")
    DISPUTED = "disputed", _("Disputed by the employee")
    ACKNOWLEDGED = "acknowledged", _("Agreed, awaiting the evaluation team")
    REVIEWED = "reviewed", _("Reviewed, awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")


class SheetQuerySet(models.QuerySet["EvaluationSheet"]):
    def for_user(self, user: User) -> SheetQuerySet:
        from urdun.organizations.permissions import actor_for

        return self.for_actor(actor_for(user))

    def for_actor(self, actor: Actor) -> SheetQuerySet:
        return self.filter(actor.employee_filter("employee__"))


class EvaluationSheet(models.Model):
    """One employee's report and evaluation for one cycle; the document that is signed."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="evaluation_sheets"
    )
    cycle = models.ForeignKey(
        EvaluationCycle, verbose_name=_("evaluation cycle"), on_delete=models.PROTECT, related_name="sheets"
    )
    plan = models.ForeignKey(
        PerformancePlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="sheets"
    )
    status = models.CharField(
        _("status"), max_length=14, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # Snapshots taken when the sheet is signed: later transfers do not rewrite it.
    employee_name = models.CharField(_("employee name"), max_length=200, blank=True)
    employee_position = models.CharField(_("position"), max_length=400, blank=True)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    unit_head_name = models.CharField(_("unit head"), max_length=200, blank=True)
    unit_head_position = models.CharField(_("unit head position"), max_length=400, blank=True)
    confirmed_payload = models.JSONField(_("confirmed sheet"), null=True, blank=True, editable=False)
    # Set at confirmation, for aggregates in SQL (the overview's distribution).
    final_total = models.DecimalField(_("total"), max_digits=6, decimal_places=1, null=True, blank=True)
    final_rating = models.CharField(_("rating"), max_length=8, blank=True)
    imported = models.BooleanField(_("imported"), default=False)
    mismatches = models.JSONField(_("mismatches with the paper"), default=list, blank=True)
    # Readings of the imported file that were not literal: [{row, column, written, read, message}].
    import_notes = models.JSONField(_("import notes"), default=list, blank=True)
    history = HistoricalRecords(excluded_fields=["confirmed_payload"])

    objects = SheetQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle__year", "employee__given_name"]
        verbose_name = _("evaluation sheet")
        verbose_name_plural = _("evaluation sheets")
        constraints = [
            models.UniqueConstraint(fields=["employee", "cycle"], name="sheet_unique_employee_cycle")
        ]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self) -> str:
        return f"{self.employee} {self.cycle.code}"

    @property
    def locked(self) -> bool:
        return self.status == SheetStatus.CONFIRMED


class RowKind(models.TextChoices):
    OBJECTIVE = "objective", _("Objective")
    ACTION = "action", _("Action")
    ASSIGNMENT = "assignment", _("Additional assignment")


class RowMark(models.TextChoices):
    NONE = "", _("Scored")
    NOT_DUE = scoring.NOT_DUE, _("Not yet due")
    CANNOT_EVALUATE = scoring.CANNOT_EVALUATE, _("Cannot be evaluated")
    NOT_SCORED = scoring.NOT_SCORED, _("Not scored (00)")


class SheetRow(models.Model):
    """A line of part 1 as it prints: objective headings, actions and additional assignments."""

    sheet = models.ForeignKey(
        EvaluationSheet, verbose_name=_("evaluation sheet"), on_delete=models.CASCADE, related_name="rows"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=RowKind.choices)
    number = models.CharField(_("number"), max_length=16, blank=True)
    code = models.CharField(_("code"), max_length=16, blank=True)
    text = models.TextField(_("text"))
    action = models.ForeignKey(
        PlanAction,
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sheet_rows",
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("additional assignment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sheet_rows",
    )
    performance = _points(_("performance points"))
    timeliness = _points(_("timeliness points"))
    mark = models.CharField(_("mark"), max_length=16, choices=RowMark.choices, blank=True, default="")
    rescore = _points(_("evaluation team's score"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("evaluation sheet row")
        verbose_name_plural = _("evaluation sheet rows")
        constraints = [
            _range("performance", 0, 60, "sheetrow_performance_0_60"),
            _range("timeliness", 0, 10, "sheetrow_timeliness_0_10"),
            _range("rescore", 0, 70, "sheetrow_rescore_0_70"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    def as_scoring_row(self) -> scoring.Part1Row:
        return scoring.Part1Row(
            performance=self.performance, timeliness=self.timeliness, rescore=self.rescore, mark=self.mark
        )


class ReportStatus(models.TextChoices):
    REPORTED = "", _("Reported")
    NOT_DUE = scoring.NOT_DUE, _("Not yet due")
    CANNOT_EVALUATE = scoring.CANNOT_EVALUATE, _("Cannot be evaluated")


class ReportEntry(models.Model):
    """What the employee reports for one indicator, assignment or knowledge goal."""

    sheet = models.ForeignKey(
        EvaluationSheet,
        verbose_name=_("evaluation sheet"),
        on_delete=models.CASCADE,
        related_name="report_entries",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_entries",
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("additional assignment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_entries",
    )
    knowledge_goal = models.ForeignKey(
        KnowledgeGoal,
        verbose_name=_("knowledge and skills goal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_entries",
    )
    achieved_text = models.TextField(_("achieved level"), blank=True)
    achieved_value = models.CharField(_("achieved value"), max_length=200, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    completion = _points(_("completion %"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, blank=True, default=""
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("report entry")
        verbose_name_plural = _("report entries")
        constraints = [
            _range("completion", 0, 100, "report_completion_0_100"),
            models.CheckConstraint(
                condition=Q(actual_start__isnull=True)
                | Q(actual_end__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="report_end_after_start",
            ),
            models.CheckConstraint(
                condition=(
                    Q(indicator__isnull=False, assignment__isnull=True, knowledge_goal__isnull=True)
                    | Q(indicator__isnull=True, assignment__isnull=False, knowledge_goal__isnull=True)
                    | Q(indicator__isnull=True, assignment__isnull=True, knowledge_goal__isnull=False)
                ),
                name="report_entry_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class KnowledgeScore(models.Model):
    sheet = models.ForeignKey(
        EvaluationSheet,
        verbose_name=_("evaluation sheet"),
        on_delete=models.CASCADE,
        related_name="knowledge_scores",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    goal = models.ForeignKey(
        KnowledgeGoal,
        verbose_name=_("knowledge and skills goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    number = models.CharField(_("number"), max_length=16, blank=True)
    text = models.TextField(_("action"))
    completion = _points(_("completion %"))
    rescore = _points(_("evaluation team's score"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("knowledge and skills score")
        verbose_name_plural = _("knowledge and skills scores")
        constraints = [
            _range("completion", 0, 100, "knowledge_completion_0_100"),
            _range("rescore", 0, 15, "knowledge_rescore_0_15"),
        ]

    def __str__(self) -> str:
        return str(f"{self.number} {self.text[:60]}")


class HeadScore(models.Model):
    sheet = models.ForeignKey(
        EvaluationSheet,
        verbose_name=_("evaluation sheet"),
        on_delete=models.CASCADE,
        related_name="head_scores",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    criterion = models.CharField(_("criterion"), max_length=300)
    is_competency = models.BooleanField(_("job-specific competency"), default=False)
    points = _points(_("unit head's points"))
    rescore = _points(_("evaluation team's score"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("unit head's score")
        verbose_name_plural = _("unit head's scores")
        constraints = [
            _range("points", 0, 7, "headscore_points_0_7"),
            _range("rescore", 0, 7, "headscore_rescore_0_7"),
        ]

    def __str__(self) -> str:
        return str(self.criterion)


class ColleagueScore(models.Model):
    """One criterion's points from one colleague. Deliberately anonymous: no author, no
    timestamps, no history table, random keys (so insertion order cannot be recovered)."""

    id = models.UUIDField(_("ID"), primary_key=True, default=uuid.uuid4, editable=False)
    sheet = models.ForeignKey(
        EvaluationSheet,
        verbose_name=_("evaluation sheet"),
        on_delete=models.CASCADE,
        related_name="colleague_scores",
    )
    criterion = models.PositiveSmallIntegerField(_("criterion number"))
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["sheet", "criterion", "id"]
        verbose_name = _("colleague score")
        verbose_name_plural = _("colleague scores")
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gte=0, points__lte=8), name="colleaguescore_points_0_8"
            ),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class ColleagueSubmission(models.Model):
    """Only that a colleague has submitted: nobody submits twice; reminders reach the rest."""

    id = models.UUIDField(_("ID"), primary_key=True, default=uuid.uuid4, editable=False)
    sheet = models.ForeignKey(
        EvaluationSheet,
        verbose_name=_("evaluation sheet"),
        on_delete=models.CASCADE,
        related_name="colleague_submissions",
    )
    colleague = models.ForeignKey(
        Employee, verbose_name=_("colleague"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("colleague submission")
        verbose_name_plural = _("colleague submissions")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "colleague"], name="colleague_submits_once"),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class Adjustment(models.Model):
    sheet = models.ForeignKey(
        EvaluationSheet,
        verbose_name=_("evaluation sheet"),
        on_delete=models.CASCADE,
        related_name="adjustments",
    )
    reason = models.CharField(_("reason"), max_length=300)
    clause = models.CharField(_("clause"), max_length=32, blank=True)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gte=-100, points__lte=100), name="adjustment_points_range"
            ),
        ]

    def __str__(self) -> str:
        return str(f"{self.points} {self.reason[:60]}")


class Step(models.TextChoices):
    PREPARED = "prepared", _("Report prepared")
    VERIFIED = "verified", _("Verified")
    ASSESSED = "assessed", _("Assessment given")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged and agreed")
    REVIEWED_LEADER = "reviewed_leader", _("Reviewed by the evaluation team leader")
    REVIEWED_SECRETARY = "reviewed_secretary", _("Evaluation team secretary")
    CONFIRMED = "confirmed", _("Confirmed by the organization head")


STEP_ORDER = [s.value for s in Step]


class Decision(models.TextChoices):
    SIGNED = "signed", _("Signed")
    RETURNED = "returned", _("Returned for correction")
    DISAGREED = "disagreed", _("Disagreed")
    REOPENED = "reopened", _("Reopened")


class SheetEvent(models.Model):
    """A signature or another step of the chain: who, as what, when, what and why."""

    sheet = models.ForeignKey(
        EvaluationSheet, verbose_name=_("evaluation sheet"), on_delete=models.CASCADE, related_name="events"
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    actor = models.ForeignKey(
        Employee,
        verbose_name=_("acting employee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=400, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("time"))
    signed_on = models.DateField(_("date"))
    voided = models.BooleanField(_("superseded"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return str(f"{self.step} {self.decision} {self.name}")


class Disagreement(models.Model):
    sheet = models.ForeignKey(
        EvaluationSheet,
        verbose_name=_("evaluation sheet"),
        on_delete=models.CASCADE,
        related_name="disagreements",
    )
    text = models.TextField(_("disagreement"))
    created_at = models.DateTimeField(_("sent"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        Employee,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("disagreement")
        verbose_name_plural = _("disagreements")

    def __str__(self) -> str:
        return str(self.text[:60])


class SheetVersion(models.Model):
    """An earlier confirmed version of a reopened sheet, kept as it was."""

    sheet = models.ForeignKey(
        EvaluationSheet, verbose_name=_("evaluation sheet"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    payload = models.JSONField(_("confirmed sheet"))
    reopened_at = models.DateTimeField(_("reopened at"))
    reopened_by = models.ForeignKey(
        Employee, verbose_name=_("reopened by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason for reopening"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("earlier sheet version")
        verbose_name_plural = _("earlier sheet versions")
        constraints = [models.UniqueConstraint(fields=["sheet", "number"], name="sheetversion_unique_number")]

    def __str__(self) -> str:
        return str(f"{self.sheet_id} v{self.number}")


class Reminder(models.Model):
    """An in-app reminder; the e-mail copy is sent after commit."""

    recipient = models.ForeignKey(
        Employee, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="performance_reminders"
    )
    sheet = models.ForeignKey(
        EvaluationSheet,
        verbose_name=_("evaluation sheet"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.CharField(_("reminder key"), max_length=120)
    message = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read = models.BooleanField(_("already read"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="reminder_unique_key")]

    def __str__(self) -> str:
        return str(self.message[:60])
