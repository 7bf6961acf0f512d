"""With a broker configured, a bulk job runs on a Celery worker, not in the web process."""

import socket
import time

import pytest

from urdun.documents.jobs import _dispatch
from urdun.documents.models import DocumentJob


def _redis_answers() -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_bulk_job_runs_on_a_celery_worker(world, settings):
    from celery.contrib.testing.worker import start_worker

    from urdun.celery import app

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    app.conf.update(broker_url=settings.CELERY_BROKER_URL, task_always_eager=False, result_backend=None)
    job = DocumentJob.objects.create(
        organization=world.org, year=2025, period="H1", requested_by=world.people["hana"].user
    )
    try:
        _dispatch(job.pk)  # queued on the broker: nothing runs in this process
        time.sleep(0.5)
        job.refresh_from_db()
        assert job.status == "queued"
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                job.refresh_from_db()
                if job.finished:
                    break
                time.sleep(0.2)
    finally:
        app.conf.update(task_always_eager=True)
    assert (job.status, job.total) == ("done", 0)
    assert job.path.exists()
