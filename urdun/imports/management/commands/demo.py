from typing import Any

from django.core.management.base import BaseCommand

from urdun.imports.demo import DEMO_PASSWORD, load_all


class Command(BaseCommand):
    help = "Create or refresh the demo organizations, people, plans and reports (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        logins, notes = load_all()
        for line in notes:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data is ready. Logins (password for all: {DEMO_PASSWORD}):")
        )
        for username, name, what in logins:
            self.stdout.write(f"  {username:<14} {name:<16} {what}")
