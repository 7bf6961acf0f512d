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
    read_status,
    status_note,
)
from .signatures import read_signatures
from .types import (
    Marker,
    PaperMeans,
    ParsedAdjustment,
    ParsedCriterion,
    ParsedSheet,
    ParsedSheetKnowledge,
    ParsedSheetObjective,
    ParsedSheetRow,
    Problem,
    note,
    problem,
)
from .values import (
    mean,
    parse_decimal,
    parse_int,
    read_number,
    round1,
)

LIMITS = {"performance": 60, "timeliness": 10, "total": 70, "knowledge": 15, "head": 7, "colleague": 8}


def _points(text: str, limit: int, line: int, column: str, problems: list[Problem]) -> Decimal | None:
    if not text:
        return None
    value, literal = read_number(text)
    if value is not None and not literal:
        problems.append(note("read_number", row=line, column=column, written=text, read=str(value)))
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
    names = ("performance", "timeliness", "total")
    marked: set[int] = set()
    for index, text in enumerate(scores):
        status = read_status(text) if text and parse_decimal(text) is None else None
        if text.upper() in {"ХХ", "XX"}:
            marker = "ХХ"
        elif text == "00" and marker is None:
            marker = "00"
        elif status is not None:
            # A status written where the points stand: "Хугацаа болоогүй", "ХБ", "ҮБ".
            marker = "ХБ" if status == "not_due" else "ХХ"
            status_note(text, status, row.line, names[index], problems)
        else:
            continue
        marked.add(index)
    values = [
        None if index in marked else _points(text, LIMITS[name], row.line, name, problems)
        for index, (text, name) in enumerate(zip(scores, names, strict=True))
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
    adjustments: list[ParsedAdjustment] = field(default_factory=list)


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


ADJUSTMENT_RE = re.compile(
    r"([+\-−–]\s*\d{1,3}(?:[.,]\d{1,2})?|\d{1,3}(?:[.,]\d{1,2})?)\s*(?:оноо)?\s*(?:\(([^()]{0,300})\))?"
)
CLAUSE_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s*(.*)$", re.S)


def _adjustments(text: str, line: int, problems: list[Problem]) -> list[ParsedAdjustment]:
    """Part 5 as written: "-2 (6.1.2 ...)", "+1 (6.2.1) -2 (6.1.2)", or a bare "-2"."""
    found = []
    for match in ADJUSTMENT_RE.finditer(text):
        raw, inside = match.group(1), (match.group(2) or "").strip()
        points = Decimal(re.sub(r"\s", "", raw).replace("−", "-").replace("–", "-").replace(",", "."))
        clause_match = CLAUSE_RE.match(inside)
        clause, reason = (
            (clause_match.group(1), clause_match.group(2).strip()) if clause_match else ("", inside)
        )
        written = match.group(0).strip()
        if points == 0 and not inside:
            continue  # "0" or "0.0": no adjustment (as Urdun prints an empty part 5)
        found.append(ParsedAdjustment(points, clause, reason, written, line))
        if written != raw.strip():
            problems.append(
                note(
                    "read_adjustment",
                    row=line,
                    column="adjustments",
                    written=excerpt(written),
                    read=str(points),
                )
            )
    return found


# Urdun's own export lists each adjustment under row 5: "5.1 | reason (заалт 6.1.2) | -2.0".
PRINTED_ADJUSTMENT_RE = re.compile(r"^(.*?)\s*\((?:заалт|clause|тармақ)?\s*([\d.]*)\)\s*$", re.S)


def _printed_adjustment(cells: list[str], line: int) -> ParsedAdjustment | None:
    points = _last_number(cells[2:])
    if points is None:
        return None
    match = PRINTED_ADJUSTMENT_RE.match(cells[1])
    reason, clause = (match.group(1).strip(), match.group(2).rstrip(".")) if match else (cells[1], "")
    return ParsedAdjustment(points, clause, reason, " ".join(c for c in cells[1:] if c), line)


def _summary(rows: list[Row], parts: _SheetParts, problems: list[Problem]) -> None:
    printed: list[ParsedAdjustment] = []
    for row in rows:
        cells = pad(row, 4, problems)
        number = parse_int(cells[0])
        if re.match(r"^5\.\d{1,2}\.?$", cells[0]):
            adjustment = _printed_adjustment(cells, row.line)
            if adjustment is not None:
                printed.append(adjustment)
        elif cells[0].casefold().startswith("нийт"):
            parts.total = _last_number(cells[1:])
        elif number == 5:
            text = " ".join(c for c in cells[2:] if c)
            parts.adjustments = _adjustments(text, row.line, problems) if text else []
            if not parts.adjustments:
                parts.summary[5] = _last_number(cells[2:])
            if parts.adjustments:
                parts.summary[5] = sum((a.points for a in parts.adjustments), Decimal(0))
        elif number is not None:
            parts.summary[number] = _last_number(cells[2:])
    if printed:
        # Listed one by one, row 5 holds only their sum.
        parts.adjustments = printed
        parts.summary[5] = sum((a.points for a in printed), Decimal(0))


def _rescore_code(row: ParsedSheetRow, value: Decimal | None) -> str | None:
    """Why a value in the re-score column is not a re-score (a problem code), or None."""
    if value is None or not 0 <= value <= LIMITS["total"]:
        return "rescore_out_of_range"
    if not row.scored:
        return "rescore_not_counted"
    return None


def _apply_rescores(sheet: ParsedSheet, problems: list[Problem], choice: str) -> None:
    """The rule (docs/imports.md): a value in the team's re-score column is a re-score when it
    is a number of points within 0-70 on a row that has its own points. The column is the team's
    re-scores when every value in it is one; then they are applied. A column that also holds
    anything else is not applied (its numbers are stray). `choice` ("apply", "ignore") overrides
    the rule; the paper's printed part-1 mean never decides, it is compared and reported."""
    filled = [r for r in sheet.rows if r.rescore_raw]
    if not filled:
        return
    candidates: list[tuple[ParsedSheetRow, Decimal]] = []
    stray = 0
    for row in filled:
        value, _literal = read_number(row.rescore_raw)
        code = _rescore_code(row, value)
        if code is None and value is not None:
            candidates.append((row, value))
            continue
        stray += 1
        problems.append(
            problem(
                code or "rescore_out_of_range",
                row=row.source_line,
                column="rescore",
                value=row.rescore_raw,
                limit=LIMITS["total"],
            )
        )
    apply = choice == "apply" or (choice != "ignore" and stray == 0)
    values = ", ".join(f"{r.code or r.number}: {v}" for r, v in candidates)
    if candidates and not apply:
        for row, value in candidates:
            problems.append(
                problem(
                    "rescore_not_applied",
                    row=row.source_line,
                    column="rescore",
                    value=str(value),
                    paper=str(sheet.paper_means.part1) if sheet.paper_means.part1 is not None else "—",
                )
            )
        if stray and choice != "ignore":
            problems.append(problem("rescore_column_mixed", column="rescore", values=values))
    if apply:
        # Applying the team's column is its literal meaning: no note; `sheet.rescores` says so.
        for row, value in candidates:
            row.rescore = value
    sheet.rescores = "applied" if apply and candidates else "ignored"
    _compare_rescores(sheet, candidates, problems)


def _compare_rescores(
    sheet: ParsedSheet, candidates: list[tuple[ParsedSheetRow, Decimal]], problems: list[Problem]
) -> None:
    """Which reading the paper's printed part-1 mean agrees with, when it contradicts ours."""
    paper = sheet.paper_means.part1
    if paper is None or not candidates:
        return
    without = mean([r.total for r in sheet.scored_rows if r.total is not None])
    rescored = {id(r): v for r, v in candidates}
    applied = mean([rescored.get(id(r), r.total) for r in sheet.scored_rows if r.total is not None])
    read = applied if sheet.rescores == "applied" else without
    if read is None or round1(read) == round1(paper):
        return
    other = without if sheet.rescores == "applied" else applied
    if other is not None and round1(other) == round1(paper):
        code = "rescore_paper_without" if sheet.rescores == "applied" else "rescore_paper_with"
        problems.append(problem(code, column="part1", paper=str(paper), read=str(round1(read))))


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
    title: str,
    parts: dict[str, list[Row]],
    lines: list[TextLine],
    problems: list[Problem],
    rescores: str = "rule",
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
        adjustments=found.adjustments,
    )
    _apply_rescores(sheet, problems, rescores)
    _check_arithmetic(sheet, problems)
    return sheet
