"""Report part one (objectives, actions, indicators), part two (knowledge and skills) and the
additional-assignment sheet. Columns are read by position, as printed on the official forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .export_labels import split_completion_note
from .layout import (
    ACTION_RE,
    ASSIGNMENT_RE,
    OBJECTIVE_RE,
    Row,
    excerpt,
    join,
    join_page_breaks,
    numbers,
    pad,
    read_dates,
    read_percent,
    split_names,
)
from .types import (
    ParsedAssignment,
    ParsedIndicator,
    ParsedKnowledge,
    ParsedReportAction,
    ParsedReportObjective,
    Problem,
    problem,
)
from .values import (
    blank_dash,
    find_dates,
    mean,
    parse_decimal,
    parse_int,
)

PERCENT_PHRASE_RE = re.compile(r"Биелэлтийн\s+хувь\s*:?\s*(\d{1,3}(?:[.,]\d+)?)\s*%?", re.I)
REPORT_WIDTH = 8  # number, action, indicator, baseline, target, achieved, dates, percent


@dataclass
class _Draft:
    row: Row
    cells: list[str]
    indicator_rows: list[tuple[Row, list[str]]]


def _indicators(row: Row, cells: list[str], problems: list[Problem]) -> list[ParsedIndicator]:
    name, baseline, target, achieved, dates, percent = cells[2:8]
    base_values, target_values = numbers(baseline), numbers(target)
    count = len(base_values) if base_values else 0
    names = None
    # A DOCX cell keeps its line breaks: one indicator (and its achieved text) per line.
    lines = row.cell_lines(cells)
    if count > 1 and target_values and len(target_values) == count:
        names = lines[2] if lines and len(lines[2]) == count else split_names(name, count)
        if names is None:
            problems.append(
                problem(
                    "indicator_not_split", row=row.line, column="indicator", text=excerpt(name), count=count
                )
            )
    if not names or not base_values or not target_values:
        start, end, _ = read_dates(dates, row.line, problems)
        value, status = read_percent(percent, row.line, problems)
        return [
            ParsedIndicator(
                name, blank_dash(baseline), blank_dash(target), achieved, start, end, value, status
            )
        ]
    date_values = [v for _, v in find_dates(dates)]
    percents = numbers(percent) or []
    result = []
    for i, single in enumerate(names):
        if len(date_values) == 2 * count:
            start, end = date_values[2 * i], date_values[2 * i + 1]
        else:
            start, end, _ = read_dates(dates, row.line, problems if i == 0 else [])
        value, status = read_percent(
            percents[i] if len(percents) == count else percent, row.line, problems if i == 0 else []
        )
        # One achieved text per line, or else one narrative for the row, given once.
        per_line = lines[5] if lines and len(lines[5]) == count else None
        text = per_line[i] if per_line else achieved if i == 0 else ""
        result.append(
            ParsedIndicator(single, base_values[i], target_values[i], text, start, end, value, status)
        )
    return result


def _build_action(draft: _Draft, problems: list[Problem], require_code: bool = True) -> ParsedReportAction:
    cells = draft.cells
    number = parse_int(cells[0]) if cells[0] else None
    if cells[0] and number is None:
        problems.append(problem("bad_row_number", row=draft.row.line, column="number", text=cells[0]))
    match = ACTION_RE.match(cells[1])
    code = match.group(1) if match else None
    text = match.group(2).strip() if match else cells[1]
    if not code and require_code:
        problems.append(
            problem("missing_action_code", row=draft.row.line, column="action", text=excerpt(cells[1]))
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


def report_objectives(
    rows: list[Row], problems: list[Problem], require_code: bool = True
) -> list[ParsedReportObjective]:
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
                problem("dropped_row", row=row.line, text=excerpt(" ".join(c for c in cells if c)))
            )
        pending.clear()

    for row in join_page_breaks(rows, problems):
        cells = pad(row, REPORT_WIDTH, problems)
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
            problems.append(problem("detached_row", row=row.line, action=excerpt(label, 40)))
            if any(cells[2:5]) and any(last[2:5]):
                current.indicator_rows.append((row, cells))
            else:
                current.indicator_rows[-1] = (
                    last_row,
                    [join(a, b) for a, b in zip(last, cells, strict=True)],
                )
    drop_pending()
    for owner, draft in drafts:
        owner.actions.append(_build_action(draft, problems, require_code))
    return objectives


def knowledge_items(rows: list[Row], problems: list[Problem]) -> list[ParsedKnowledge]:
    items = []
    # Knowledge actions are numbered; a code ("Арга хэмжээ 1.") is optional.
    for action in (a for o in report_objectives(rows, problems, require_code=False) for a in o.actions):
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


ASSIGNMENT_WIDTH = 8  # number, assignment, given by, indicator, baseline, target, achieved, period


def read_assignments(rows: list[Row], problems: list[Problem]) -> list[ParsedAssignment]:
    merged: list[tuple[Row, list[str]]] = []
    for row in join_page_breaks(rows, problems):
        cells = pad(row, ASSIGNMENT_WIDTH, problems)
        if not any(cells):
            continue
        if cells[0] or cells[1] or not merged:
            merged.append((row, cells))
            continue
        last_row, last = merged[-1]
        problems.append(problem("detached_row", row=row.line, action=excerpt(last[1], 40)))
        merged[-1] = (last_row, [join(a, b) for a, b in zip(last, cells, strict=True)])
    result = []
    for row, cells in merged:
        match = ASSIGNMENT_RE.match(cells[1])
        start, end, leftover = read_dates(cells[7], row.line, problems)
        # Urdun's export prints the completion under the achieved text; it is not part of it.
        achieved, noted = split_completion_note(cells[6])
        phrase = PERCENT_PHRASE_RE.search(leftover) or PERCENT_PHRASE_RE.search(cells[6])
        if phrase:
            leftover = PERCENT_PHRASE_RE.sub(" ", leftover).strip()
        if leftover:
            problems.append(problem("unexpected_text", row=row.line, column="dates", text=excerpt(leftover)))
        result.append(
            ParsedAssignment(
                number=cells[0].rstrip("."),
                text=match.group(2).strip() if match else cells[1],
                assigned_by=cells[2],
                indicator=cells[3],
                baseline=blank_dash(cells[4]),
                target=blank_dash(cells[5]),
                achieved_text=achieved,
                start=start,
                end=end,
                completion_percent=parse_decimal(noted or (phrase.group(1) if phrase else "")),
                source_line=row.line,
            )
        )
    return result
