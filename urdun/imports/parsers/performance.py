"""Reading a performance report, its additional assignments and the evaluation sheet.

The Markdown and DOCX readers turn their file into `Block`s (text lines and tables of cell
texts); `interpret_performance` does the rest. The layout follows seed 002:

- headings split the document into sections (report part one and two, additional assignments,
  evaluation sheet and its parts 1-5);
- a table that starts with the column numbers "1 | 2 | 3 | ..." continues the table before it on
  a new page, and its first row continues the last row when its number cell is empty;
- columns are read by position, as printed on the official forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import zip_longest

from .types import (
    PaperMeans,
    ParsedAssignment,
    ParsedCriterion,
    ParsedIndicator,
    ParsedKnowledge,
    ParsedPerformance,
    ParsedReport,
    ParsedReportAction,
    ParsedReportObjective,
    ParsedSheet,
    ParsedSheetKnowledge,
    ParsedSheetObjective,
    ParsedSheetRow,
    ParsedSignature,
    ParseError,
    Problem,
    Status,
    problem,
)
from .values import (
    DATE_RE,
    blank_dash,
    clean_cell,
    code_key,
    find_dates,
    mean,
    normalise_name,
    parse_decimal,
    parse_int,
    round1,
    to_date,
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
PERCENT_PHRASE_RE = re.compile(r"Биелэлтийн\s+хувь\s*:?\s*(\d{1,3}(?:[.,]\d+)?)\s*%?", re.I)
REPORT_DATE_RE = re.compile(r"(\d{4})\s*оны\s*(\d{1,2})\s*(?:дугаар|дүгээр)?\s*сарын\s*(\d{1,2})", re.I)
LABEL_RE = re.compile(r"^([А-ЯЁӨҮ][А-ЯЁӨҮ ,\-]*[А-ЯЁӨҮ])\s*:\s*(.*)$")
NAME = r"[А-ЯЁӨҮ]{1,3}\s?\.\s?[А-ЯЁӨҮ][А-ЯЁӨҮа-яёөү\-]+"
NAME_RE = re.compile(rf"/\s*({NAME})\s*/?|({NAME})\s*/")
ITEM_STARTS = ("зорилт", "арга хэмжээ", "үүрэг даалгавар", "нэмэлт ажлын", "дундаж оноо", "нийт оноо")
NOT_DUE = "хугацаа болоогүй"
CANNOT_EVALUATE = "үнэлэх боломжгүй"
# (label keyword, sign-off step); the more specific keyword first.
STEPS = (
    ("тайлан гаргасан", "prepared"),
    ("хянан баталгаажуулсан", "verified"),
    ("үүрэг даалгавар авсан", "assignment_received"),
    ("үнэлгээ өгсөн", "assessed"),
    ("танилцаж", "acknowledged"),
    ("нарийн бичгийн дарга", "reviewed_secretary"),
    ("үнэлгээг хянасан", "reviewed_leader"),
    ("үнэлгээг баталгаажуулсан", "confirmed"),
)
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
LIMITS = {"performance": 60, "timeliness": 10, "total": 70, "knowledge": 15, "head": 7, "colleague": 8}


@dataclass
class Row:
    cells: list[str]
    line: int
    page_break: bool = False  # first data row of a table that continues an earlier one


@dataclass
class Section:
    key: str
    lines: list[TextLine] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    tables: int = 0


# Sectioning -------------------------------------------------------------------------------------


def _heading(text: str, in_sheet: bool) -> str | None:
    t = " ".join(text.replace("*", " ").replace("#", " ").casefold().split())
    if "үнэлгээний хуудас" in t:
        return "sheet"
    if "нэмэлт үүрэг даалгав" in t and "хуудас" in t:
        return "assignments"
    if in_sheet:
        match = re.match(r"^([1-5])\s*\.\s+\S", t)
        return f"sheet{match.group(1)}" if match and len(t) > 12 else None
    if t.startswith("нэг.") and "зорилт" in t:
        return "report"
    if t.startswith("хоёр.") and "мэдлэг" in t:
        return "knowledge"
    return None


def _is_numbering(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 3 and filled == [str(i) for i in range(1, len(filled) + 1)]


def _starts_item(text: str) -> bool:
    return text.casefold().startswith(ITEM_STARTS)


def _is_header_row(cells: list[str]) -> bool:
    if _is_numbering(cells):
        return True
    return not (cells and cells[0]) and not any(_starts_item(c) or DATE_RE.search(c) for c in cells)


class _Sections:
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
            self.titles.setdefault("sheet", " ".join(_plain(x.text) for x in title))
        self.recent = []
        self.current = self._get(key)

    def _table(self, table: Table) -> None:
        rows = [(line, [clean_cell(c) for c in cells]) for line, cells in table.rows]
        if not rows:
            return
        section = self.current
        if _is_numbering(rows[0][1]):
            data = rows[1:]
        else:
            start = 1
            while start < len(rows) and _is_header_row(rows[start][1]):
                start += 1
            if section.tables == 0:
                self._check_header(section, [c for _, cells in rows[:start] for c in cells])
            data = rows[start:]
        if section.key not in HEADER_WORDS:
            self.problems.append(problem("unexpected_table", row=rows[0][0]))
            return
        for index, (line, cells) in enumerate(data):
            section.rows.append(Row(cells, line, page_break=index == 0 and section.tables > 0))
        section.tables += 1

    def _check_header(self, section: Section, header: list[str]) -> None:
        word = HEADER_WORDS.get(section.key)
        if word and word not in " ".join(header).casefold():
            raise ParseError.of("wrong_columns", expected=f"{section.key}: “{word}”")


def _plain(text: str) -> str:
    return " ".join(text.replace("**", " ").split())


# Rows split over pages --------------------------------------------------------------------------


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


def _join_page_breaks(rows: list[Row], problems: list[Problem]) -> list[Row]:
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
            problems.append(problem("orphan_fragment", row=row.line, text=_excerpt(text)))
        elif continues and joined and _objective_number(joined[-1].cells) is None:
            last = joined[-1]
            cells = [_join(a, b) for a, b in zip_longest(last.cells, row.cells, fillvalue="")]
            joined[-1] = Row(cells, last.line, last.page_break)
            problems.append(problem("joined_row", row=last.line, line=row.line))
        else:
            joined.append(row)
    return joined


def _join(first: str, second: str) -> str:
    return f"{first} {second}".strip() if first and second else first or second


def _excerpt(text: str, size: int = 80) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _pad(row: Row, width: int, problems: list[Problem]) -> list[str]:
    cells = _strip_column_numbers(list(row.cells), row, problems)
    tail = [c for c in cells[width - 1 :] if c]
    if len(cells) > width and not cells[width - 1] and len(tail) == 1:
        # Header cells merged on paper shift the last column right on some rows.
        cells = [*cells[: width - 1], tail[0]]
    extra = [c for c in cells[width:] if c]
    if extra:
        problems.append(problem("extra_cells", row=row.line, text=_excerpt(" ".join(extra))))
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


# Values -----------------------------------------------------------------------------------------


def _status(text: str) -> Status | None:
    t = " ".join(re.sub(r"[.,:;!]", " ", text.casefold()).split())
    if NOT_DUE in t:
        return "not_due"
    if CANNOT_EVALUATE in t or t in {"хх", "xx"}:
        return "cannot_evaluate"
    return None


def _percent(text: str, line: int, problems: list[Problem]) -> tuple[Decimal | None, Status | None]:
    text = text.strip()
    if not text:
        return None, None
    status = _status(text)
    if status:
        return None, status
    values = [parse_decimal(token) for token in text.split()]
    numbers = [v for v in values if v is not None]
    if len(numbers) != len(values) or any(not 0 <= v <= 100 for v in numbers):
        problems.append(problem("bad_percent", row=line, column="percent", text=_excerpt(text)))
        return None, None
    if len(set(numbers)) > 1:
        problems.append(problem("several_percents", row=line, column="percent", text=text))
    return mean(numbers), None


def _dates(
    text: str, line: int, problems: list[Problem], column: str = "dates"
) -> tuple[date | None, date | None, str]:
    """Start and end date of a cell, and the text left around them. Two dates are start and
    end; a single date is the end date (the paper prints one date for a one-day action)."""
    found = find_dates(text)
    for token, value in found:
        if value is None:
            problems.append(problem("impossible_date", row=line, column=column, text=token))
    leftover = " ".join(re.sub(r"\(\s*огноо\s*\)", " ", DATE_RE.sub(" ", text), flags=re.I).split())
    if not found:
        return None, None, leftover
    start = found[0][1] if len(found) > 1 else None
    end = found[-1][1]
    if start and end and end < start:
        problems.append(
            problem("end_before_start", row=line, column=column, start=start.isoformat(), end=end.isoformat())
        )
    return start, end, leftover


def _split_names(name: str, count: int) -> list[str] | None:
    """Several indicators printed in one cell ("Агентлагийн тоо Сумын тоо") start each with a
    capital letter; split there when that gives as many names as there are values."""
    groups: list[list[str]] = []
    for word in name.split():
        if not groups or word[:1].isupper():
            groups.append([word])
        else:
            groups[-1].append(word)
    return [" ".join(g) for g in groups] if len(groups) == count else None


def _numbers(text: str) -> list[str] | None:
    tokens = text.split()
    return tokens if tokens and all(parse_decimal(t) is not None for t in tokens) else None


# Report part one and two ------------------------------------------------------------------------

REPORT_WIDTH = 8  # number, action, indicator, baseline, target, achieved, dates, percent


@dataclass
class _Draft:
    row: Row
    cells: list[str]
    indicator_rows: list[tuple[Row, list[str]]]


def _indicators(row: Row, cells: list[str], problems: list[Problem]) -> list[ParsedIndicator]:
    name, baseline, target, achieved, dates, percent = cells[2:8]
    base_values, target_values = _numbers(baseline), _numbers(target)
    count = len(base_values) if base_values else 0
    names = None
    if count > 1 and target_values and len(target_values) == count:
        names = _split_names(name, count)
        if names is None:
            problems.append(
                problem(
                    "indicator_not_split", row=row.line, column="indicator", text=_excerpt(name), count=count
                )
            )
    if not names or not base_values or not target_values:
        start, end, _ = _dates(dates, row.line, problems)
        value, status = _percent(percent, row.line, problems)
        return [
            ParsedIndicator(
                name, blank_dash(baseline), blank_dash(target), achieved, start, end, value, status
            )
        ]
    date_values = [v for _, v in find_dates(dates)]
    percents = _numbers(percent) or []
    result = []
    for i, single in enumerate(names):
        if len(date_values) == 2 * count:
            start, end = date_values[2 * i], date_values[2 * i + 1]
        else:
            start, end, _ = _dates(dates, row.line, problems if i == 0 else [])
        value, status = _percent(
            percents[i] if len(percents) == count else percent, row.line, problems if i == 0 else []
        )
        text = achieved if i == 0 else ""  # one narrative for the row, given once
        result.append(
            ParsedIndicator(single, base_values[i], target_values[i], text, start, end, value, status)
        )
    return result


def _build_action(draft: _Draft, problems: list[Problem]) -> ParsedReportAction:
    cells = draft.cells
    number = parse_int(cells[0]) if cells[0] else None
    if cells[0] and number is None:
        problems.append(problem("bad_row_number", row=draft.row.line, column="number", text=cells[0]))
    match = ACTION_RE.match(cells[1])
    code = match.group(1) if match else None
    text = match.group(2).strip() if match else cells[1]
    if not code:
        problems.append(
            problem("missing_action_code", row=draft.row.line, column="action", text=_excerpt(cells[1]))
        )
    indicators = [i for row, c in draft.indicator_rows for i in _indicators(row, c, problems)]
    percents = [i.completion_percent for i in indicators if i.completion_percent is not None]
    starts = [i.start for i in indicators if i.start]
    ends = [i.end for i in indicators if i.end]
    completion = mean(percents)
    return ParsedReportAction(
        row=number,
        code=code,
        text=text,
        indicators=indicators,
        achieved_text=" ".join(dict.fromkeys(c[5] for _, c in draft.indicator_rows if c[5])),
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
        completion_percent=completion,
        status=None if completion is not None else next((i.status for i in indicators if i.status), None),
        source_line=draft.row.line,
    )


def _report_rows(rows: list[Row], problems: list[Problem]) -> list[ParsedReportObjective]:
    """Objectives and their actions. A row without number and action text belongs to an action:
    to the one above it, or, directly under an objective, to the next one (a merged action cell
    whose text the converter printed on its last row)."""
    objectives: list[ParsedReportObjective] = []
    drafts: list[tuple[ParsedReportObjective, _Draft]] = []
    pending: list[tuple[Row, list[str]]] = []
    current: _Draft | None = None

    def objective() -> ParsedReportObjective:
        if not objectives:
            objectives.append(ParsedReportObjective(number="", text=""))
        return objectives[-1]

    def drop_pending() -> None:
        for row, cells in pending:
            problems.append(
                problem("dropped_row", row=row.line, text=_excerpt(" ".join(c for c in cells if c)))
            )
        pending.clear()

    for row in _join_page_breaks(rows, problems):
        cells = _pad(row, REPORT_WIDTH, problems)
        if not any(cells):
            continue
        match = OBJECTIVE_RE.match(cells[0])
        if match:
            drop_pending()
            objectives.append(
                ParsedReportObjective(match.group(1), match.group(2).strip(), source_line=row.line)
            )
            current = None
        elif cells[0] or cells[1]:
            current = _Draft(row, cells, [*pending, (row, cells)])
            pending.clear()
            drafts.append((objective(), current))
        elif current is None:
            pending.append((row, cells))
        else:
            last_row, last = current.indicator_rows[-1]
            label = cells[1] or current.cells[1]
            problems.append(problem("detached_row", row=row.line, action=_excerpt(label, 40)))
            if any(cells[2:5]) and any(last[2:5]):
                current.indicator_rows.append((row, cells))
            else:
                current.indicator_rows[-1] = (
                    last_row,
                    [_join(a, b) for a, b in zip(last, cells, strict=True)],
                )
    drop_pending()
    for owner, draft in drafts:
        owner.actions.append(_build_action(draft, problems))
    return objectives


def _knowledge(rows: list[Row], problems: list[Problem]) -> list[ParsedKnowledge]:
    items = []
    for action in (a for o in _report_rows(rows, problems) for a in o.actions):
        indicators = action.indicators
        items.append(
            ParsedKnowledge(
                number=str(action.row) if action.row is not None else "",
                code=action.code,
                text=action.text,
                indicator=" ".join(i.name for i in indicators if i.name),
                baseline=" ".join(i.baseline for i in indicators if i.baseline),
                target=" ".join(i.target for i in indicators if i.target),
                achieved_text=action.achieved_text,
                start=action.start,
                end=action.end,
                completion_percent=action.completion_percent,
                status=action.status,
                source_line=action.source_line,
            )
        )
    return items


# Additional assignments -------------------------------------------------------------------------

ASSIGNMENT_WIDTH = 8  # number, assignment, given by, indicator, baseline, target, achieved, period


def _assignments(rows: list[Row], problems: list[Problem]) -> list[ParsedAssignment]:
    merged: list[tuple[Row, list[str]]] = []
    for row in _join_page_breaks(rows, problems):
        cells = _pad(row, ASSIGNMENT_WIDTH, problems)
        if not any(cells):
            continue
        if cells[0] or cells[1] or not merged:
            merged.append((row, cells))
            continue
        last_row, last = merged[-1]
        problems.append(problem("detached_row", row=row.line, action=_excerpt(last[1], 40)))
        merged[-1] = (last_row, [_join(a, b) for a, b in zip(last, cells, strict=True)])
    result = []
    for row, cells in merged:
        match = ASSIGNMENT_RE.match(cells[1])
        start, end, leftover = _dates(cells[7], row.line, problems)
        phrase = PERCENT_PHRASE_RE.search(leftover) or PERCENT_PHRASE_RE.search(cells[6])
        if phrase:
            leftover = PERCENT_PHRASE_RE.sub(" ", leftover).strip()
        if leftover:
            problems.append(problem("unexpected_text", row=row.line, column="dates", text=_excerpt(leftover)))
        result.append(
            ParsedAssignment(
                number=cells[0].rstrip("."),
                text=match.group(2).strip() if match else cells[1],
                assigned_by=cells[2],
                indicator=cells[3],
                baseline=blank_dash(cells[4]),
                target=blank_dash(cells[5]),
                achieved_text=cells[6],
                start=start,
                end=end,
                completion_percent=parse_decimal(phrase.group(1)) if phrase else None,
                source_line=row.line,
            )
        )
    return result


# Evaluation sheet -------------------------------------------------------------------------------


def _points(text: str, limit: int, line: int, column: str, problems: list[Problem]) -> Decimal | None:
    if not text:
        return None
    value = parse_decimal(text)
    if value is None:
        problems.append(problem("bad_points", row=line, column=column, text=_excerpt(text)))
    elif not 0 <= value <= limit:
        problems.append(
            problem("points_out_of_range", row=line, column=column, value=str(value), limit=limit)
        )
    return value


def _last_number(cells: list[str]) -> Decimal | None:
    values = [parse_decimal(c) for c in cells if c]
    numbers = [v for v in values if v is not None]
    return numbers[-1] if numbers else None


def _sheet_row(kind: str, row: Row, cells: list[str], problems: list[Problem]) -> ParsedSheetRow:
    marker = None
    scores = cells[2:5]
    for text in scores:
        if text.upper() in {"ХХ", "XX"}:
            marker = "ХХ"
        elif text == "00" and marker is None:
            marker = "00"
    names = ("performance", "timeliness", "total")
    values = [
        None if text.upper() in {"ХХ", "XX", "00"} else _points(text, LIMITS[name], row.line, name, problems)
        for text, name in zip(scores, names, strict=True)
    ]
    performance, timeliness, total = values
    if (
        performance is not None
        and timeliness is not None
        and total is not None
        and performance + timeliness != total
    ):
        problems.append(
            problem(
                "row_total_mismatch",
                row=row.line,
                column="total",
                total=str(total),
                performance=str(performance),
                timeliness=str(timeliness),
            )
        )
    label_re = ASSIGNMENT_RE if kind == "assignment" else ACTION_RE
    match = label_re.match(cells[1])
    code = match.group(1) if match else None
    if kind == "action" and not code:
        problems.append(
            problem("missing_action_code", row=row.line, column="action", text=_excerpt(cells[1]))
        )
    return ParsedSheetRow(
        kind="assignment" if kind == "assignment" else "action",
        number=cells[0].rstrip("."),
        code=code,
        text=match.group(2).strip() if match else cells[1],
        performance_points=performance,
        timeliness_points=timeliness,
        total=total,
        marker=marker,
        rescore_raw=cells[5],
        rescore=None,
        source_line=row.line,
    )


@dataclass
class _SheetParts:
    objectives: list[ParsedSheetObjective] = field(default_factory=list)
    assignment_rows: list[ParsedSheetRow] = field(default_factory=list)
    printed: dict[str, Decimal | None] = field(default_factory=dict)  # "part1".. as printed
    summary: dict[int, Decimal | None] = field(default_factory=dict)  # part 5 table
    total: Decimal | None = None


def _sheet_part1(rows: list[Row], parts: _SheetParts, problems: list[Problem]) -> None:
    kind = "action"
    seen: set[str] = set()
    for row in _join_page_breaks(rows, problems):
        cells = _pad(row, 6, problems)
        first = cells[0].casefold()
        match = OBJECTIVE_RE.match(cells[0])
        if not any(cells):
            continue
        if match:
            number = match.group(1)
            if number in seen:
                problems.append(problem("duplicate_objective_number", row=row.line, number=number))
            seen.add(number)
            parts.objectives.append(
                ParsedSheetObjective(number, match.group(2).strip(), source_line=row.line)
            )
            kind = "action"
        elif first.startswith("нэмэлт"):
            kind = "assignment"
        elif first.startswith("дундаж"):
            parts.printed["part1"] = _last_number(cells[1:])
        elif not cells[0] and not cells[1]:
            problems.append(
                problem("dropped_row", row=row.line, text=_excerpt(" ".join(c for c in cells if c)))
            )
        elif kind == "assignment":
            parts.assignment_rows.append(_sheet_row(kind, row, cells, problems))
        else:
            if not parts.objectives:
                parts.objectives.append(ParsedSheetObjective("", ""))
            parts.objectives[-1].rows.append(_sheet_row(kind, row, cells, problems))


def _sheet_knowledge(
    rows: list[Row], parts: _SheetParts, problems: list[Problem]
) -> list[ParsedSheetKnowledge]:
    items = []
    for row in rows:
        cells = _pad(row, 5, problems)
        if cells[0].casefold().startswith("дундаж"):
            parts.printed["part2"] = _last_number(cells[1:])
        elif cells[0] or cells[1]:
            percent = _points(cells[2], 100, row.line, "percent", problems)
            points = _points(cells[3], LIMITS["knowledge"], row.line, "points", problems)
            if percent is not None and points is not None:
                expected = LIMITS["knowledge"] * percent / 100
                if round1(expected) != round1(points):
                    problems.append(
                        problem(
                            "knowledge_points_mismatch",
                            row=row.line,
                            column="points",
                            points=str(points),
                            percent=str(percent),
                            limit=LIMITS["knowledge"],
                        )
                    )
            match = ACTION_RE.match(cells[1])
            text = match.group(2).strip() if match else cells[1]
            items.append(
                ParsedSheetKnowledge(cells[0].rstrip("."), text, percent, points, cells[4], row.line)
            )
    return items


def _criteria(
    rows: list[Row], part: str, limit: int, parts: _SheetParts, problems: list[Problem]
) -> list[ParsedCriterion]:
    criteria = []
    for row in rows:
        cells = _pad(row, 4, problems)
        if cells[0].casefold().startswith("дундаж"):
            parts.printed[part] = _last_number(cells[1:])
        elif parse_int(cells[0]) is not None:
            points = _points(cells[2], limit, row.line, "points", problems)
            criteria.append(ParsedCriterion(cells[0].rstrip("."), cells[1], points, cells[3], row.line))
    return criteria


def _summary(rows: list[Row], parts: _SheetParts, problems: list[Problem]) -> None:
    for row in rows:
        cells = _pad(row, 4, problems)
        number = parse_int(cells[0])
        if cells[0].casefold().startswith("нийт"):
            parts.total = _last_number(cells[1:])
        elif number is not None:
            parts.summary[number] = _last_number(cells[2:])


def _apply_rescores(sheet: ParsedSheet, problems: list[Problem]) -> None:
    """The team's re-scored value replaces the row total, unless the paper's own mean shows it
    was never used: stray numbers in that column are reported, not applied."""
    candidates = []
    for row in sheet.rows:
        if not row.rescore_raw:
            continue
        value = parse_decimal(row.rescore_raw)
        if value is None or not 0 <= value <= LIMITS["total"]:
            problems.append(
                problem(
                    "rescore_out_of_range",
                    row=row.source_line,
                    column="rescore",
                    value=row.rescore_raw,
                    limit=LIMITS["total"],
                )
            )
        else:
            candidates.append((row, value))
    if not candidates:
        return
    without = mean([r.total for r in sheet.scored_rows if r.total is not None])
    rescored = {id(r): v for r, v in candidates}
    with_values = [rescored.get(id(r), r.total) for r in sheet.rows if r.scored or id(r) in rescored]
    applied = mean([v for v in with_values if v is not None])
    paper = sheet.paper_means.part1
    if (
        paper is not None
        and without is not None
        and round1(without) == round1(paper)
        and (applied is None or round1(applied) != round1(paper))
    ):
        for row, value in candidates:
            problems.append(
                problem(
                    "rescore_not_applied",
                    row=row.source_line,
                    column="rescore",
                    value=str(value),
                    paper=str(paper),
                )
            )
        return
    for row, value in candidates:
        row.rescore = value


def _counted(row: ParsedSheetRow) -> Decimal | None:
    if row.rescore is not None:
        return row.rescore
    return row.total if row.scored else None


def _check_arithmetic(sheet: ParsedSheet, problems: list[Problem]) -> None:
    """Compare what the paper prints with what its own rows give."""
    counted = [v for v in (_counted(r) for r in sheet.rows) if v is not None]
    computed = {
        1: mean(counted),
        2: mean([k.points for k in sheet.knowledge if k.points is not None]),
        3: mean([p for p in sheet.head_points if p is not None]),
        4: mean([p for p in sheet.colleague_points if p is not None]),
    }
    printed = {
        1: sheet.paper_means.part1,
        2: sheet.paper_means.part2,
        3: sheet.paper_means.part3,
        4: sheet.paper_means.part4,
    }
    for part, value in computed.items():
        if value is not None and printed[part] is not None and round1(value) != round1(printed[part]):
            problems.append(
                problem(
                    "paper_mean_mismatch",
                    column=f"part{part}",
                    part=part,
                    printed=str(printed[part]),
                    computed=str(round1(value)),
                )
            )
    paper_total = sheet.paper_means.total
    if paper_total is not None and all(v is not None for v in computed.values()):
        total = sum((round1(v) for v in computed.values() if v is not None), Decimal(0))
        total += sheet.paper_means.adjustments or 0
        if round1(total) != round1(paper_total):
            problems.append(
                problem(
                    "paper_total_mismatch",
                    column="total",
                    printed=str(paper_total),
                    computed=str(round1(total)),
                )
            )


def _paper_means(parts: _SheetParts, problems: list[Problem]) -> PaperMeans:
    values = {}
    for number in range(1, 5):
        own, summary = parts.printed.get(f"part{number}"), parts.summary.get(number)
        if own is not None and summary is not None and own != summary:
            problems.append(
                problem(
                    "paper_summary_mismatch",
                    column=f"part{number}",
                    part=number,
                    summary=str(summary),
                    printed=str(own),
                )
            )
        values[number] = own if own is not None else summary
    return PaperMeans(values[1], values[2], values[3], values[4], parts.summary.get(5), parts.total)


# Signatures and headers -------------------------------------------------------------------------


@dataclass
class _SignatureDraft:
    label: str
    line: int
    position: list[str] = field(default_factory=list)
    printed: str = ""
    date: date | None = None
    dated: bool = False


def _step(label: str) -> str | None:
    folded = label.casefold()
    return next((step for word, step in STEPS if word in folded), None)


def _signatures(lines: list[TextLine], problems: list[Problem]) -> list[ParsedSignature]:
    """Sign-off blocks: a label line ("ҮНЭЛГЭЭ ӨГСӨН:"), position lines, the name between
    slashes, a date. Two blocks printed side by side come out as both labels, then both names
    in the same order, so a name goes to the earliest label still without one."""
    drafts: list[_SignatureDraft] = []
    for item in lines:
        text = _plain(item.text)
        if not text:
            continue
        label = LABEL_RE.match(text)
        name = NAME_RE.search(text)
        if label and not name:
            last = drafts[-1] if drafts else None
            if last and not last.position and not last.printed and _step(label.group(1)) is None:
                last.position.extend(x for x in label.groups() if x)  # a sub-title of the label
            else:
                drafts.append(
                    _SignatureDraft(label.group(1), item.line, [label.group(2)] if label.group(2) else [])
                )
            continue
        if name:
            target = next((d for d in drafts if not d.printed), None)
            if target is None:
                target = _SignatureDraft("", item.line)
                drafts.append(target)
            target.printed = re.sub(r"\s", "", name.group(1) or name.group(2))
        found = find_dates(text)
        if found:
            token, value = found[0]
            if value is None:
                problems.append(problem("impossible_date", row=item.line, column="date", text=token))
            named = [d for d in drafts if d.printed]
            if named and not named[-1].dated:
                named[-1].date, named[-1].dated = value, True
            continue
        if not name and drafts and not drafts[-1].printed and _is_position(text):
            drafts[-1].position.append(text)
    return [
        ParsedSignature(
            label=d.label,
            position=" ".join(d.position),
            name=normalise_name(d.printed) if d.printed else "",
            name_printed=d.printed,
            date=d.date,
            step=_step(d.label),
            source_line=d.line,
        )
        for d in drafts
    ]


def _is_position(text: str) -> bool:
    return (
        not text.startswith("[") and bool(re.search(r"[А-ЯЁӨҮ]{2}", text)) and "огноо" not in text.casefold()
    )


def _field(lines: list[TextLine], label: str) -> str:
    for item in lines:
        name, sep, value = _plain(item.text).partition(":")
        if sep and name.strip().casefold() == label:
            return value.strip()
    return ""


def _report_header(lines: list[TextLine]) -> tuple[str, date | None]:
    title: list[str] = []
    for item in lines:
        text = _plain(item.text)
        if text:
            title.append(text)
        elif title:
            break
    when = None
    for item in lines:
        match = REPORT_DATE_RE.search(item.text)
        if match:
            when = to_date(*match.groups())
            break
    return " ".join(title), when


# Whole document ---------------------------------------------------------------------------------


def _cross_check(report: ParsedReport, sheet: ParsedSheet, problems: list[Problem]) -> None:
    """Items on only one of the two papers: a page missing from the report shows up here."""

    def key(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())

    report_actions = report.actions
    report_codes = {a.code for a in report_actions if a.code}
    report_texts = {key(a.text) for a in report_actions}
    sheet_actions = [r for o in sheet.objectives for r in o.rows]
    sheet_codes = {r.code for r in sheet_actions if r.code}
    sheet_texts = {key(r.text) for r in sheet_actions}
    only_sheet = sorted(
        {
            r.code
            for r in sheet_actions
            if r.code and r.code not in report_codes and key(r.text) not in report_texts
        },
        key=code_key,
    )
    report_numbers = {o.number for o in report.objectives}
    only_sheet_objectives = sorted(
        {o.number for o in sheet.objectives if o.number and o.number not in report_numbers}, key=code_key
    )
    if only_sheet or only_sheet_objectives:
        problems.append(
            problem(
                "sheet_only_items",
                objectives=", ".join(only_sheet_objectives) or "—",
                actions=", ".join(only_sheet) or "—",
            )
        )
    only_report = sorted(
        {
            a.code
            for a in report_actions
            if a.code and a.code not in sheet_codes and key(a.text) not in sheet_texts
        },
        key=code_key,
    )
    if only_report:
        problems.append(problem("report_only_items", actions=", ".join(only_report)))


def _cross_check_knowledge(
    report: list[ParsedKnowledge], sheet: ParsedSheet, problems: list[Problem]
) -> None:
    printed = {k.number: k.percent for k in sheet.knowledge}
    for item in report:
        on_sheet = printed.get(item.number)
        if (
            item.completion_percent is not None
            and on_sheet is not None
            and item.completion_percent != on_sheet
        ):
            problems.append(
                problem(
                    "knowledge_percent_differs",
                    row=item.source_line,
                    column="percent",
                    number=item.number,
                    report=str(item.completion_percent),
                    sheet=str(on_sheet),
                )
            )


def interpret_performance(blocks: list[Block]) -> ParsedPerformance:
    problems: list[Problem] = []
    sections = _Sections(problems)
    for block in blocks:
        sections.add(block)
    found = sections.by_key

    def rows(key: str) -> list[Row]:
        return found[key].rows if key in found else []

    def lines(*keys: str) -> list[TextLine]:
        return sorted((x for k in keys if k in found for x in found[k].lines), key=lambda x: x.line)

    if not any(rows(k) for k in ("report", "knowledge", "assignments", "sheet1")):
        raise ParseError.of("no_performance_tables")

    title, when = _report_header(lines("preamble"))
    report = ParsedReport(
        title=title,
        date=when,
        objectives=_report_rows(rows("report"), problems),
        signatures=_signatures(lines("preamble", "report", "knowledge"), problems),
    )
    knowledge = _knowledge(rows("knowledge"), problems)
    assignments = _assignments(rows("assignments"), problems)
    assignment_signatures = _signatures(lines("assignments"), problems)
    sheet = None
    sheet_keys = ("sheet", "sheet1", "sheet2", "sheet3", "sheet4", "sheet5")
    if any(k in found for k in sheet_keys):
        parts = _SheetParts()
        _sheet_part1(rows("sheet1"), parts, problems)
        sheet_knowledge = _sheet_knowledge(rows("sheet2"), parts, problems)
        head = _criteria(rows("sheet3"), "part3", LIMITS["head"], parts, problems)
        colleagues = _criteria(rows("sheet4"), "part4", LIMITS["colleague"], parts, problems)
        _summary(rows("sheet5"), parts, problems)
        sheet_lines = lines(*sheet_keys)
        sheet = ParsedSheet(
            title=sections.titles.get("sheet", ""),
            organization_name=_field(sheet_lines, "байгууллагын нэр"),
            unit_name=_field(sheet_lines, "нэгжийн нэр"),
            objectives=parts.objectives,
            assignment_rows=parts.assignment_rows,
            paper_means=_paper_means(parts, problems),
            knowledge=sheet_knowledge,
            head_criteria=head,
            colleague_criteria=colleagues,
            signatures=_signatures(sheet_lines, problems),
        )
        _apply_rescores(sheet, problems)
        _check_arithmetic(sheet, problems)
        if report.objectives and sheet.objectives:
            _cross_check(report, sheet, problems)
        _cross_check_knowledge(knowledge, sheet, problems)
    return ParsedPerformance(
        report=report,
        assignments=assignments,
        knowledge=knowledge,
        sheet=sheet,
        problems=problems,
        assignment_signatures=assignment_signatures,
    )
