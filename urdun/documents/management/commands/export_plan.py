from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from urdun.documents.management.commands.export_sheet import write
from urdun.documents.services import DocumentError, plan_document
from urdun.plans.payload import PlanNotFound, find_plan


class Command(BaseCommand):
    help = (
        "Export an organizational plan with its assessed implementation. JSON: the tree "
        "sections → objectives → actions (code, quarters, baseline, target, responsibles) and percentages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organization", required=True, help="organization code, e.g. bayan-ulgii")
        parser.add_argument("--plan", type=int, help="plan id; the organization's latest plan when omitted")
        parser.add_argument("--format", required=True, choices=["json", "pdf", "docx", "xlsx"])
        parser.add_argument("--language", default="mn", choices=["mn", "en", "kk"])
        parser.add_argument("--output", help="file to write; standard output when omitted")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            plan = find_plan(o["organization"], o.get("plan"))
            document = plan_document(plan, o["format"], language=o["language"])
        except (PlanNotFound, DocumentError) as e:
            raise CommandError(str(e)) from e
        write(self, document.content, o.get("output"), o["format"])
