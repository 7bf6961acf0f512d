"""The evaluation sheet: part-1 scores, knowledge points, the head's and colleagues' points, the
summary, and a check of the paper's own arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .export_labels import split_excluded_note
from .layout import (
    ACTION_RE,
    ASSIGNMENT_RE,
    OBJECTIVE_RE,
    Row,
    TextLine,
    excerpt,
    join_page_breaks,
    pad,
    plain,
)
from .signatures import read_signatures
from .types import (
    Marker,
    PaperMeans,
    ParsedCriterion,
    ParsedSheet,
    ParsedSheetKnowledge,
    ParsedSheetObjective,
    ParsedSheetRow,
    Problem,
    problem,
)
from .values import (
    mean,
    parse_decimal,
    parse_int,
    round1,
)

LIMITS = {"performance": 60, "timeliness": 10, "total": 70, "knowledge": 15, "head": 7, "colleague": 8}


def _points(text: str, limit: int, line: int, column: str, problems: list[Problem]) -> Decimal | None:
    if not text:
        return None
    value = parse_decimal(text)
    if value is None:
        problems.append(problem("bad_points", row=line, column=column, text=excerpt(text)))
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
    marker: Marker | None = None
    scores = cells[2:5]
    text, reason = split_excluded_note(cells[1])
    if reason is not None:
        # Urdun's export prints why a row is not counted under its text, and no points: the
        # paper's "ХХ" or "00" is in that note.
        cells = [cells[0], text, *cells[2:]]
        if not any(scores):
            marker = "ХХ" if re.search(r"\((ХХ|XX)\)", reason, re.I) else "00" if "(00)" in reason else None
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
        problems.append(problem("missing_action_code", row=row.line, column="action", text=excerpt(cells[1])))
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
    for row in join_page_breaks(rows, problems):
        cells = pad(row, 6, problems)
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
        elif first.startswith(("нэмэлт", "қосымша")):  # Kazakh exports: "Қосымша тапсырмалар"
            kind = "assignment"
        elif first.startswith("дундаж"):
            parts.printed["part1"] = _last_number(cells[1:])
        elif cells[0] and not any(cells[1:]) and parse_int(cells[0]) is None:
            # An objective row without "Зорилт N." (Urdun prints a stored text as it is): its
            # number is the one its actions' codes start with.
            parts.objectives.append(ParsedSheetObjective("", cells[0], source_line=row.line))
            kind = "action"
        elif not cells[0] and not cells[1]:
            problems.append(
                problem("dropped_row", row=row.line, text=excerpt(" ".join(c for c in cells if c)))
            )
        elif kind == "assignment":
            parts.assignment_rows.append(_sheet_row(kind, row, cells, problems))
        else:
            if not parts.objectives:
                parts.objectives.append(ParsedSheetObjective("", ""))
            parts.objectives[-1].rows.append(_sheet_row(kind, row, cells, problems))
    for objective in parts.objectives:
        codes = [r.code for r in objective.rows if r.code]
        if not objective.number and objective.text and codes:
            objective.number = codes[0].split(".")[0]


def _sheet_knowledge(
    rows: list[Row], parts: _SheetParts, problems: list[Problem]
) -> list[ParsedSheetKnowledge]:
    items = []
    for row in rows:
        cells = pad(row, 5, problems)
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
        cells = pad(row, 4, problems)
        if cells[0].casefold().startswith("дундаж"):
            parts.printed[part] = _last_number(cells[1:])
        elif parse_int(cells[0]) is not None:
            points = _points(cells[2], limit, row.line, "points", problems)
            criteria.append(ParsedCriterion(cells[0].rstrip("."), cells[1], points, cells[3], row.line))
    return criteria


def _summary(rows: list[Row], parts: _SheetParts, problems: list[Problem]) -> None:
    for row in rows:
        cells = pad(row, 4, problems)
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


def _field(lines: list[TextLine], label: str) -> str:
    for item in lines:
        name, sep, value = plain(item.text).partition(":")
        if sep and name.strip().casefold() == label:
            return value.strip()
    return ""


def read_sheet(
    title: str, parts: dict[str, list[Row]], lines: list[TextLine], problems: list[Problem]
) -> ParsedSheet:
    """`parts`: the rows under the sheet heading and under its parts 1-5 ("sheet1".."sheet5")."""
    found = _SheetParts()
    _sheet_part1(parts.get("sheet1", []), found, problems)
    knowledge = _sheet_knowledge(parts.get("sheet2", []), found, problems)
    head = _criteria(parts.get("sheet3", []), "part3", LIMITS["head"], found, problems)
    colleagues = _criteria(parts.get("sheet4", []), "part4", LIMITS["colleague"], found, problems)
    _summary(parts.get("sheet5", []), found, problems)
    sheet = ParsedSheet(
        title=title,
        organization_name=_field(lines, "байгууллагын нэр"),
        unit_name=_field(lines, "нэгжийн нэр"),
        objectives=found.objectives,
        assignment_rows=found.assignment_rows,
        paper_means=_paper_means(found, problems),
        knowledge=knowledge,
        head_criteria=head,
        colleague_criteria=colleagues,
        signatures=read_signatures(lines, problems),
    )
    _apply_rescores(sheet, problems)
    _check_arithmetic(sheet, problems)
    return sheet
