from celery import shared_task


@shared_task(ignore_result=True)
def build_bulk_zip(job_id: str) -> None:
    from urdun.documents.jobs import run_bulk_job

    run_bulk_job(job_id)
