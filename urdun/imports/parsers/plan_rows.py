"""Reading an organizational plan from rows of cells, whatever file they came from.

The text, XLSX and DOCX readers turn their file into `Row`s (source position + cell texts) and
call `interpret_plan`. The layout follows seed 000: a header row, section rows
("1. ИРГЭДИЙН ..."), then one row per action with the objective cell filled only on the
objective's first row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .export_labels import ends_plan, is_implementation_header, is_plan_aggregate
from .plan_quarters import QUARTERS, parse_quarters, quarters_text, read_quarters
from .types import (
    ParsedAction,
    ParsedObjective,
    ParsedPlan,
    ParsedSection,
    ParseError,
    Problem,
    note,
    problem,
)
from .values import blank_dash, parse_int

COLUMNS = ("number", "objective", "action", "quarter", "baseline", "target", "responsible")
EXPECTED = "Д/д, Зорилт, Арга хэмжээ, Хэрэгжих хугацаа, Суурь түвшин, Зорилтот түвшин, Хэрэгжүүлэх"

SECTION_RE = re.compile(r"^(\d{1,3})\s*[.)]\s*([^\d\s].*)$", re.S)
# "1 ИРГЭДИЙН ..." without the dot: a section only when its title is in capitals.
BARE_SECTION_RE = re.compile(r"^(\d{1,3})\s+([^\d\s].*)$", re.S)
ROMAN_SECTION_RE = re.compile(r"^(X{0,3}(?:IX|IV|V?I{1,3}|V|X))\s*[.)]\s*(\S.*)$", re.S)
CODE_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?\s*(.*)$", re.S)
# An objective or action numbered within its parent only: "1)", "2.", "3)".
ITEM_RE = re.compile(r"^(\d{1,3})\s*[.)]\s*(\S.*)$", re.S)
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# How the form names each column, for messages.
COLUMN_NAMES = {
    "number": "Д/д",
    "objective": "Зорилт",
    "action": "Арга хэмжээ",
    "quarter": "Хэрэгжих хугацаа",
    "baseline": "Суурь түвшин",
    "target": "Зорилтот түвшин",
    "responsible": "Хэрэгжүүлэх",
}
MAX_HEADER_ROWS = 3
MAX_HEADER_SEARCH = 60


@dataclass(frozen=True)
class Row:
    source: int  # line, sheet row or table row
    cells: list[str]


def column_kind(header: str) -> str | None:
    """Which plan column a header cell names. Order matters: "зорилтот түвшин" is the target,
    not the objective ("зорилт"); "хэрэгжих хугацаа" is the period, not the responsible.
    Urdun's own export adds "Хэрэгжилт, %" (computed, never read) and may print English."""
    h = " ".join(header.casefold().split())
    if is_implementation_header(h):
        return "implementation"
    if h.startswith(("baseline", "target")) or " target " in f" {h} ":
        return "baseline" if h.startswith("baseline") else "target"
    for word in ("responsible", "quarter", "action", "objective"):
        if h.startswith(word):
            return word
    if h in {"no.", "no"}:
        return "number"
    if "суурь" in h:
        return "baseline"
    if "зорилтот" in h or "хүрэх" in h:
        return "target"
    if "хэрэгжүүлэх" in h or "хариуцах" in h or "хариуцагч" in h:
        return "responsible"
    if "хугацаа" in h or "улирал" in h:
        return "quarter"
    if "арга хэмжээ" in h:
        return "action"
    if "зорилт" in h:
        return "objective"
    if h.replace(" ", "") in {"д/д", "д/а", "№", "#", "дд", "д.д"}:
        return "number"
    return None


@dataclass(frozen=True)
class Header:
    first: int  # index of its first row
    last: int  # index of its last row (a header may span two or three rows)
    columns: dict[str, int]
    extra: dict[str, int]  # columns Urdun has no field for: header text → column


def _kinds(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, cell in enumerate(cells):
        kind = column_kind(cell)
        if kind and kind not in found:
            found[kind] = col
    return found


def _joined(rows: Sequence[Row]) -> tuple[dict[str, int], dict[str, int]]:
    """Columns of a header spread over `rows`: each column's kind is read from its lowest
    filled cell ("Суурь" under "Үр дүнгийн үзүүлэлт"), else from all its cells together."""
    width = max(len(r.cells) for r in rows)
    found: dict[str, int] = {}
    extra: dict[str, int] = {}
    for col in range(width):
        texts = [r.cells[col].strip() for r in rows if col < len(r.cells) and r.cells[col].strip()]
        if not texts:
            continue
        kind = column_kind(texts[-1]) or column_kind(" ".join(texts))
        if kind and kind not in found:
            found[kind] = col
        elif kind != "implementation":
            name = " ".join(texts[-1].split())
            if name not in extra and not _is_numbering_cell(name, col):
                extra[name] = col
    return found, extra


def _is_numbering_cell(text: str, col: int) -> bool:
    return text == str(col + 1)


def _can_continue_header(row: Row) -> bool:
    filled = [c.strip() for c in row.cells if c.strip()]
    if not filled or _is_numbering(filled):
        return False
    return not any(CODE_RE.match(c) or SECTION_RE.match(c) or ITEM_RE.match(c) for c in filled)


def find_header_rows(rows: Sequence[Row]) -> Header:
    """The header (one to three rows) and the column of each field; ParseError if absent,
    naming the row and the columns it lacks."""
    for index, row in enumerate(rows[:MAX_HEADER_SEARCH]):
        if len(_kinds(row.cells)) < 4:
            continue
        found: dict[str, int] = {}
        for depth in range(MAX_HEADER_ROWS):
            block = rows[index : index + depth + 1]
            if depth and not _can_continue_header(block[-1]):
                break
            found, extra = _joined(block)
            if set(COLUMNS) <= found.keys():
                return Header(index, index + depth, found, extra)
        missing = ", ".join(COLUMN_NAMES[c] for c in COLUMNS if c not in found)
        raise ParseError.of("missing_columns", row=row.source, missing=missing)
    raise ParseError.of("wrong_columns", expected=EXPECTED)


def find_header(rows: Sequence[Row]) -> tuple[int, dict[str, int]]:
    """Index of the header's last row and the column of each field; ParseError if absent."""
    header = find_header_rows(rows)
    return header.last, header.columns


def split_responsibles(text: str) -> list[str]:
    """Comma-separated units and officials. A part starting in lower case continues the one
    before it: "Бүх хэлтэс, агентлаг" is one entry (all departments and agencies)."""
    entries: list[str] = []
    for part in re.split(r"[,;\n]", text):
        part = part.strip()
        if not part:
            continue
        if entries and part[0].islower():
            entries[-1] = f"{entries[-1]}, {part}"
        else:
            entries.append(part)
    return entries


def _title_and_organization(lines: list[str]) -> tuple[str, str]:
    titled = [line for line in lines if "төлөвлөгөө" in line.casefold()]
    title = titled[0] if titled else (lines[0] if lines else "")
    others = [line for line in lines if line != title]
    return title, others[0] if others else ""


def roman_value(numeral: str) -> int:
    values = [ROMAN_VALUES[c] for c in numeral if c in ROMAN_VALUES]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


class _PlanBuilder:
    def __init__(self, columns: dict[str, int], extra: dict[str, int] | None = None) -> None:
        self.columns = columns
        self.extra = extra or {}
        self.sections: list[ParsedSection] = []
        self.problems: list[Problem] = []
        self.objective: ParsedObjective | None = None
        self.action: ParsedAction | None = None
        self.last_number: int | None = None
        self.stray: list[Row] = []
        self.implicit: list[ParsedSection] = []
        # The implementation column and the unknown ones included.
        self.width = max([*columns.values(), *self.extra.values()]) + 1
        self.ended = False
        self.header_rows: set[tuple[str, ...]] = set()

    def cell(self, cells: list[str], kind: str) -> str:
        col = self.columns[kind]
        return cells[col] if col < len(cells) else ""

    def add(self, row: Row) -> None:
        cells = [c.replace("\f", "").strip() for c in row.cells]
        filled = [c for c in cells if c]
        if not filled or self.ended:
            return
        if is_plan_aggregate(filled[0]):
            return  # a computed mean-implementation row of Urdun's export
        if ends_plan(filled[0]):
            self._flush_stray()
            self.ended = True  # the plan's total; the units table follows
            return
        section = self._section(cells, filled)
        if section:
            self._flush_stray()
            code, title, written = section
            if written != code:
                self.problems.append(
                    note("code_from_position", row=row.source, column="objective", written=written, read=code)
                )
            self.sections.append(ParsedSection(code=code, title=title, source_line=row.source))
            self.objective = self.action = None
            return
        if len(filled) == 1 and not self._coded_alone(cells):
            self.stray.append(row)  # a stray line if rows follow, else a footer
            return
        if self._is_header(cells) or _is_numbering(filled) or tuple(cells) in self.header_rows:
            return  # header or column numbers repeated after a page break
        self._flush_stray()
        extra = [c for c in cells[self.width :] if c]
        if extra:
            self.problems.append(problem("extra_cells", row=row.source, text=" ".join(extra)[:80]))
        self._data_row(row, cells)

    def _section(self, cells: list[str], filled: list[str]) -> tuple[str, str, str] | None:
        """A section row holds only "1. TITLE", in one cell or split over number and objective;
        also "1 TITLE" (no dot, capitals) and "II. TITLE". Gives code, title, number as written."""
        if len(filled) == 2:
            leading = {self.columns["number"], self.columns["objective"]}
            if any(c and i not in leading for i, c in enumerate(cells)):
                return None
        elif len(filled) != 1:
            return None
        text = " ".join(filled)
        if CODE_RE.match(text):
            return None
        match = SECTION_RE.match(text)
        if match:
            title = match.group(2).strip()
            return (match.group(1), title, match.group(1)) if len(filled) == 1 or title.isupper() else None
        roman = ROMAN_SECTION_RE.match(text.replace("І", "I"))
        if roman and roman.group(2).strip().isupper():
            written = text.split()[0] if " " in text else roman.group(1)
            return str(roman_value(roman.group(1))), roman.group(2).strip(), written.rstrip()
        bare = BARE_SECTION_RE.match(text)
        if bare and bare.group(2).strip().isupper():
            return bare.group(1), bare.group(2).strip(), bare.group(1)
        return None

    def _coded_alone(self, cells: list[str]) -> bool:
        """An objective or action printed alone on its row still counts: it carries its code."""
        return any(CODE_RE.match(self.cell(cells, kind)) for kind in ("objective", "action"))

    def _is_header(self, cells: list[str]) -> bool:
        same = sum(
            1 for kind, col in self.columns.items() if col < len(cells) and column_kind(cells[col]) == kind
        )
        return same >= 5

    def _flush_stray(self) -> None:
        for row in self.stray:
            text = " ".join(c.strip() for c in row.cells if c.strip())
            self.problems.append(problem("stray_text", row=row.source, text=text[:80]))
        self.stray = []

    def _data_row(self, row: Row, cells: list[str]) -> None:
        number_text = self.cell(cells, "number")
        objective_text = self.cell(cells, "objective")
        action_text = self.cell(cells, "action")
        if not number_text and not objective_text and self.action and _continues(action_text):
            self._continue_action(row, cells)
            return
        if objective_text:
            self._start_objective(row, objective_text)
        if self.objective is None:
            self.problems.append(problem("missing_objective", row=row.source, column="objective"))
            return
        number = parse_int(number_text) if number_text else None
        if number_text and number is None:
            self.problems.append(problem("bad_row_number", row=row.source, column="number", text=number_text))
        rest = [self.cell(cells, k) for k in ("quarter", "baseline", "target", "responsible")]
        if not action_text and not any(rest):
            return  # an objective declared on a row of its own
        self._check_sequence(row, number)
        self.action = self._action(row, number, action_text, cells)
        self.objective.actions.append(self.action)

    def _start_objective(self, row: Row, text: str) -> None:
        match = CODE_RE.match(text)
        code, body = (match.group(1), match.group(2).strip()) if match else ("", text)
        item = None if match else ITEM_RE.match(text)
        if item and self.sections:
            # "1)", "2." under a section: the code follows the position.
            section = self.sections[-1]
            code = f"{section.code}.{len(section.objectives) + 1}"
            body = item.group(2).strip()
            written = text[: item.start(2)].strip()
            self.problems.append(
                note("code_from_position", row=row.source, column="objective", written=written, read=code)
            )
        elif not match:
            self.problems.append(problem("missing_code", row=row.source, column="objective", text=text[:80]))
        section_code = code.split(".")[0] if code else ""
        implicit = not self.sections or (
            any(s is self.sections[-1] for s in self.implicit) and section_code != self.sections[-1].code
        )
        if implicit:
            # No section rows: sections follow the objectives' codes.
            self.problems.append(
                problem("implicit_section", row=row.source, code=code or "?", section=section_code or "?")
            )
            self.sections.append(ParsedSection(code=section_code, title="", source_line=None))
            self.implicit.append(self.sections[-1])
        section = self.sections[-1]
        if code and section.code and section_code != section.code:
            self.problems.append(
                problem("code_mismatch", row=row.source, column="objective", code=code, parent=section.code)
            )
        self.objective = ParsedObjective(code=code, text=body, source_line=row.source)
        section.objectives.append(self.objective)
        self.action = None

    def _check_sequence(self, row: Row, number: int | None) -> None:
        if number is None:
            return
        if self.last_number is not None and number != self.last_number + 1:
            self.problems.append(
                problem(
                    "row_number_sequence",
                    row=row.source,
                    column="number",
                    number=number,
                    previous=self.last_number,
                )
            )
        self.last_number = number

    def _action(self, row: Row, number: int | None, text: str, cells: list[str]) -> ParsedAction:
        assert self.objective is not None
        match = CODE_RE.match(text)
        code, body = (match.group(1), match.group(2).strip()) if match else ("", text)
        item = None if match else ITEM_RE.match(text)
        if item and self.objective.code:
            code = f"{self.objective.code}.{len(self.objective.actions) + 1}"
            body = item.group(2).strip()
            written = text[: item.start(2)].strip()
            self.problems.append(
                note("code_from_position", row=row.source, column="action", written=written, read=code)
            )
        elif not text:
            self.problems.append(
                problem("missing_action_text", row=row.source, column="action", number=number or "?")
            )
        elif not match:
            self.problems.append(problem("missing_code", row=row.source, column="action", text=text[:80]))
        elif self.objective.code and not code.startswith(self.objective.code + "."):
            self.problems.append(
                problem(
                    "code_mismatch", row=row.source, column="action", code=code, parent=self.objective.code
                )
            )
        period = self.cell(cells, "quarter")
        quarters, how = read_quarters(period)
        if not period:
            self.problems.append(
                problem("missing_quarter", row=row.source, column="quarter", code=code or "?")
            )
        elif how == "ambiguous":
            self.problems.append(problem("ambiguous_quarter", row=row.source, column="quarter", text=period))
        elif how == "bad":
            self.problems.append(problem("bad_quarter", row=row.source, column="quarter", text=period))
        elif how == "read":
            self.problems.append(
                note(
                    "read_quarters",
                    row=row.source,
                    column="quarter",
                    written=period,
                    read=quarters_text(quarters),
                )
            )
        return ParsedAction(
            row=number,
            code=code,
            text=body,
            quarters=quarters,
            baseline=blank_dash(self.cell(cells, "baseline")),
            target=blank_dash(self.cell(cells, "target")),
            responsibles=split_responsibles(self.cell(cells, "responsible")),
            source_line=row.source,
            extra={name: cells[col] for name, col in self.extra.items() if col < len(cells) and cells[col]},
        )

    def _continue_action(self, row: Row, cells: list[str]) -> None:
        """A row without number or objective whose action text has no code continues the action
        above: Word and PDF conversions break a tall row at the page end."""
        action = self.action
        assert action is not None
        action.text = _join(action.text, self.cell(cells, "action"))
        action.baseline = _join(action.baseline, blank_dash(self.cell(cells, "baseline")))
        action.target = _join(action.target, blank_dash(self.cell(cells, "target")))
        for name, col in self.extra.items():
            if col < len(cells) and cells[col]:
                action.extra[name] = _join(action.extra.get(name, ""), cells[col])
        more = split_responsibles(self.cell(cells, "responsible"))
        action.responsibles = split_responsibles(", ".join(action.responsibles + more))
        quarters, _ = parse_quarters(self.cell(cells, "quarter"))
        action.quarters = [q for q in QUARTERS if q in action.quarters or q in quarters]
        self.problems.append(problem("joined_row", row=action.source_line, line=row.source))

    def finish(self, title: str, organization: str) -> ParsedPlan:
        return ParsedPlan(
            title=title,
            organization_name=organization,
            sections=self.sections,
            problems=self.problems,
        )


def _join(first: str, second: str) -> str:
    return f"{first} {second}".strip() if second else first


def _continues(action_text: str) -> bool:
    """Text broken off at a page end resumes mid-sentence: empty or lower case, with no code."""
    return not action_text or (action_text[0].islower() and not CODE_RE.match(action_text))


def _is_numbering(cells: list[str]) -> bool:
    return len(cells) >= 3 and cells == [str(i) for i in range(1, len(cells) + 1)]


def interpret_plan(rows: Sequence[Row], preamble: Sequence[str] = ()) -> ParsedPlan:
    """`preamble`: text before the table when it is not part of `rows` (DOCX paragraphs)."""
    header = find_header_rows(rows)
    lines = [*preamble, *(" ".join(c.strip() for c in r.cells if c.strip()) for r in rows[: header.first])]
    title, organization = _title_and_organization([line.strip() for line in lines if line.strip()])
    builder = _PlanBuilder(header.columns, header.extra)
    for name, col in header.extra.items():
        builder.problems.append(
            note("extra_column", row=rows[header.first].source, column=str(col + 1), written=name, read=name)
        )
    builder.header_rows = {tuple(c.strip() for c in r.cells) for r in rows[header.first : header.last + 1]}
    for row in rows[header.last + 1 :]:
        builder.add(row)
    return builder.finish(title, organization)
