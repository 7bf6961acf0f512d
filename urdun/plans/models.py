"""Organizational action plans: plan → section → objective → action, progress and assessment.

Codes are kept exactly as the source document writes them ("1.1.1", "1.1.3": gaps are real).
Percentages are Decimals with database constraints; aggregates live in `aggregates.py`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

ROMAN = ("I", "II", "III", "IV")


def quarters_to_text(quarters: list[int]) -> str:
    return ",".join(ROMAN[q - 1] for q in sorted(set(quarters)) if 1 <= q <= 4)


def quarters_from_text(text: str) -> list[int]:
    out = []
    for part in (text or "").split(","):
        part = part.strip()
        if part in ROMAN:
            out.append(ROMAN.index(part) + 1)
    return sorted(set(out))


class PlanSettings(models.Model):
    """The assessment scale of an organization (a row with no organization is the default)."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plan_settings",
    )
    scale_levels = models.CharField(
        _("assessment scale levels"),
        max_length=100,
        default="0,30,70,100",
        help_text=_("Allowed implementation percentages, separated by commas."),
    )
    allow_free_percent = models.BooleanField(
        _("allow any percentage"),
        default=False,
        help_text=_("When set, the M&E officer may give any percentage from 0 to 100."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan settings")
        verbose_name_plural = _("plan settings")

    def __str__(self) -> str:
        return str(self.organization or _("Default"))

    @property
    def levels(self) -> list[Decimal]:
        out = []
        for part in self.scale_levels.split(","):
            part = part.strip()
            if part:
                out.append(Decimal(part))
        return sorted(out)


class PlanQuerySet(models.QuerySet["Plan"]):
    def for_user(self, user) -> PlanQuerySet:
        from urdun.plans.rules import plan_scope

        return plan_scope(self, user)

    def published(self) -> PlanQuerySet:
        return self.filter(is_published=True)


class Plan(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"))
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    # Readings of the imported file that were not literal: [{row, column, written, read, message}].
    import_notes = models.JSONField(_("import notes"), default=list, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(fields=["organization", "title"], name="plan_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Objective(models.Model):
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="objectives"
    )
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section_id", "position", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"


class Action(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions")
    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="actions"
    )
    row = models.PositiveIntegerField(_("row number"), null=True, blank=True)
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("text"))
    quarters = models.CharField(
        _("quarters"), max_length=20, blank=True, help_text=_("Roman numerals, e.g. I,IV.")
    )
    due_quarter = models.PositiveSmallIntegerField(
        _("due quarter"), null=True, blank=True, help_text=_("The last quarter it is planned in.")
    )
    baseline = models.TextField(_("baseline"), blank=True)
    target = models.TextField(_("target / result indicator"), blank=True)
    # Columns of the imported file Urdun has no field for (legal basis, budget...): {header: text}.
    extra = models.JSONField(_("other columns"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective_id", "position", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["plan", "code"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_quarter__isnull=True) | Q(due_quarter__gte=1, due_quarter__lte=4),
                name="action_due_quarter_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    @property
    def quarter_list(self) -> list[str]:
        return [ROMAN[q - 1] for q in quarters_from_text(self.quarters)]

    def set_quarters(self, quarters: list[int]) -> None:
        self.quarters = quarters_to_text(quarters)
        self.due_quarter = max(quarters) if quarters else None


class Responsible(models.Model):
    """One entry of an action's responsible list, as written, linked where it resolves."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("Unit")
        ORGANIZATION = "organization", _("Organization")
        PERSON = "person", _("Person")
        UNKNOWN = "unknown", _("Unresolved")

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="responsibles"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("text"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UNKNOWN)
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_responsibilities",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_responsibilities",
    )
    employee = models.ForeignKey(
        "organizations.Employee",
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_responsibilities",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_id", "position", "id"]
        verbose_name = _("responsible")
        verbose_name_plural = _("responsibles")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "unit"],
                condition=Q(unit__isnull=False),
                name="responsible_unique_unit",
            ),
            models.UniqueConstraint(
                fields=["action", "employee"],
                condition=Q(employee__isnull=False),
                name="responsible_unique_employee",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def resolved(self) -> bool:
        return bool(self.unit_id or self.organization_id or self.employee_id)


class ReportingPeriod(models.Model):
    class Kind(models.TextChoices):
        Q1 = "Q1", _("Quarter I")
        Q2 = "Q2", _("Quarter II")
        Q3 = "Q3", _("Quarter III")
        Q4 = "Q4", _("Quarter IV")
        H1 = "H1", _("Half-year")
        Y = "Y", _("Year")

    THROUGH_QUARTER = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4, "H1": 2, "Y": 4}

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="reporting_periods",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=2, choices=Kind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    deadline = models.DateField(
        _("reporting deadline"), help_text=_("Reports are due by the end of this day, local time.")
    )
    through_quarter = models.PositiveSmallIntegerField(_("covers quarters through"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["organization_id", "year", "end", "kind"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "kind"], name="period_unique_kind"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def code(self) -> str:
        return f"{self.year}-{self.kind}"

    @property
    def label(self) -> str:
        return f"{self.year} {self.get_kind_display()}"


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    done = models.TextField(_("what was done"))
    achieved_value = models.CharField(_("achieved value"), max_length=500, blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One address per line."))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    late = models.BooleanField(_("filed after the deadline"), default=False)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_id", "period_id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(fields=["action", "period"], name="progress_unique_period"),
        ]

    def __str__(self) -> str:
        return f"{self.action.code} — {self.period}"

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def evidence_path(instance: Evidence, filename: str) -> str:
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"plans/evidence/{instance.report.period.year}/{uuid.uuid4().hex}.{ext}"


class Evidence(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("progress report"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["report_id", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class Assessment(models.Model):
    class Status(models.TextChoices):
        ASSESSED = "assessed", _("Assessed")
        NOT_DUE = "not_due", _("Not yet due")
        CANNOT_EVALUATE = "cannot_evaluate", _("Cannot be evaluated")

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="assessments"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    percent = models.DecimalField(
        _("implementation %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("assessed at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_id", "period_id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["action", "period"], name="assessment_unique_period"),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="assessment_percent_range",
            ),
            models.CheckConstraint(
                condition=(Q(status="assessed") & Q(percent__isnull=False))
                | (~Q(status="assessed") & Q(percent__isnull=True)),
                name="assessment_percent_iff_assessed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.code} {self.period}: {self.get_status_display()}"
