"""Pure parsers: uploaded bytes in, typed dataclasses out (no ORM, no settings).

`parse_plan` and `parse_performance` choose the reader by content, not by file name: a ZIP is a
DOCX or an XLSX according to its members, anything else must be UTF-8 (or UTF-16 with a byte
order mark, as Excel saves "Unicode text"). Whatever the input, the only exception they raise
is `ParseError`; everything else they find is a `Problem` on the result (see `types.MESSAGES`).

Readings the paper leaves open, decided once here:
- codes are kept as printed without their trailing dot ("1.1.1." → "1.1.1"), gaps included;
- a cell holding only a dash is empty (the paper's "none");
- a date cell with one date gives the end date, two give start and end; one date followed by
  a dash ("2025.01.20 –", as Urdun prints a start without an end) gives the start;
- several indicators in one cell ("Агентлагийн тоо Сумын тоо" with "6 8" / "6 4") are split
  where each name starts with a capital letter, only when that gives as many names as values;
  the row's narrative goes with the first of them;
- an action's completion is the mean of its indicators' percentages; without any, its status
  ("not_due", "cannot_evaluate") is the first one printed;
- the team's re-score column is applied when every value in it is a re-score (points 0-70 on a
  row with points of its own), and not when it also holds anything else; the paper's printed
  part-1 mean is compared and reported, it never decides (docs/imports.md); the user may choose;
- a reading that is not literal ("100 хувь", "ХБ", "2019.12.31" as a quarter, "8025.06.05") is a
  note (severity "note", with `written` and `read`), kept with the import;
- a DOCX cell with one line per indicator (as Urdun exports two indicators) is split at its
  lines, the achieved text too when it has as many lines;
- Urdun's own exports import back from their visible tables (no hidden data), so an edited
  export keeps its edits: what they print that is computed is recognised by the renderers'
  labels (`export_labels`) and skipped: the plan's "хэрэгжилтийн дундаж" rows, its
  implementation column and the units table after the plan total; the "Дунджид тооцоогүй: …"
  note under a sheet row (whose "(ХХ)"/"(00)" gives the row's mark); the "Биелэлтийн хувь: …"
  line under an assignment's achieved text. Sign-off blocks laid out in a table are read as
  lines. A sheet objective row without "Зорилт N." takes the number its actions' codes start with;
- `Problem.row` is the line of a text file, the sheet row of an XLSX file, the table row of a
  DOCX plan, or the running paragraph/row position of a DOCX performance document.
"""

from __future__ import annotations

import logging
import zipfile
import zlib
from collections.abc import Callable
from io import BytesIO
from typing import Literal, TypeVar

from .performance_docx import parse_performance_docx
from .performance_markdown import parse_performance_markdown
from .performance_xlsx import parse_performance_xlsx
from .plan_docx import parse_plan_docx
from .plan_text import parse_plan_text
from .plan_xlsx import parse_plan_xlsx
from .types import (
    MESSAGES,
    ParsedPerformance,
    ParsedPlan,
    ParseError,
    Problem,
)
from .values import MAX_LINES

__all__ = [
    "MAX_BYTES",
    "MESSAGES",
    "RESCORE_CHOICES",
    "ParseError",
    "ParsedPerformance",
    "ParsedPlan",
    "Problem",
    "detect_format",
    "parse_performance",
    "parse_plan",
]

MAX_BYTES = 10 * 1024 * 1024
# A small ZIP can inflate to gigabytes; refuse archives whose content would exceed this.
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000

Format = Literal["text", "docx", "xlsx"]
T = TypeVar("T")
logger = logging.getLogger(__name__)


def parse_plan(data: bytes, filename: str) -> ParsedPlan:
    """An organizational plan (seed 000 layout) from tab-separated text, DOCX or XLSX."""
    return _guarded(_parse_plan, data, filename)


RESCORE_CHOICES = ("rule", "apply", "ignore")


def parse_performance(data: bytes, filename: str, rescores: str = "rule") -> ParsedPerformance:
    """A performance report with its assignments and evaluation sheet (seed 002 layout) from
    Markdown text or DOCX, or an evaluation sheet from XLSX as Urdun exports it. `rescores`
    chooses how the team's re-score column is read: by the rule of docs/imports.md, or
    "apply" / "ignore" it as the user decided."""
    choice = rescores if rescores in RESCORE_CHOICES else "rule"
    return _guarded(lambda raw: _parse_performance(raw, choice), data, filename)


def _parse_plan(data: bytes) -> ParsedPlan:
    kind = detect_format(data)
    if kind == "docx":
        return parse_plan_docx(data)
    if kind == "xlsx":
        return parse_plan_xlsx(data)
    return parse_plan_text(decode_text(data))


def _parse_performance(data: bytes, rescores: str = "rule") -> ParsedPerformance:
    kind = detect_format(data)
    if kind == "docx":
        return parse_performance_docx(data, rescores)
    if kind == "xlsx":
        return parse_performance_xlsx(data, rescores)
    return parse_performance_markdown(decode_text(data), rescores)


def _guarded(parse: Callable[[bytes], T], data: bytes, filename: str) -> T:
    try:
        return parse(bytes(data))
    except ParseError:
        raise
    except Exception as exc:
        # A bug must not reach the user as a crash; it is logged and reported as unreadable.
        logger.exception("Parser failed on %r", filename)
        raise ParseError.of("internal_error") from exc


def detect_format(data: bytes) -> Format:
    if len(data) > MAX_BYTES:
        raise ParseError.of("too_large", limit=MAX_BYTES)
    if not data.strip():
        raise ParseError.of("empty")
    if data.startswith(b"PK"):
        return _zip_format(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError.of("legacy_office")
    if data.startswith(b"%PDF"):
        raise ParseError.of("pdf")
    return "text"


def _zip_format(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
                raise ParseError.of("too_large", limit=MAX_BYTES)
            names = {m.filename for m in members}
            if archive.testzip() is not None:
                raise ParseError.of("unreadable_zip")
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise ParseError.of("unreadable_zip") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ParseError.of("unsupported_zip")


def decode_text(data: bytes) -> str:
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError.of("not_text") from exc
    if "\x00" in text:
        raise ParseError.of("not_text")
    if not text.strip():
        raise ParseError.of("empty")
    if text.count("\n") > MAX_LINES:
        raise ParseError.of("too_many_rows", limit=MAX_LINES)
    return text
