"""Typed results of the file parsers and the problems they report.

Everything here is plain data: no Django, no settings. The Django layer translates a problem by
its `code` (the English `message` is only a fallback) and decides what to store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

Severity = Literal["error", "warning", "note"]
Status = Literal["not_due", "cannot_evaluate"]
# "ХХ" cannot be evaluated, "00" not scored, "ХБ" not yet due (хугацаа болоогүй).
Marker = Literal["ХХ", "00", "ХБ"]


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue without importing Django: the Django layer
    translates it by its English text when it shows the problem (`makemessages` knows the name)."""
    return message


# Stable problem codes → English message templates; `params` fill the placeholders.
MESSAGES: dict[str, str] = {
    # The file as a whole (raised in a ParseError).
    "empty": gettext_noop("The file is empty."),
    "too_large": gettext_noop("The file is larger than the limit of {limit} bytes."),
    "not_text": gettext_noop("The file is neither UTF-8 text nor a Word (.docx) or Excel (.xlsx) file."),
    "legacy_office": gettext_noop(
        "Old Word or Excel files (.doc, .xls) cannot be read; save as .docx or .xlsx."
    ),
    "pdf": gettext_noop("PDF files cannot be read; upload the Word or Excel original."),
    "unreadable_zip": gettext_noop("The file looks like a Word or Excel file but is damaged or truncated."),
    "unsupported_zip": gettext_noop("The archive is neither a Word (.docx) nor an Excel (.xlsx) file."),
    "unreadable_docx": gettext_noop("The Word file cannot be read."),
    "unreadable_xlsx": gettext_noop("The Excel file cannot be read."),
    "unsupported_format": gettext_noop("A {kind} file cannot hold this document; use a DOCX or text file."),
    "wrong_columns": gettext_noop("No table with the expected columns was found ({expected})."),
    "too_many_rows": gettext_noop("The file has more than {limit} lines or table rows."),
    "formula": gettext_noop("Cell {cell} holds a formula; save the file with values only."),
    "merged_cells": gettext_noop("Cells {cells} are merged; only the objective column may be merged."),
    "no_performance_tables": gettext_noop(
        "No performance report, additional-assignment or evaluation-sheet table was found."
    ),
    "internal_error": gettext_noop("The file could not be read because of an unexpected error."),
    # Plan rows.
    "missing_objective": gettext_noop("The action row has no objective above it."),
    "bad_row_number": gettext_noop("The row number “{text}” is not a number."),
    "row_number_sequence": gettext_noop("Row number {number} follows {previous}."),
    "missing_code": gettext_noop("“{text}” has no code such as 1.1."),
    "code_mismatch": gettext_noop("Code {code} does not belong under {parent}."),
    "implicit_section": gettext_noop(
        "Objective {code} has no section row above it; section {section} assumed."
    ),
    "stray_text": gettext_noop("Text outside the table columns was ignored: “{text}”."),
    "bad_quarter": gettext_noop("The implementation period “{text}” is not a quarter (I–IV)."),
    "missing_quarter": gettext_noop("Action {code} has no implementation period."),
    "missing_action_text": gettext_noop("Row {number} has no action text."),
    "extra_cells": gettext_noop(
        "The row has more cells than the header; the extra text was ignored: “{text}”."
    ),
    "joined_row": gettext_noop("The row continues on line {line} after a page break; the parts were joined."),
    # Performance documents.
    "impossible_date": gettext_noop("“{text}” is not a possible date."),
    "end_before_start": gettext_noop("The end date {end} is before the start date {start}."),
    "unexpected_text": gettext_noop("Text “{text}” in a date cell was ignored."),
    "bad_percent": gettext_noop("“{text}” is not a completion percentage (0–100)."),
    "several_percents": gettext_noop("Several percentages “{text}” for one indicator; their mean was taken."),
    "indicator_not_split": gettext_noop(
        "Indicators “{text}” could not be matched with their {count} values."
    ),
    "detached_row": gettext_noop(
        "The row has no number or action text; it was read as part of action {action}."
    ),
    "dropped_row": gettext_noop("The row belongs to no action and was left out: “{text}”."),
    "missing_page": gettext_noop(
        "A page seems to be missing before line {line}: rows {rows} and objectives {objectives} "
        "are not in the text."
    ),
    "orphan_fragment": gettext_noop(
        "The row continues a row of the missing page and was left out: “{text}”."
    ),
    "header_numbers_removed": gettext_noop("Column numbers printed inside the row were removed."),
    "missing_action_code": gettext_noop("The action “{text}” has no code such as 1.1."),
    "bad_points": gettext_noop("“{text}” is not a number of points."),
    "points_out_of_range": gettext_noop("{value} points is outside 0–{limit}."),
    "row_total_mismatch": gettext_noop("The row total {total} is not {performance} + {timeliness}."),
    "rescore_out_of_range": gettext_noop(
        "The re-scored value {value} is outside 0–{limit} and was not applied."
    ),
    "rescore_not_applied": gettext_noop(
        "The value {value} in the re-score column was not applied: the column also holds values "
        "that are not re-scores."
    ),
    # "% o" is not a printf conversion here: without the next line xgettext flags the entry
    # python-format and msgfmt --check-format rejects every translation of it.
    # xgettext:no-python-format
    "knowledge_points_mismatch": gettext_noop("{points} points do not match {percent} % of {limit} points."),
    "paper_mean_mismatch": gettext_noop("Part {part}: the paper prints {printed}, its rows give {computed}."),
    "paper_total_mismatch": gettext_noop("The paper prints the total {printed}, its rows give {computed}."),
    "paper_summary_mismatch": gettext_noop(
        "Part {part}: the summary prints {summary}, the part prints {printed}."
    ),
    "duplicate_objective_number": gettext_noop("Objective number {number} is printed more than once."),
    "sheet_only_items": gettext_noop(
        "Only the evaluation sheet has objectives {objectives} and actions {actions}; the report does not."
    ),
    "knowledge_percent_differs": gettext_noop(
        "Knowledge action {number}: the report gives {report}%, the evaluation sheet {sheet}%."
    ),
    "report_only_items": gettext_noop(
        "Only the report has actions {actions}; the evaluation sheet does not."
    ),
    "unexpected_table": gettext_noop("A table outside any known section was ignored."),
    "missing_columns": gettext_noop("The table header has no column for {missing}."),
    "ambiguous_quarter": gettext_noop(
        "The implementation period “{text}” names no quarter; it was left empty."
    ),
    "rescore_column_mixed": gettext_noop(
        "The re-score column also holds values that are not re-scores, so none of its values were "
        "applied (choose “apply” to use {values})."
    ),
    "rescore_paper_without": gettext_noop(
        "The paper prints part 1 as {paper}, the mean without the re-scores; with them, as read, "
        "part 1 is {read}."
    ),
    "rescore_paper_with": gettext_noop(
        "The paper prints part 1 as {paper}, the mean with the re-scores; without them, as read, "
        "part 1 is {read}."
    ),
    "rescore_not_counted": gettext_noop(
        "The value {value} in the re-score column is not a re-score: its row has no points of its "
        "own (00, ХХ, not yet due or cannot be evaluated)."
    ),
    # Notes: readings that are not literal (what was written, what was read).
    "read_number": gettext_noop("“{written}” was read as {read}."),
    "read_status": gettext_noop("“{written}” was read as the status “{read}”."),
    "read_quarters": gettext_noop("The period “{written}” was read as quarter(s) {read}."),
    "read_date": gettext_noop("“{written}” is not a possible date; it was read as {read}."),
    "code_from_position": gettext_noop("“{written}” was numbered by its position: {read}."),
    "extra_column": gettext_noop(
        "The column “{written}” has no field in Urdun; its text is kept with each action."
    ),
    "read_adjustment": gettext_noop("“{written}” was read as an adjustment of {read} points."),
}

ERRORS: frozenset[str] = frozenset(
    {
        "empty",
        "too_large",
        "not_text",
        "legacy_office",
        "pdf",
        "unreadable_zip",
        "unsupported_zip",
        "unreadable_docx",
        "unreadable_xlsx",
        "unsupported_format",
        "wrong_columns",
        "too_many_rows",
        "formula",
        "merged_cells",
        "no_performance_tables",
        "internal_error",
        "missing_objective",
        "missing_columns",
    }
)


@dataclass(frozen=True)
class Problem:
    """One finding. `row` is the source line of a text file, the sheet row of an XLSX file or
    the table row of a DOCX file; `column` names the field concerned."""

    row: int | None
    column: str | None
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = "warning"
    # For notes: the text as written and what it was read as.
    written: str | None = None
    read: str | None = None


def note(
    code: str, /, *, row: int | None, column: str | None, written: str, read: str, **params: Any
) -> Problem:
    """A reading that is not literal: kept with the import, shown before anything is saved."""
    params = {"written": written, "read": read, **params}
    return Problem(
        row=row,
        column=column,
        code=code,
        message=MESSAGES[code].format(**params),
        params=params,
        severity="note",
        written=written,
        read=read,
    )


def problem(code: str, /, *, row: int | None = None, column: str | None = None, **params: Any) -> Problem:
    return Problem(
        row=row,
        column=column,
        code=code,
        message=MESSAGES[code].format(**params),
        params=params,
        severity="error" if code in ERRORS else "warning",
    )


def date_finding(token: str, value: date | None, row: int | None, column: str) -> Problem:
    """What to say about a date token that is not a plain possible date."""
    if value is None:
        return problem("impossible_date", row=row, column=column, text=token)
    return note("read_date", row=row, column=column, written=token, read=value.isoformat())


class ParseError(Exception):
    """The file cannot be parsed at all; `problems` say why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))

    @classmethod
    def of(cls, code: str, **params: Any) -> ParseError:
        return cls([problem(code, **params)])


class _HasProblems:
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "note"]


# Organizational plan ---------------------------------------------------------------------------


@dataclass
class ParsedAction:
    row: int | None
    code: str
    text: str
    quarters: list[str]
    baseline: str
    target: str
    responsibles: list[str]
    source_line: int
    # Columns Urdun has no field for (legal basis, budget, funding source): header → text.
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedObjective:
    code: str
    text: str
    actions: list[ParsedAction] = field(default_factory=list)
    source_line: int | None = None


@dataclass
class ParsedSection:
    code: str
    title: str
    objectives: list[ParsedObjective] = field(default_factory=list)
    source_line: int | None = None


@dataclass
class ParsedPlan(_HasProblems):
    title: str
    organization_name: str
    sections: list[ParsedSection]
    problems: list[Problem]

    @property
    def objectives(self) -> list[ParsedObjective]:
        return [o for s in self.sections for o in s.objectives]

    @property
    def actions(self) -> list[ParsedAction]:
        return [a for o in self.objectives for a in o.actions]


# Individual performance ------------------------------------------------------------------------


@dataclass
class ParsedIndicator:
    name: str
    baseline: str
    target: str
    achieved_text: str
    start: date | None = None
    end: date | None = None
    completion_percent: Decimal | None = None
    status: Status | None = None


@dataclass
class ParsedReportAction:
    row: int | None
    code: str | None
    text: str
    indicators: list[ParsedIndicator]
    achieved_text: str
    start: date | None
    end: date | None
    completion_percent: Decimal | None
    status: Status | None
    source_line: int


@dataclass
class ParsedReportObjective:
    number: str
    text: str
    actions: list[ParsedReportAction] = field(default_factory=list)
    source_line: int | None = None


@dataclass
class ParsedSignature:
    label: str
    position: str
    name: str  # normalised, "В.Наранчимэг"; "" when the line is unsigned
    name_printed: str  # as on paper, "В.НАРАНЧИМЭГ"
    date: date | None
    step: str | None  # prepared, verified, assessed, acknowledged, reviewed_leader, ...
    source_line: int


@dataclass
class ParsedReport:
    title: str
    date: date | None
    objectives: list[ParsedReportObjective]
    signatures: list[ParsedSignature] = field(default_factory=list)

    @property
    def actions(self) -> list[ParsedReportAction]:
        return [a for o in self.objectives for a in o.actions]


@dataclass
class ParsedAssignment:
    number: str
    text: str
    assigned_by: str
    indicator: str
    baseline: str
    target: str
    achieved_text: str
    start: date | None
    end: date | None
    completion_percent: Decimal | None
    source_line: int


@dataclass
class ParsedKnowledge:
    number: str
    code: str | None
    text: str
    indicator: str
    baseline: str
    target: str
    achieved_text: str
    start: date | None
    end: date | None
    completion_percent: Decimal | None
    status: Status | None
    source_line: int


@dataclass
class ParsedSheetRow:
    kind: Literal["action", "assignment"]
    number: str
    code: str | None
    text: str
    performance_points: Decimal | None
    timeliness_points: Decimal | None
    total: Decimal | None
    marker: Marker | None
    rescore_raw: str
    rescore: Decimal | None  # the value to apply; None when absent or not applicable
    source_line: int

    @property
    def scored(self) -> bool:
        return self.total is not None and self.marker is None


@dataclass
class ParsedSheetObjective:
    number: str
    text: str
    rows: list[ParsedSheetRow] = field(default_factory=list)
    source_line: int | None = None


@dataclass
class ParsedSheetKnowledge:
    number: str
    text: str
    percent: Decimal | None
    points: Decimal | None
    rescore_raw: str
    source_line: int


@dataclass
class ParsedCriterion:
    number: str
    name: str
    points: Decimal | None
    rescore_raw: str
    source_line: int


@dataclass
class ParsedAdjustment:
    """A line of the sheet's part 5 ("-2 (6.1.2 ...)"): points, the methodology's clause, why."""

    points: Decimal
    clause: str
    reason: str
    written: str
    source_line: int


@dataclass
class PaperMeans:
    """Figures as printed on the paper; None where the paper leaves them blank."""

    part1: Decimal | None = None
    part2: Decimal | None = None
    part3: Decimal | None = None
    part4: Decimal | None = None
    adjustments: Decimal | None = None
    total: Decimal | None = None


@dataclass
class ParsedSheet:
    title: str
    organization_name: str
    unit_name: str
    objectives: list[ParsedSheetObjective]
    assignment_rows: list[ParsedSheetRow]
    paper_means: PaperMeans
    knowledge: list[ParsedSheetKnowledge]
    head_criteria: list[ParsedCriterion]
    colleague_criteria: list[ParsedCriterion]
    signatures: list[ParsedSignature] = field(default_factory=list)
    adjustments: list[ParsedAdjustment] = field(default_factory=list)
    # How the re-score column was read: "applied", "ignored" (not the team's re-scores) or "".
    rescores: str = ""

    @property
    def rows(self) -> list[ParsedSheetRow]:
        """Part-1 rows in paper order: actions, then additional assignments."""
        return [r for o in self.objectives for r in o.rows] + self.assignment_rows

    @property
    def scored_rows(self) -> list[ParsedSheetRow]:
        return [r for r in self.rows if r.scored]

    @property
    def objective_numbers(self) -> list[str]:
        """Distinct objective numbers in paper order (a number printed twice counts once)."""
        return list(dict.fromkeys(o.number for o in self.objectives))

    @property
    def head_points(self) -> list[Decimal | None]:
        return [c.points for c in self.head_criteria]

    @property
    def colleague_points(self) -> list[Decimal | None]:
        return [c.points for c in self.colleague_criteria]


@dataclass
class ParsedPerformance(_HasProblems):
    report: ParsedReport
    assignments: list[ParsedAssignment]
    knowledge: list[ParsedKnowledge]
    sheet: ParsedSheet | None
    problems: list[Problem]
    assignment_signatures: list[ParsedSignature] = field(default_factory=list)
