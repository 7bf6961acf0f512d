"""Bulk document jobs: created by a request, run elsewhere, polled by the page.

With CELERY_BROKER_URL set the job runs on a Celery worker; without it (the embedded default)
it runs in a thread of the web process after the request's transaction commits, as pretix runs
its tasks in-process when no broker is configured. DOCUMENT_JOBS_INLINE runs it synchronously
(tests)."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from urdun.documents.models import DocumentJob
from urdun.organizations.models import Organization, Unit, User

logger = logging.getLogger(__name__)


def start_bulk_job(
    user: User, organization: Organization, unit: Unit | None, year: int, period: str
) -> DocumentJob:
    cleanup_expired()
    job = DocumentJob.objects.create(
        organization=organization,
        unit=unit,
        year=year,
        period=period,
        requested_by=user,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    transaction.on_commit(lambda: _dispatch(job.pk))
    return job


def _dispatch(job_id: object) -> None:
    if getattr(settings, "DOCUMENT_JOBS_INLINE", False):
        run_bulk_job(str(job_id))
    elif settings.CELERY_BROKER_URL:
        from urdun.documents.tasks import build_bulk_zip

        build_bulk_zip.delay(str(job_id))
    else:
        threading.Thread(target=_run_in_thread, args=(str(job_id),), daemon=True).start()


def _run_in_thread(job_id: str) -> None:
    try:
        run_bulk_job(job_id)
    finally:
        close_old_connections()


def run_bulk_job(job_id: str) -> None:
    from urdun.documents.render.bulk import render_many_to_zip
    from urdun.documents.services import sheet_file_name
    from urdun.performance.models import EvaluationSheet
    from urdun.performance.payload import sheet_payload

    job = DocumentJob.objects.select_related("organization", "unit").get(pk=job_id)
    sheets = (
        EvaluationSheet.objects.filter(
            employee__organization=job.organization, cycle__year=job.year, cycle__period=job.period
        )
        .select_related("employee__user", "employee__unit", "employee__organization", "cycle__methodology")
        .prefetch_related("rows", "knowledge_scores", "head_scores", "adjustments")
        .order_by("employee__unit__name", "employee__given_name", "pk")
    )
    if job.unit_id:
        sheets = sheets.filter(employee__unit=job.unit)
    sheets = list(sheets)
    DocumentJob.objects.filter(pk=job.pk).update(status=DocumentJob.Status.RUNNING, total=len(sheets))

    def progress(done: int, total: int) -> None:
        if done == total or done % 10 == 0:
            DocumentJob.objects.filter(pk=job.pk).update(done=done)

    try:
        with translation.override(job.language):
            items = (
                (sheet_file_name(s, "evaluation_sheet", "pdf"), sheet_payload(s, language=job.language))
                for s in sheets
            )
            partial = job.path.with_suffix(".part")
            with open(partial, "wb") as out:
                render_many_to_zip(items, out, progress, total=len(sheets))
            partial.replace(job.path)
        name = f"{job.organization.code}{'-' + job.unit.abbreviation if job.unit_id else ''}-{job.period_code}.zip"
        DocumentJob.objects.filter(pk=job.pk).update(
            status=DocumentJob.Status.DONE, done=len(sheets), file_name=name, finished_at=timezone.now()
        )
    except Exception:
        logger.exception("bulk job %s failed", job.pk)
        with translation.override(job.language):
            message = _("The documents could not be built. Please try again or tell the administrator.")
        DocumentJob.objects.filter(pk=job.pk).update(
            status=DocumentJob.Status.FAILED, error=message, finished_at=timezone.now()
        )


def cleanup_expired() -> int:
    expired = list(DocumentJob.objects.filter(expires_at__lt=timezone.now()))
    for job in expired:
        job.path.unlink(missing_ok=True)
    DocumentJob.objects.filter(pk__in=[j.pk for j in expired]).delete()
    return len(expired)
