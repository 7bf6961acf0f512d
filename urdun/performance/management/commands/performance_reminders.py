from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import ngettext

from urdun.performance.services import remind_deadlines


class Command(BaseCommand):
    help = "Remind everyone whose step of the evaluation is due soon (in the app and by e-mail). Run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3, help="Remind this many days before a deadline.")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = remind_deadlines(days_before=options["days"])
        self.stdout.write(ngettext("%(n)s reminder sent.", "%(n)s reminders sent.", sent) % {"n": sent})
