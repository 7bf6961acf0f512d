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
