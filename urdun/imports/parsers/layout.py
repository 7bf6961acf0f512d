"""The shape of a performance document, before any meaning is read into it.

Readers turn a Markdown or DOCX file into `Block`s: text lines and tables of cell texts.
`Sections` sorts them under their headings (report part one and two, additional assignments,
evaluation sheet parts 1-5). A table that starts with the column numbers "1 | 2 | 3 | ..."
continues the table before it on a new page; `join_page_breaks` glues a row split there back
together. Cell readers for dates, percentages and statuses live here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import zip_longest

from .types import (
    ParseError,
    Problem,
    Status,
    date_finding,
    note,
    problem,
)
from .values import (
    DATE_RE,
    clean_cell,
    find_dates,
    is_literal_date,
    mean,
    parse_decimal,
    parse_int,
    read_number,
)


@dataclass
class TextLine:
    text: str
    line: int


@dataclass
class Table:
    rows: list[tuple[int, list[str]]]  # (line, cells); the first row is the table's header


Block = TextLine | Table

OBJECTIVE_RE = re.compile(r"^Зорилт\s*(\d{1,3})\s*[.:]?\s*(.*)$", re.I | re.S)
ACTION_RE = re.compile(r"^Арга\s+хэмжээ\s*(\d{1,3}(?:\.\d{1,3})*)?\s*\.?\s*(.*)$", re.I | re.S)
ASSIGNMENT_RE = re.compile(r"^Үүрэг\s+даалгавар\s*(\d{1,3})?\s*\.?\s*(.*)$", re.I | re.S)
ITEM_STARTS = ("зорилт", "арга хэмжээ", "үүрэг даалгавар", "нэмэлт ажлын", "дундаж оноо", "нийт оноо")
NOT_DUE = "хугацаа болоогүй"
CANNOT_EVALUATE = "үнэлэх боломжгүй"
# The same statuses as Urdun prints them in its other languages (Kazakh, English).
NOT_DUE_ALSO = ("мерзімі келмеген", "not yet due")
CANNOT_EVALUATE_ALSO = ("бағалау мүмкін емес", "cannot be evaluated")
# Keywords the header of each section's first table must contain.
HEADER_WORDS = {
    "report": "шалгуур",
    "knowledge": "шалгуур",
    "assignments": "даалгавар",
    "sheet1": "оноо",
    "sheet2": "хувь",
    "sheet3": "нэгжийн даргын",
    "sheet4": "хамт олны",
    "sheet5": "оноо",
}
# How the form itself names each part, for messages: the user sees the words of the paper.
SECTION_NAMES = {
    "report": "Гүйцэтгэлийн тайлан",
    "knowledge": "Мэдлэг, ур чадвараа дээшлүүлэх",
    "assignments": "Нэмэлт үүрэг даалгавар",
    "sheet1": "Үнэлгээний хуудас, 1",
    "sheet2": "Үнэлгээний хуудас, 2",
    "sheet3": "Үнэлгээний хуудас, 3",
    "sheet4": "Үнэлгээний хуудас, 4",
    "sheet5": "Үнэлгээний хуудас, 5",
}


@dataclass
class Row:
    cells: list[str]
    line: int
    page_break: bool = False  # first data row of a table that continues an earlier one
    # The cells with their line breaks (each line cleaned), where the file has them (DOCX):
    # a cell listing two indicators prints one per line.
    lines: tuple[tuple[str, ...], ...] = ()

    def cell_lines(self, cells: list[str]) -> list[list[str]] | None:
        """Each of `cells` split at its line breaks, when the row still has them and `cells`
        are the row's own (not shifted or joined)."""
        if len(self.lines) < len(cells):
            return None
        split = [[x for x in self.lines[i] if x] for i in range(len(cells))]
        return split if [" ".join(x) for x in split] == cells else None


@dataclass
class Section:
    key: str
    lines: list[TextLine] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    tables: int = 0


def _heading(text: str, in_sheet: bool) -> str | None:
    t = " ".join(text.replace("*", " ").replace("#", " ").casefold().split())
    if "үнэлгээний хуудас" in t:
        return "sheet"
    if "нэмэлт үүрэг даалгав" in t and "хуудас" in t:
        return "assignments"
    if t.startswith("нэг.") and "зорилт" in t:
        return "report"
    if t.startswith("хоёр.") and "мэдлэг" in t:
        return "knowledge"
    # Inside the sheet its parts are numbered "1." to "5.".
    match = re.match(r"^([1-5])\s*\.\s+\S", t) if in_sheet else None
    return f"sheet{match.group(1)}" if match and len(t) > 12 else None


def is_numbering(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 3 and filled == [str(i) for i in range(1, len(filled) + 1)]


def _starts_item(text: str) -> bool:
    return text.casefold().startswith(ITEM_STARTS)


def _is_header_row(cells: list[str]) -> bool:
    if is_numbering(cells):
        return True
    return not (cells and cells[0]) and not any(_starts_item(c) or DATE_RE.search(c) for c in cells)


class Sections:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.by_key: dict[str, Section] = {}
        self.current = self._get("preamble")
        self.recent: list[TextLine] = []  # non-blank lines since the last blank line or table
        self.titles: dict[str, str] = {}

    def _get(self, key: str) -> Section:
        return self.by_key.setdefault(key, Section(key))

    def add(self, block: Block) -> None:
        if isinstance(block, TextLine):
            self._line(block)
        else:
            self.recent = []
            self._table(block)

    def _line(self, line: TextLine) -> None:
        if not line.text.strip():
            self.recent = []
            self.current.lines.append(line)
            return
        key = _heading(line.text, self.current.key.startswith("sheet"))
        if key is None:
            self.current.lines.append(line)
            self.recent.append(line)
            return
        if key == "sheet":
            # The sheet's title is the block of lines ending with its heading.
            title = [*self.recent, line]
            self.current.lines = [x for x in self.current.lines if x not in self.recent]
            self.titles.setdefault("sheet", " ".join(plain(x.text) for x in title))
        self.recent = []
        self.current = self._get(key)

    def _table(self, table: Table) -> None:
        raw = {
            line: tuple(tuple(clean_cell(x) for x in c.split("\n")) for c in cells)
            for line, cells in table.rows
        }
        rows = [(line, [clean_cell(c) for c in cells]) for line, cells in table.rows]
        if not rows:
            return
        section = self.current
        if is_numbering(rows[0][1]):
            data = rows[1:]
        else:
            start = 1
            while start < len(rows) and _is_header_row(rows[start][1]):
                start += 1
            if section.tables == 0:
                self._check_header(section, [c for _, cells in rows[:start] for c in cells], rows[0][0])
            data = rows[start:]
        if section.key not in HEADER_WORDS:
            self.problems.append(problem("unexpected_table", row=rows[0][0]))
            return
        for index, (line, cells) in enumerate(data):
            section.rows.append(Row(cells, line, index == 0 and section.tables > 0, raw.get(line, ())))
        section.tables += 1

    def _check_header(self, section: Section, header: list[str], line: int) -> None:
        word = HEADER_WORDS.get(section.key)
        if word and word not in " ".join(header).casefold():
            name = SECTION_NAMES.get(section.key, section.key)
            raise ParseError.of("wrong_columns", row=line, expected=f"{name}: “{word}”")


def plain(text: str) -> str:
    return " ".join(text.replace("**", " ").split())


def _objective_number(cells: list[str]) -> int | None:
    match = OBJECTIVE_RE.match(cells[0]) if cells else None
    return int(match.group(1)) if match else None


def _is_action_row(cells: list[str]) -> bool:
    return _objective_number(cells) is None and len(cells) > 1 and bool(cells[1])


def _missing_page(before: list[Row], after: list[Row]) -> tuple[str, str] | None:
    """Rows or objectives whose numbers are skipped across a page break: the page is missing.
    Numbering restarts under each objective on the sheet, so only a forward jump counts."""
    prev_number = prev_objective = next_number = next_objective = None
    for row in reversed(before):
        if prev_objective is None:
            prev_objective = _objective_number(row.cells)
        if prev_number is None and _is_action_row(row.cells):
            prev_number = parse_int(row.cells[0]) or -1
    for row in after:
        if next_objective is None:
            next_objective = _objective_number(row.cells)
        if next_number is None and _is_action_row(row.cells):
            next_number = parse_int(row.cells[0]) or -1
    rows = objectives = "—"
    if prev_number and next_number and prev_number > 0 and next_number > prev_number + 1:
        rows = f"{prev_number + 1}–{next_number - 1}"
    if prev_objective and next_objective and next_objective > prev_objective + 1:
        objectives = f"{prev_objective + 1}–{next_objective - 1}"
    return (rows, objectives) if (rows, objectives) != ("—", "—") else None


def join_page_breaks(rows: list[Row], problems: list[Problem]) -> list[Row]:
    joined: list[Row] = []
    for index, row in enumerate(rows):
        if not row.page_break:
            joined.append(row)
            continue
        continues = bool(row.cells) and not row.cells[0] and not _starts_item(" ".join(row.cells[1:2]))
        after = rows[index + 1 :] if continues else rows[index:]
        missing = _missing_page(joined, after)
        if missing:
            problems.append(
                problem("missing_page", row=row.line, line=row.line, rows=missing[0], objectives=missing[1])
            )
        if continues and missing:
            text = " ".join(c for c in row.cells if c)
            problems.append(problem("orphan_fragment", row=row.line, text=excerpt(text)))
        elif continues and joined and _objective_number(joined[-1].cells) is None:
            last = joined[-1]
            cells = [join(a, b) for a, b in zip_longest(last.cells, row.cells, fillvalue="")]
            joined[-1] = Row(cells, last.line, last.page_break)
            problems.append(problem("joined_row", row=last.line, line=row.line))
        else:
            joined.append(row)
    return joined


def join(first: str, second: str) -> str:
    return f"{first} {second}".strip() if first and second else first or second


def excerpt(text: str, size: int = 80) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def pad(row: Row, width: int, problems: list[Problem]) -> list[str]:
    cells = _strip_column_numbers(list(row.cells), row, problems)
    tail = [c for c in cells[width - 1 :] if c]
    if len(cells) > width and not cells[width - 1] and len(tail) == 1:
        # Header cells merged on paper shift the last column right on some rows.
        cells = [*cells[: width - 1], tail[0]]
    extra = [c for c in cells[width:] if c]
    if extra:
        problems.append(problem("extra_cells", row=row.line, text=excerpt(" ".join(extra))))
    return (cells + [""] * width)[:width]


def _strip_column_numbers(cells: list[str], row: Row, problems: list[Problem]) -> list[str]:
    """A converter can glue the column-number row ("2 | 3 | 4 ...") onto the first data row."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    for offset in (0, 1):
        start = end
        while start > 2 and cells[start - 1] == str(start - 1 + offset):
            start -= 1
        if end - start >= 4:
            problems.append(problem("header_numbers_removed", row=row.line))
            return cells[:start] + [""] * (len(cells) - start)
    return cells


# The statuses' common abbreviations: ХБ "хугацаа болоогүй", ҮБ "үнэлэх боломжгүй".
NOT_DUE_SHORT = {"хб", "xб"}
CANNOT_EVALUATE_SHORT = {"хх", "xx", "үб"}
STATUS_WORDS = {"not_due": "Хугацаа болоогүй", "cannot_evaluate": "Үнэлэх боломжгүй"}


def read_status(text: str) -> Status | None:
    t = " ".join(re.sub(r"[.,:;!]", " ", text.casefold()).split())
    if NOT_DUE in t or any(x in t for x in NOT_DUE_ALSO) or t in NOT_DUE_SHORT:
        return "not_due"
    if CANNOT_EVALUATE in t or any(x in t for x in CANNOT_EVALUATE_ALSO) or t in CANNOT_EVALUATE_SHORT:
        return "cannot_evaluate"
    return None


def status_note(text: str, status: Status, line: int, column: str, problems: list[Problem]) -> None:
    """A status written otherwise than in full ("ХБ", "Хугацаа болоогүй байна") is a note."""
    full = {NOT_DUE, *NOT_DUE_ALSO} if status == "not_due" else {CANNOT_EVALUATE, *CANNOT_EVALUATE_ALSO}
    if " ".join(text.strip().rstrip(".").split()).casefold() not in full:
        problems.append(
            note("read_status", row=line, column=column, written=text.strip(), read=STATUS_WORDS[status])
        )


def read_percent(text: str, line: int, problems: list[Problem]) -> tuple[Decimal | None, Status | None]:
    text = text.strip()
    if not text:
        return None, None
    status = read_status(text)
    if status:
        if text.casefold() not in {"хх", "xx"}:
            status_note(text, status, line, "percent", problems)
        return None, status
    value, literal = read_number(text)
    if value is not None and 0 <= value <= 100:
        if not literal:
            problems.append(note("read_number", row=line, column="percent", written=text, read=str(value)))
        return value, None
    values = [parse_decimal(token) for token in text.split()]
    numbers = [v for v in values if v is not None]
    if len(numbers) != len(values) or any(not 0 <= v <= 100 for v in numbers):
        problems.append(problem("bad_percent", row=line, column="percent", text=excerpt(text)))
        return None, None
    if len(set(numbers)) > 1:
        problems.append(problem("several_percents", row=line, column="percent", text=text))
    return mean(numbers), None


OPEN_END_RE = re.compile(DATE_RE.pattern + r"\s*[-–—]\s*$")


def read_dates(
    text: str, line: int, problems: list[Problem], column: str = "dates"
) -> tuple[date | None, date | None, str]:
    """Start and end date of a cell, and the text left around them. Two dates are start and
    end; a single date is the end date (the paper prints one date for a one-day action), unless
    a dash follows it ("2025.01.20 –", from that date on, as Urdun prints a start alone)."""
    found = find_dates(text)
    for token, value in found:
        if not is_literal_date(token):
            problems.append(date_finding(token, value, line, column))
    leftover = " ".join(re.sub(r"\(\s*огноо\s*\)", " ", DATE_RE.sub(" ", text), flags=re.I).split())
    if not found:
        return None, None, leftover
    if len(found) == 1 and OPEN_END_RE.search(text):
        return found[0][1], None, leftover.rstrip("-–—").strip()
    start = found[0][1] if len(found) > 1 else None
    end = found[-1][1]
    if start and end and end < start:
        problems.append(
            problem("end_before_start", row=line, column=column, start=start.isoformat(), end=end.isoformat())
        )
    return start, end, leftover


def split_names(name: str, count: int) -> list[str] | None:
    """Several indicators printed in one cell ("Агентлагийн тоо Сумын тоо") start each with a
    capital letter; split there when that gives as many names as there are values."""
    groups: list[list[str]] = []
    for word in name.split():
        if not groups or word[:1].isupper():
            groups.append([word])
        else:
            groups[-1].append(word)
    return [" ".join(g) for g in groups] if len(groups) == count else None


def numbers(text: str) -> list[str] | None:
    tokens = text.split()
    return tokens if tokens and all(parse_decimal(t) is not None for t in tokens) else None
