"""Document rendering benchmark.

    .venv/bin/python bench/documents.py [--sheets 1000] [--workers N] [--skip-database]

Prints the median time of 20 evaluation-sheet PDF renders and 20 DOCX renders of the seed 002
sheet, then renders that many sheets (each with its own employee name, so Typst's memoization
cannot replay a previous compile) into an in-memory ZIP with ``render_many_to_zip``.
Targets: one PDF <= 50 ms, 1,000 sheets <= 60 s on a 2-core machine.

Unless --skip-database, it then loads the demo into a throw-away SQLite database (about 10 s)
and times the download path end to end: the sheet's figures read from the database and
computed, then the PDF, as the download button and ``export_sheet`` do.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from urdun.documents.render.bulk import WORKERS, render_many_to_zip  # noqa: E402
from urdun.documents.render.docx import render_docx  # noqa: E402
from urdun.documents.render.pdf import render_pdf  # noqa: E402
from urdun.documents.render.xlsx import render_xlsx  # noqa: E402
from urdun.documents.tests import payloads  # noqa: E402


def variant(i: int) -> dict[str, Any]:
    sheet = payloads.sheet()
    sheet["employee"]["name"] = f"Э.Батцэцэг-{i}"
    sheet["performance"]["rows"][1]["text"] += f" ({i})"
    return sheet


def median_ms(fn: Callable[[int], object], runs: int = 20) -> str:
    """Median wall time and median CPU time of the calling thread, in ms.

    The CPU figure is what the render costs when the machine is shared (other processes
    stretch the wall time, not the CPU time).
    """
    fn(-1)  # warm-up: the first call loads fonts and parses the template
    wall, cpu = [], []
    for i in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn(i)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    return f"{statistics.median(wall) * 1000:6.1f} ms wall, {statistics.median(cpu) * 1000:6.1f} ms CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sheets", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--skip-database", action="store_true")
    args = parser.parse_args()

    seed = payloads.sheet()
    variants = [variant(i) for i in range(20)]
    print(
        f"PDF  evaluation sheet, seed payload, median of 20:    {median_ms(lambda i: render_pdf('evaluation_sheet', seed))}"
    )
    print(
        f"PDF  evaluation sheet, 20 different sheets, median:   {median_ms(lambda i: render_pdf('evaluation_sheet', variants[i]))}"
    )
    print(
        f"DOCX evaluation sheet, median of 20:                  {median_ms(lambda i: render_docx('evaluation_sheet', seed))}"
    )
    print(
        f"XLSX evaluation sheet, median of 20:                  {median_ms(lambda i: render_xlsx('evaluation_sheet', seed))}"
    )
    print(
        f"PDF  plan (seed 000 cut), median of 20:               {median_ms(lambda i: render_pdf('plan', payloads.plan()))}"
    )

    def items() -> Iterator[tuple[str, dict[str, Any]]]:
        for i in range(args.sheets):
            yield f"sheet-{i:04d}", variant(i)

    buffer = io.BytesIO()
    start, start_cpu = time.perf_counter(), time.process_time()
    written = render_many_to_zip(items(), buffer, None, total=args.sheets, workers=args.workers)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert len(archive.namelist()) == written == args.sheets
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"ZIP  {written} sheets, {args.workers} worker(s): {elapsed:.1f} s "
        f"({elapsed / written * 1000:.1f} ms/sheet), {len(buffer.getvalue()) / 1e6:.1f} MB, "
        f"peak RSS {peak_mb:.0f} MB"
    )
    print(
        f"     CPU {cpu:.1f} s ({cpu / written * 1000:.1f} ms/sheet); on {args.workers} idle core(s) "
        f"that is about {cpu / args.workers:.0f} s; load average now {os.getloadavg()[0]:.1f}"
    )

    if not args.skip_database:
        from_database()


def from_database() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as var:
        os.environ["URDUN_VAR_DIR"] = var
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urdun.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from urdun.documents.services import sheet_document
        from urdun.performance.models import EvaluationSheet
        from urdun.performance.payload import sheet_payload

        call_command("migrate", verbosity=0)
        call_command("demo", stdout=io.StringIO())
        sheet = EvaluationSheet.objects.get(employee__user__username="batsetseg", cycle__year=2025)
        from urdun.organizations.permissions import actor_for

        viewer = actor_for(sheet.employee.user)
        print(
            f"DB   confirmed demo sheet, frozen figures, median:    {median_ms(lambda i: sheet_payload(sheet))}"
        )
        print(
            f"DB   same sheet recomputed from its rows, median:     "
            f"{median_ms(lambda i: sheet_payload(sheet, viewer=viewer))}"
        )
        print(
            f"DB   same sheet, figures recomputed + PDF, median:    "
            f"{median_ms(lambda i: sheet_document(sheet, 'evaluation_sheet', 'pdf', viewer=viewer))}"
        )


if __name__ == "__main__":
    main()
