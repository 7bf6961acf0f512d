"""Publication of evaluation results: the organization head's recorded decision, and its figures.

A publication is a public record: the figures are computed and suppressed when the head
publishes, and stored with it, so a later reopening or re-score does not silently rewrite what
was published (a new publication supersedes it, and both stay).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationPolicy(models.Model):
    """What an administrator allows an organization to publish beyond the aggregates."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="publication_policy",
    )
    named_lists = models.BooleanField(
        _("publish named lists"),
        default=False,
        help_text=_("When set, a publication also lists each person's total and rating."),
    )

    class Meta:
        verbose_name = _("publication policy")
        verbose_name_plural = _("publication policies")

    def __str__(self) -> str:
        return str(self.organization)


class Publication(models.Model):
    cycle = models.ForeignKey(
        "performance.EvaluationCycle",
        verbose_name=_("evaluation cycle"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publisher_name = models.CharField(_("published by (name)"), max_length=200)
    publisher_position = models.CharField(_("position"), max_length=400, blank=True)
    published_at = models.DateTimeField(_("published at"))
    threshold = models.PositiveSmallIntegerField(_("suppression threshold"))
    named = models.BooleanField(_("with named list"), default=False)
    figures = models.JSONField(_("published figures"))
    superseded = models.BooleanField(_("superseded"), default=False)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle"], condition=models.Q(superseded=False), name="publication_one_current"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.cycle.code}"


class ResultRules(models.Model):
    """What a methodology version says of publication and calibration (METHODOLOGY.md part C).

    Versioned data, edited by administrators: the suppression threshold of published cells and an
    optional calibration guideline ("at most N % in band A"), shown in calibration sessions and
    never applied automatically. Without a row, the defaults apply (5; no guideline).
    """

    methodology = models.OneToOneField(
        "performance.MethodologyVersion",
        verbose_name=_("methodology version"),
        on_delete=models.CASCADE,
        related_name="result_rules",
    )
    publication_threshold = models.PositiveSmallIntegerField(
        _("publication threshold"),
        default=5,
        help_text=_("A published cell drawn from fewer people than this is suppressed."),
    )
    guideline_band = models.CharField(_("calibration guideline: band letter"), max_length=8, blank=True)
    guideline_max_share = models.DecimalField(
        _("calibration guideline: the largest share in the band, in percent"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("publication and calibration rules")
        verbose_name_plural = _("publication and calibration rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(publication_threshold__gte=1), name="result_rules_threshold_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(guideline_max_share__isnull=True)
                | models.Q(guideline_max_share__gte=0, guideline_max_share__lte=100),
                name="result_rules_share_0_100",
            ),
        ]

    def __str__(self) -> str:
        return str(self.methodology)


class CalibrationSession(models.Model):
    """The evaluation team reviews an organization's cycle together; every change is recorded."""

    cycle = models.ForeignKey(
        "performance.EvaluationCycle",
        verbose_name=_("evaluation cycle"),
        on_delete=models.PROTECT,
        related_name="calibrations",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_by_name = models.CharField(_("opened by (name)"), max_length=200)
    opened_at = models.DateTimeField(_("opened at"))
    guideline = models.JSONField(_("guideline"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by_name = models.CharField(_("closed by (name)"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("calibration session")
        verbose_name_plural = _("calibration sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle"], condition=models.Q(closed_at__isnull=True), name="calibration_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle} {self.opened_at:%Y.%m.%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CalibrationChange(models.Model):
    """One team re-score made in a session, with its reason (the sheet's history has it too)."""

    session = models.ForeignKey(
        CalibrationSession,
        verbose_name=_("calibration session"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    sheet = models.ForeignKey(
        "performance.EvaluationSheet",
        verbose_name=_("evaluation sheet"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    row = models.ForeignKey(
        "performance.SheetRow", verbose_name=_("row"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    row_label = models.CharField(_("row"), max_length=200)
    before = models.DecimalField(_("before"), max_digits=5, decimal_places=2, null=True)
    after = models.DecimalField(_("after"), max_digits=5, decimal_places=2, null=True)
    total_before = models.CharField(_("total before"), max_length=8, blank=True)
    total_after = models.CharField(_("total after"), max_length=8, blank=True)
    reason = models.TextField(_("reason"))
    changed_by_name = models.CharField(_("changed by"), max_length=200)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("calibration change")
        verbose_name_plural = _("calibration changes")

    def __str__(self) -> str:
        return f"{self.row_label}: {self.before} → {self.after}"
