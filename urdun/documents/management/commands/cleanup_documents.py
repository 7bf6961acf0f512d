from typing import Any

from django.core.management.base import BaseCommand

from urdun.documents.jobs import cleanup_expired


class Command(BaseCommand):
    help = "Remove bulk document files whose time is up (JOB_FILE_TTL_HOURS)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"removed {cleanup_expired()} expired job(s)")
