from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from urdun.imports.plan_import import (
    ParseError,
    commit_plan_summary,
    plan_preview,
    preview_lines,
    problem_lines,
    read_plan,
)
from urdun.organizations.models import Organization
from urdun.plans.services import PlanError


class Command(BaseCommand):
    help = "Import an organizational plan (text, DOCX or XLSX) into an organization."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organization", required=True, help="Organization code, e.g. bayan-ulgii")
        parser.add_argument("--legal-basis", default=None)
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        org = Organization.objects.filter(code=options["organization"]).first()
        if org is None:
            raise CommandError(
                _("No organization has the code “%(code)s”.") % {"code": options["organization"]}
            )
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as e:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": e.strerror}
            ) from None
        try:
            parsed = read_plan(data, path.name)
        except ParseError as e:
            for line in problem_lines(e.problems):
                self.stderr.write(line)
            raise CommandError(_("Nothing was imported.")) from None
        for line in problem_lines(parsed.problems):
            self.stderr.write(line)
        if parsed.errors:
            raise CommandError(_("Nothing was imported: the file has errors.")) from None
        for line in preview_lines(plan_preview(parsed, org)):
            self.stderr.write(line)
        try:
            summary = commit_plan_summary(
                parsed, org, legal_basis=options["legal_basis"], year=options["year"]
            )
        except PlanError as e:
            raise CommandError(e.message) from None
        self.stdout.write(summary.line())
