from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urdun.organizations.models import Organization, Unit


def jobs_dir() -> Path:
    path = Path(settings.VAR_DIR) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


class DocumentJob(models.Model):
    """A bulk document build (all evaluation sheets of a unit or organization as one ZIP).

    The file lives under var/jobs (outside the web root) and is removed after
    JOB_FILE_TTL_HOURS by `manage.py cleanup_documents` and whenever a new job starts."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(_("ID"), primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=2)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8, default="mn")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("sheets in all"), default=0)
    done = models.PositiveIntegerField(_("sheets done"), default=0)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("removed after"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("document job")
        verbose_name_plural = _("document jobs")
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="job_done_le_total"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.period_code} ({self.get_status_display()})"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.expires_at is None:
            self.expires_at = timezone.now() + timedelta(hours=settings.JOB_FILE_TTL_HOURS)
        super().save(*args, **kwargs)

    @property
    def period_code(self) -> str:
        """As written on the command line and in the period field: 2025-H1, or 2025 for the year."""
        return f"{self.year}-H1" if self.period == "H1" else str(self.year)

    @property
    def percent(self) -> int:
        return (
            100 if self.status == self.Status.DONE else (100 * self.done // self.total if self.total else 0)
        )

    @property
    def path(self) -> Path:
        return jobs_dir() / f"{self.pk}.zip"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
