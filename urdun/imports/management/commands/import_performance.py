from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from urdun.imports.performance_import import ParseError, commit_performance, problem_lines, read_performance
from urdun.organizations.models import Employee
from urdun.performance.payload import SheetNotFound, parse_period
from urdun.performance.services import PerformanceError


class Command(BaseCommand):
    help = "Import a performance report and evaluation sheet (text/Markdown, DOCX, or the sheet XLSX Urdun exports) for one employee and period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--employee", required=True, help="Username, e.g. batsetseg")
        parser.add_argument("--period", required=True, help="2025-H1 (half-year) or 2025 (annual)")
        parser.add_argument(
            "--rescores",
            choices=["rule", "apply", "ignore"],
            default="rule",
            help="The team's re-score column: by the rule of docs/imports.md (default), or apply or ignore it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        employee = (
            Employee.objects.select_related("organization", "unit")
            .filter(user__username=options["employee"])
            .first()
        )
        if employee is None:
            raise CommandError(
                _("No employee has the username “%(username)s”.") % {"username": options["employee"]}
            )
        try:
            parse_period(options["period"])
        except SheetNotFound as e:
            raise CommandError(str(e)) from None
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as e:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": e.strerror}
            ) from None
        try:
            parsed = read_performance(data, path.name, options["rescores"])
        except ParseError as e:
            for line in problem_lines(e.problems):
                self.stderr.write(line)
            raise CommandError(_("Nothing was imported.")) from None
        if parsed.errors:
            for line in problem_lines(parsed.errors):
                self.stderr.write(line)
            raise CommandError(_("Nothing was imported: the file has errors.")) from None
        if options["verbosity"] > 0:
            # Warnings and notes (readings that were not literal) at the default verbosity.
            for line in problem_lines(parsed.warnings + parsed.notes):
                self.stderr.write(line)
            applied = [r for r in (parsed.sheet.rows if parsed.sheet else []) if r.rescore is not None]
            if applied:
                values = ", ".join(f"{r.code or r.number}: {r.rescore}" for r in applied)
                self.stderr.write(_("The re-score column was applied: %(values)s.") % {"values": values})
        try:
            summary = commit_performance(parsed, employee, options["period"])
        except PerformanceError as e:
            raise CommandError(e.message) from None
        self.stdout.write(summary.line())
