import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from urdun.documents.services import DocumentError, sheet_document
from urdun.performance.payload import SheetNotFound, find_sheet


class Command(BaseCommand):
    help = (
        "Export an employee's evaluation sheet (or report / assignments form) for a period. "
        "JSON keys: part1 part2 part3 part4 adjustments total rating, and every row."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employee", required=True, help="username, e.g. batsetseg")
        parser.add_argument("--period", required=True, help="2025-H1 (half-year) or 2025 (annual)")
        parser.add_argument("--format", required=True, choices=["json", "pdf", "docx", "xlsx"])
        parser.add_argument(
            "--form",
            default="evaluation_sheet",
            choices=["evaluation_sheet", "performance_report", "assignments"],
        )
        parser.add_argument("--language", default="mn", choices=["mn", "en", "kk"])
        parser.add_argument("--output", help="file to write; standard output when omitted")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            sheet = find_sheet(o["employee"], o["period"])
            document = sheet_document(sheet, o["form"], o["format"], o["language"])
        except (SheetNotFound, DocumentError) as e:
            raise CommandError(str(e)) from e
        write(self, document.content, o.get("output"), o["format"])


def write(command: BaseCommand, content: bytes, output: str | None, fmt: str) -> None:
    if output:
        Path(output).write_bytes(content)
        command.stderr.write(f"{output}: {len(content)} bytes")
    elif fmt == "json":
        command.stdout.write(content.decode())
    else:
        sys.stdout.buffer.write(content)
