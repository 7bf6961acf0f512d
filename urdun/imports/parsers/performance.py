"""Reading a performance report, its additional assignments and the evaluation sheet.

`interpret_performance` takes the `Block`s of a Markdown or DOCX file (see `layout`) and returns
typed results, cross-checking the report against the evaluation sheet.
"""

from __future__ import annotations

import re
from datetime import date

from .layout import (
    Block,
    Row,
    Sections,
    TextLine,
    plain,
)
from .performance_report import knowledge_items, read_assignments, report_objectives
from .performance_sheet import read_sheet
from .signatures import read_signatures
from .types import (
    ParsedKnowledge,
    ParsedPerformance,
    ParsedReport,
    ParsedSheet,
    ParseError,
    Problem,
    problem,
)
from .values import (
    code_key,
    to_date,
)

REPORT_DATE_RE = re.compile(r"(\d{4})\s*оны\s*(\d{1,2})\s*(?:дугаар|дүгээр)?\s*сарын\s*(\d{1,2})", re.I)


def _report_header(lines: list[TextLine]) -> tuple[str, date | None]:
    title: list[str] = []
    for item in lines:
        text = plain(item.text)
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


def interpret_performance(blocks: list[Block], rescores: str = "rule") -> ParsedPerformance:
    """`rescores`: "rule" (docs/imports.md), "apply" or "ignore" the team's re-score column."""
    problems: list[Problem] = []
    sections = Sections(problems)
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
        objectives=report_objectives(rows("report"), problems),
        signatures=read_signatures(lines("preamble", "report", "knowledge"), problems),
    )
    knowledge = knowledge_items(rows("knowledge"), problems)
    assignments = read_assignments(rows("assignments"), problems)
    assignment_signatures = read_signatures(lines("assignments"), problems)
    sheet = None
    sheet_keys = ("sheet", "sheet1", "sheet2", "sheet3", "sheet4", "sheet5")
    if any(k in found for k in sheet_keys):
        parts = {k: rows(k) for k in sheet_keys}
        sheet = read_sheet(sections.titles.get("sheet", ""), parts, lines(*sheet_keys), problems, rescores)
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
