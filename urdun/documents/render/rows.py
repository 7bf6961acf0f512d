"""Payload dict -> format-neutral document (title, tables of cells, signatures).

PDF, DOCX and XLSX all render the :class:`Document` built here, so every format prints the
same rows, the same numbers and the same labels; the format modules only decide how a cell
looks. Figures are taken from the payload exactly as given (strings rounded by the scoring
module): nothing here computes or re-rounds a score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from .labels import labels_for

Align = Literal["left", "center", "right"]

KINDS = ("evaluation_sheet", "plan", "performance_report", "assignments")

# The payload's own "kind" differs from the renderer kind for the plan (contract name).
PAYLOAD_KINDS = {
    "evaluation_sheet": "evaluation_sheet",
    "organizational_plan": "plan",
    "plan": "plan",
    "performance_report": "performance_report",
    "assignments": "assignments",
}

# Part maxima printed in the headers ("60 хүртэл"). They belong to the methodology version;
# a payload may carry them as methodology.maxima, otherwise today's values apply.
DEFAULT_MAXIMA = {
    "performance": "60",
    "timeliness": "10",
    "row": "70",
    "knowledge": "15",
    "head": "7",
    "colleagues": "8",
}

# Only plain decimals become numbers: "00" or "ХХ" on a paper sheet must stay as printed.
_NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# A table this short is printed on one page (moved to the next if need be), not split. The
# text limit keeps a few rows of long reports from forming a block taller than a page.
_KEEP_TOGETHER_ROWS = 15
_KEEP_TOGETHER_CHARS = 2500


def _short(body: list[list[Cell]]) -> bool:
    if len(body) > _KEEP_TOGETHER_ROWS:
        return False
    return sum(len(c.text) + len(c.note) for row in body for c in row) <= _KEEP_TOGETHER_CHARS


TextFilter = Callable[[str], str]


def _same(value: str) -> str:
    return value


@dataclass(slots=True)
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: Align = "left"
    bold: bool = False
    fill: bool = False  # shaded group row (objective, section, header)
    small: bool = False
    note: str = ""  # a second, smaller line: exclusion reason, comment
    number: Decimal | None = None  # set when text is a plain decimal, so XLSX stores a number

    def to_json(self, t: TextFilter = _same) -> dict[str, Any]:
        return {
            "text": t(self.text),
            "colspan": self.colspan,
            "rowspan": self.rowspan,
            "align": self.align,
            "bold": self.bold,
            "fill": self.fill,
            "small": self.small,
            "note": t(self.note),
        }


@dataclass(slots=True)
class Table:
    key: str
    widths: list[float]  # relative column widths
    head: list[list[Cell]]  # repeated on every page
    body: list[list[Cell]]
    # Short tables (parts 2-5) move to the next page whole rather than split after a row.
    keep_together: bool = False

    @property
    def columns(self) -> int:
        return len(self.widths)

    def to_json(self, t: TextFilter = _same) -> dict[str, Any]:
        return {
            "key": self.key,
            "widths": self.widths,
            "keep_together": self.keep_together,
            "head": [[c.to_json(t) for c in row] for row in self.head],
            "body": [[c.to_json(t) for c in row] for row in self.body],
        }


@dataclass(slots=True)
class Block:
    heading: str = ""
    table: Table | None = None
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Signature:
    label: str
    position: str
    name: str  # "" when the step is not signed yet
    date: str  # "2025.06.18" or ""


@dataclass(slots=True)
class Document:
    kind: str
    language: str
    landscape: bool
    title: list[str]
    subtitle: list[str]
    fields: list[tuple[str, str]]
    basis: list[str]
    blocks: list[Block]
    signatures: list[Signature]
    footer: str
    labels: dict[str, str]  # the few labels a template prints itself

    def to_json(self, t: TextFilter = _same) -> dict[str, Any]:
        """Plain JSON for the Typst templates; ``t`` is applied to every printed text.

        Written out by hand: ``dataclasses.asdict`` deep-copies every cell, which cost 10 ms
        a sheet, a sixth of the Typst compile.
        """
        return {
            "kind": self.kind,
            "language": self.language,
            "landscape": self.landscape,
            "title": [t(x) for x in self.title],
            "subtitle": [t(x) for x in self.subtitle],
            "fields": [[t(label), t(value)] for label, value in self.fields],
            "basis": [t(x) for x in self.basis],
            "blocks": [
                {
                    "heading": t(b.heading),
                    "lines": [t(x) for x in b.lines],
                    "table": None if b.table is None else b.table.to_json(t),
                }
                for b in self.blocks
            ],
            "signatures": [
                {"label": t(s.label), "position": t(s.position), "name": t(s.name), "date": s.date}
                for s in self.signatures
            ],
            "footer": t(self.footer),
            "labels": self.labels,
        }


@dataclass(slots=True)
class Slot:
    """A cell placed on the table grid; ``covered`` marks the rows below a rowspan's start."""

    column: int
    cell: Cell
    covered: bool = False


def place(rows: list[list[Cell]], columns: int) -> list[list[Slot]]:
    """Grid positions of each row's cells, the way Typst places them.

    A row lists only the cells it starts; positions still taken by a rowspan from a row above
    are skipped (and returned as ``covered`` slots, which Word needs as vMerge continuations).
    """
    taken: dict[tuple[int, int], Cell] = {}
    placed: list[list[Slot]] = []
    for r, row in enumerate(rows):
        slots: list[Slot] = []
        column = 0
        for cell in row:
            while (r, column) in taken:
                slots.append(Slot(column, taken[(r, column)], covered=True))
                column += taken[(r, column)].colspan
            slots.append(Slot(column, cell))
            for below in range(1, cell.rowspan):
                taken[(r + below, column)] = cell
            column += cell.colspan
        while column < columns and (r, column) in taken:
            slots.append(Slot(column, taken[(r, column)], covered=True))
            column += taken[(r, column)].colspan
        placed.append(slots)
    return placed


# -- cell helpers -------------------------------------------------------------------------


# Control characters are not allowed in XML (DOCX, XLSX) and print as nothing anyway.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def text(value: Any) -> str:
    """Payload value -> printed text; ``None`` prints as nothing."""
    if value is None:
        return ""
    s = str(value)
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", s)


def is_decimal(s: str) -> bool:
    """A plain decimal ("68.8", "-2.0", "70"), as opposed to "00", "ХХ" or "70%"."""
    return bool(_NUMBER.match(s))


def num(value: Any, *, bold: bool = False, note: str = "") -> Cell:
    """A centred figure cell; the string is printed exactly as the payload gives it."""
    s = text(value).strip()
    number = Decimal(s) if is_decimal(s) else None
    return Cell(s, align="center", bold=bold, number=number, note=note)


def head(label: str, *, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(label, colspan=colspan, rowspan=rowspan, align="center", bold=True, small=True)


def index_row(first: int, columns: int, *, start: int = 1) -> list[Cell]:
    """The paper's column numbering row: ``first`` blank cells, then 1, 2, 3, ..."""
    blanks = [Cell(small=True) for _ in range(first)]
    numbers = [Cell(str(start + i), align="center", small=True) for i in range(columns - first)]
    return blanks + numbers


def span(value: str, columns: int, *, bold: bool = True, fill: bool = True) -> list[Cell]:
    return [Cell(value, colspan=columns, bold=bold, fill=fill)]


def format_date(value: Any) -> str:
    """ISO date -> the Mongolian paper style ``2025.06.18``; anything else prints as given."""
    s = text(value)
    m = _ISO_DATE.match(s)
    return f"{m[1]}.{m[2]}.{m[3]}" if m else s


# Mongolian ordinal suffix of the month number follows the vowel harmony of its numeral:
# нэг, дөрөв, ес (1, 4, 9, 11) take "дүгээр", the others "дугаар".
_MONTH_SUFFIX = {1: "дүгээр", 4: "дүгээр", 9: "дүгээр", 11: "дүгээр"}


def format_long_date(value: Any, language: str) -> str:
    """``2025-06-05`` -> ``2025 оны 06 дугаар сарын 05`` (the report's dateline)."""
    s = text(value)
    m = _ISO_DATE.match(s)
    if not m:
        return s
    if language == "en":
        return f"{int(m[3])}.{int(m[2])}.{m[1]}"
    suffix = _MONTH_SUFFIX.get(int(m[2]), "дугаар")
    return f"{m[1]} оны {m[2]} {suffix} сарын {m[3]}"


def date_range(start: Any, end: Any) -> str:
    """Start and end on two lines; a start without an end prints "2025.01.20 –" so that it
    does not read as a one-day action's (end) date."""
    first, last = format_date(start), format_date(end)
    if first and not last:
        return f"{first} –"
    return "\n".join(d for d in (first, last) if d)


def _get(mapping: Any, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def _signatures(payload: Mapping[str, Any]) -> list[Signature]:
    out = []
    for sig in payload.get("signatures") or []:
        label = text(sig.get("label"))
        # The paper writes "ТАЙЛАН ГАРГАСАН:"; a label that already has a colon keeps its own.
        if label and ":" not in label:
            label += ":"
        out.append(
            Signature(
                label=label,
                position=text(sig.get("position")),
                name=text(sig.get("name")),
                date=format_date(sig.get("date")),
            )
        )
    return out


def _person_line(employee: Mapping[str, Any]) -> str:
    return " ".join(p for p in (text(employee.get("position")), text(employee.get("name"))) if p)


def _template_labels(lab: Mapping[str, str]) -> dict[str, str]:
    return {key: lab[key] for key in ("page", "date_suffix", "unsigned")}


def _footer(*parts: Any) -> str:
    return " · ".join(text(p) for p in parts if text(p))


# The report's objective and action rows print their codes as the paper does ("Зорилт 1. ...",
# "Арга хэмжээ 1.1. ..."), as the evaluation sheet's stored texts already do; the words are the
# form's own, as in those texts. So the file says which plan item each row is and imports back
# (urdun.imports.parsers reads them).
_ITEM_WORDS = {"objective": "Зорилт", "action": "Арга хэмжээ"}


def _item_text(row: Mapping[str, Any]) -> str:
    value = text(row.get("text"))
    code = text(row.get("code")).strip()
    word = _ITEM_WORDS.get(text(row.get("type")))
    if not code or not word or re.match(rf"{word}\s*{re.escape(code)}(?!\.?\d)", value, re.I):
        return value
    return f"{word} {code}. {value}" if value else f"{word} {code}."


# -- evaluation sheet ---------------------------------------------------------------------


def evaluation_sheet(payload: Mapping[str, Any]) -> Document:
    language = payload.get("language") or "mn"
    lab = labels_for(language)
    employee = payload.get("employee") or {}
    period = payload.get("period") or {}
    methodology = payload.get("methodology") or {}
    maxima = {**DEFAULT_MAXIMA, **(methodology.get("maxima") or {})}

    title = [t.upper() for t in (_person_line(employee), text(period.get("label"))) if t]
    title.append(lab["sheet_title"])
    basis = []
    if methodology.get("legal_basis"):
        basis.append(lab["legal_basis"].format(basis=methodology["legal_basis"]))
    if methodology.get("name") or methodology.get("code"):
        basis.append(
            lab["methodology_version"].format(
                name=text(methodology.get("name")), code=text(methodology.get("code"))
            )
        )

    blocks = [
        Block(lab["part1_heading"], _part1(payload, lab, maxima)),
        Block(lab["part2_heading"], _part2(payload, lab, maxima)),
        Block(lab["part3_heading"], _part3(payload, lab, maxima)),
        Block(lab["part4_heading"], _part4(payload, lab, maxima)),
        Block(lab["part5_heading"], _part5(payload, lab)),
    ]
    if payload.get("mismatches"):
        blocks.append(Block(lab["mismatches_heading"], _mismatches(payload, lab)))

    return Document(
        kind="evaluation_sheet",
        language=language,
        landscape=False,
        title=title,
        subtitle=[],
        fields=[
            (lab["organization_name"], text(_get(payload.get("organization"), "name"))),
            (lab["unit_name"], text(_get(payload.get("unit"), "name"))),
        ],
        basis=basis,
        blocks=blocks,
        signatures=_signatures(payload),
        footer=_footer(employee.get("name"), period.get("label"), lab["sheet_title"]),
        labels=_template_labels(lab),
    )


def _score_row(row: Mapping[str, Any], lab: Mapping[str, str]) -> list[Cell]:
    note = ""
    if row.get("excluded"):
        reason = text(row.get("exclusion_reason"))
        note = lab["excluded"].format(reason=reason) if reason else lab["excluded_no_reason"]
    return [
        Cell(text(row.get("number")), align="center"),
        Cell(text(row.get("text")), note=note),
        num(row.get("performance")),
        num(row.get("timeliness")),
        num(row.get("row_total")),
        num(row.get("rescore")),
    ]


def _part1(payload: Mapping[str, Any], lab: Mapping[str, str], maxima: dict[str, str]) -> Table:
    perf = payload.get("performance") or {}
    body: list[list[Cell]] = []
    for row in perf.get("rows") or []:
        kind = row.get("type")
        if kind == "objective":
            body.append(span(text(row.get("text")), 6))
        elif kind == "assignment_header":
            body.append(span(text(row.get("text")) or lab["assignments_row"], 6))
        else:
            body.append(_score_row(row, lab))
    basis = ""
    if perf.get("sum") is not None:
        basis = lab["mean_basis"].format(
            scored=text(perf.get("scored_count")),
            rows=text(perf.get("row_count")),
            sum=text(perf.get("sum")),
        )
    body.append(
        [
            Cell(lab["mean_colon"], colspan=4, bold=True, note=basis),
            num(perf.get("mean"), bold=True),
            Cell(),
        ]
    )
    return Table(
        key="part1",
        widths=[0.5, 5.9, 1.25, 1.25, 1.0, 1.45],
        head=[
            [
                head(lab["col_no"]),
                head(lab["col_action"]),
                head(lab["col_performance"]),
                head(lab["col_timeliness"]),
                head(lab["col_row_total"]),
                head(lab["col_rescore"]),
            ],
            index_row(1, 6),
            [
                Cell(small=True),
                Cell(lab["points"], small=True),
                *[
                    Cell(lab["up_to"].format(n=maxima[k]), align="center", small=True)
                    for k in ("performance", "timeliness", "row")
                ],
                Cell(small=True),
            ],
        ],
        body=body,
    )


def _part2(payload: Mapping[str, Any], lab: Mapping[str, str], maxima: dict[str, str]) -> Table:
    knowledge = payload.get("knowledge") or {}
    body = [
        [
            Cell(text(r.get("number")), align="center"),
            Cell(text(r.get("text"))),
            num(r.get("completion")),
            num(r.get("points")),
            num(r.get("rescore")),
        ]
        for r in knowledge.get("rows") or []
    ]
    body.append([Cell(lab["mean"], colspan=3, bold=True), num(knowledge.get("mean"), bold=True), Cell()])
    return Table(
        key="part2",
        widths=[0.55, 5.0, 1.6, 1.6, 2.1],
        head=[
            [
                head(lab["col_no"]),
                head(lab["col_action"]),
                head(lab["col_completion"]),
                head(lab["col_knowledge_points"].format(n=maxima["knowledge"])),
                head(lab["col_rescore"]),
            ],
            index_row(2, 5),
        ],
        body=body,
        keep_together=_short(body),
    )


def _split_head_rows(rows: list[Mapping[str, Any]]) -> tuple[list[Any], list[Any]]:
    """Fixed criteria vs job-specific competencies (``"group": "competency"``, or rows 6-8)."""
    if any("group" in r for r in rows):
        fixed = [r for r in rows if r.get("group") != "competency"]
        return fixed, [r for r in rows if r.get("group") == "competency"]
    return rows[:5], rows[5:]


def _part3(payload: Mapping[str, Any], lab: Mapping[str, str], maxima: dict[str, str]) -> Table:
    head_part = payload.get("head") or {}
    fixed, competencies = _split_head_rows(list(head_part.get("rows") or []))

    def line(r: Mapping[str, Any]) -> list[Cell]:
        return [
            Cell(text(r.get("number")), align="center"),
            Cell(text(r.get("criterion"))),
            num(r.get("points")),
            num(r.get("rescore")),
        ]

    body = [line(r) for r in fixed]
    body.append(span(lab["competencies_row"], 4))
    # The paper form always prints three competency lines, scored or not.
    for i in range(max(3, len(competencies))):
        if i < len(competencies):
            r = dict(competencies[i])
            r["criterion"] = r.get("criterion") or lab["competency_n"].format(n=i + 1)
            body.append(line(r))
        else:
            number = f"{len(fixed) + i + 1}."
            body.append(
                [
                    Cell(number, align="center"),
                    Cell(lab["competency_n"].format(n=i + 1)),
                    Cell(),
                    Cell(),
                ]
            )
    body.append([Cell(lab["mean"], colspan=2, bold=True), num(head_part.get("mean"), bold=True), Cell()])
    return Table(
        key="part3",
        widths=[0.55, 4.6, 2.4, 2.4],
        head=[
            [
                head(lab["col_no"]),
                head(lab["col_criterion"]),
                head(lab["col_head_points"].format(n=maxima["head"])),
                head(lab["col_rescore"]),
            ],
            index_row(1, 4),
        ],
        body=body,
        keep_together=_short(body),
    )


def _part4(payload: Mapping[str, Any], lab: Mapping[str, str], maxima: dict[str, str]) -> Table:
    colleagues = payload.get("colleagues") or {}
    # Individual colleague criteria stay hidden when the sheet says so; the mean always prints.
    visible = colleagues.get("visible", True)
    body = [
        [
            Cell(text(r.get("number")), align="center"),
            Cell(text(r.get("criterion"))),
            num(r.get("points")) if visible else Cell(),
        ]
        for r in colleagues.get("rows") or []
    ]
    notes = []
    if colleagues.get("count") is not None:
        notes.append(lab["colleagues_count"].format(n=colleagues["count"]))
    if not visible:
        notes.append(lab["colleagues_hidden"])
    body.append(
        [
            Cell(lab["mean"], colspan=2, bold=True, note="; ".join(notes)),
            num(colleagues.get("mean"), bold=True),
        ]
    )
    return Table(
        key="part4",
        widths=[0.55, 4.6, 2.4],
        head=[
            [
                head(lab["col_no"]),
                head(lab["col_criterion"]),
                head(lab["col_colleague_points"].format(n=maxima["colleagues"])),
            ],
            index_row(1, 3),
        ],
        body=body,
        keep_together=_short(body),
    )


def _part5(payload: Mapping[str, Any], lab: Mapping[str, str]) -> Table:
    figures = [payload.get(k) for k in ("part1", "part2", "part3", "part4", "adjustments")]
    body = [
        [Cell(str(i), align="center"), Cell(lab[f"summary_{i}"]), num(value)]
        for i, value in enumerate(figures, start=1)
    ]
    for i, adj in enumerate(payload.get("adjustment_rows") or [], start=1):
        label = lab["adjustment"].format(reason=text(adj.get("reason")), clause=text(adj.get("clause")))
        body.append(
            [
                Cell(f"5.{i}", align="center"),
                Cell(label, note=text(adj.get("note"))),
                num(adj.get("points")),
            ]
        )
    body.append([Cell(lab["formula"], colspan=2, bold=True), num(payload.get("total"), bold=True)])
    rating = payload.get("rating") or {}
    rating_text = " ".join(p for p in (text(_get(rating, "letter")), text(_get(rating, "label"))) if p)
    body.append([Cell(lab["rating"], colspan=2, bold=True), Cell(rating_text, align="center", bold=True)])
    return Table(
        key="part5",
        widths=[0.55, 7.0, 1.8],
        head=[
            [head(lab["col_no"]), head(lab["col_indicator"]), head(lab["col_indicator_points"])],
        ],
        body=body,
        keep_together=_short(body),
    )


def _mismatches(payload: Mapping[str, Any], lab: Mapping[str, str]) -> Table:
    body = [
        [
            Cell(text(m.get("where"))),
            num(m.get("paper")),
            num(m.get("computed")),
            Cell(text(m.get("message"))),
        ]
        for m in payload.get("mismatches") or []
    ]
    return Table(
        key="mismatches",
        widths=[1.2, 1.2, 1.2, 6.0],
        head=[
            [
                head(lab["col_where"]),
                head(lab["col_paper"]),
                head(lab["col_computed"]),
                head(lab["col_message"]),
            ]
        ],
        body=body,
        keep_together=_short(body),
    )


# -- organizational plan ------------------------------------------------------------------


def _assessment_cell(assessment: Mapping[str, Any] | None, lab: Mapping[str, str]) -> Cell:
    assessment = assessment or {}
    status = assessment.get("status") or "none"
    comment = text(assessment.get("comment"))
    if status == "assessed":
        return num(assessment.get("percent"), note=comment)
    if status in ("not_due", "cannot_evaluate"):
        return Cell(lab[f"status_{status}"], align="center", small=True, note=comment)
    return Cell()


def _aggregate(label: str, percent: Any, columns: int, *, fill: bool) -> list[Cell]:
    return [
        Cell(label, colspan=columns - 1, align="right", bold=True, fill=fill),
        num("—" if percent is None else percent, bold=True),
    ]


def plan(payload: Mapping[str, Any]) -> Document:
    language = payload.get("language") or "mn"
    lab = labels_for(language)
    info = payload.get("plan") or {}
    sections = payload.get("sections") or []
    actions = [a for s in sections for o in s.get("objectives") or [] for a in o.get("actions") or []]
    # The implementation column appears once anything has been assessed.
    assessed = payload.get("percent") is not None or any(
        (_get(a.get("assessment"), "status") or "none") != "none" for a in actions
    )
    # Columns of the imported file Urdun has no field for (budget, funding source…), as named.
    extra = list(dict.fromkeys(name for a in actions for name in a.get("extra") or {}))
    columns = (8 if assessed else 7) + len(extra)
    target = (
        lab["plan_col_target_year"].format(year=info["year"]) if info.get("year") else lab["plan_col_target"]
    )
    header = [
        head(lab["col_no"]),
        head(lab["plan_col_objective"]),
        head(lab["plan_col_action"]),
        head(lab["plan_col_quarter"]),
        head(lab["plan_col_baseline"]),
        head(target),
        head(lab["plan_col_responsible"]),
        *(head(name) for name in extra),
    ]
    if assessed:
        header.append(head(lab["plan_col_percent"]))

    body: list[list[Cell]] = []
    for section in sections:
        body.append(span(_coded(section.get("code"), section.get("title")), columns))
        for objective in section.get("objectives") or []:
            obj_actions = objective.get("actions") or []
            objective_cell = Cell(
                _coded(objective.get("code"), objective.get("text")), rowspan=max(1, len(obj_actions))
            )
            if not obj_actions:
                body.append([Cell(), objective_cell, *[Cell() for _ in range(columns - 2)]])
            for i, action in enumerate(obj_actions):
                row = [
                    Cell(text(action.get("row")), align="center"),
                    *([objective_cell] if i == 0 else []),
                    Cell(_coded(action.get("code"), action.get("text"))),
                    Cell(", ".join(text(q) for q in action.get("quarters") or []), align="center"),
                    Cell(text(action.get("baseline"))),
                    Cell(text(action.get("target"))),
                    Cell(", ".join(text(r.get("text")) for r in action.get("responsibles") or [])),
                    *(Cell(text((action.get("extra") or {}).get(name))) for name in extra),
                ]
                if assessed:
                    row.append(_assessment_cell(action.get("assessment"), lab))
                body.append(row)
            if assessed:
                label = lab["objective_total"].format(
                    code=text(objective.get("code")), n=text(objective.get("assessed_count") or 0)
                )
                body.append(_aggregate(label, objective.get("percent"), columns, fill=False))
        if assessed:
            label = lab["section_total"].format(
                code=text(section.get("code")), n=text(section.get("assessed_count") or 0)
            )
            body.append(_aggregate(label, section.get("percent"), columns, fill=True))
    if assessed:
        label = lab["plan_total"].format(n=text(payload.get("assessed_count") or 0))
        body.append(_aggregate(label, payload.get("percent"), columns, fill=True))

    widths = [0.45, 2.3, 3.7, 0.85, 1.9, 1.9, 2.0, *(1.5 for _ in extra)]
    if assessed:
        widths.append(1.1)
    blocks = [Block("", Table("plan", widths, [header], body))]

    units = [u for u in payload.get("units") or [] if u.get("percent") is not None]
    if assessed and units:
        blocks.append(
            Block(
                lab["units_heading"],
                Table(
                    "units",
                    [1.2, 6.0, 1.4, 1.6],
                    [
                        [
                            head(lab["col_abbreviation"]),
                            head(lab["col_unit"]),
                            head(lab["plan_col_percent"]),
                            head(lab["col_assessed_count"]),
                        ]
                    ],
                    [
                        [
                            Cell(text(u.get("abbreviation"))),
                            Cell(text(u.get("name"))),
                            num(u.get("percent")),
                            num(u.get("assessed_count")),
                        ]
                        for u in units
                    ],
                ),
            )
        )

    organization = text(_get(payload.get("organization"), "name"))
    basis = [lab["legal_basis"].format(basis=info["legal_basis"])] if info.get("legal_basis") else []
    return Document(
        kind="plan",
        language=language,
        landscape=True,
        title=[text(info.get("title"))],
        subtitle=[organization],
        fields=[],
        basis=basis,
        blocks=blocks,
        signatures=_signatures(payload),
        footer=_footer(organization, info.get("title")),
        labels=_template_labels(lab),
    )


def _coded(code: Any, value: Any) -> str:
    """``"1.1"`` + ``"Харилцаа..."`` -> ``"1.1. Харилцаа..."`` as the plan prints them."""
    c, t = text(code), text(value)
    if not c or t.startswith(c):
        return t
    return f"{c}. {t}"


# -- performance report (parts one and two) -----------------------------------------------


def _report_row(row: Mapping[str, Any], lab: Mapping[str, str]) -> list[Cell]:
    completion = row.get("completion")
    cell = (
        num(completion)
        if completion is not None
        else Cell(text(row.get("completion_note")), align="center", small=True)
    )
    return [
        Cell(text(row.get("number")), align="center"),
        Cell(_item_text(row)),
        Cell(text(row.get("indicator"))),
        Cell(text(row.get("baseline")), align="center"),
        Cell(text(row.get("target")), align="center"),
        Cell(text(row.get("achieved"))),
        Cell(date_range(row.get("start"), row.get("end")), align="center", small=True),
        cell,
    ]


_REPORT_WIDTHS = [0.5, 3.3, 1.6, 0.95, 0.95, 5.6, 1.35, 1.1]


def _report_part1(rows: list[Mapping[str, Any]], lab: Mapping[str, str]) -> Table:
    body = [span(_item_text(r), 8) if r.get("type") == "objective" else _report_row(r, lab) for r in rows]
    return Table(
        "report_part1",
        list(_REPORT_WIDTHS),
        [
            [
                head(lab["col_no"], rowspan=2),
                head(lab["col_action"], rowspan=2),
                head(lab["col_indicator_short"], rowspan=2),
                head(lab["col_baseline"], rowspan=2),
                head(lab["col_target"], rowspan=2),
                head(lab["col_level"], colspan=2),
                head(lab["col_completion_pct"], rowspan=2),
            ],
            [head(lab["col_achieved"]), head(lab["col_dates"])],
            index_row(0, 8),
        ],
        body,
    )


def _report_part2(rows: list[Mapping[str, Any]], lab: Mapping[str, str]) -> Table:
    body = [span(_item_text(r), 8) if r.get("type") == "objective" else _report_row(r, lab) for r in rows]
    return Table(
        "report_part2",
        list(_REPORT_WIDTHS),
        [
            [
                head(lab["col_no"], rowspan=2),
                head(lab["col_action"], rowspan=2),
                head(lab["col_indicator_short"], rowspan=2),
                head(lab["col_level"], colspan=2),
                head(lab["col_achieved"], rowspan=2),
                head(lab["col_dates"], rowspan=2),
                head(lab["col_completion_pct"], rowspan=2),
            ],
            [head(lab["col_baseline"]), head(lab["col_target"])],
            index_row(0, 8),
        ],
        body,
        keep_together=_short(body),
    )


def performance_report(payload: Mapping[str, Any]) -> Document:
    language = payload.get("language") or "mn"
    lab = labels_for(language)
    employee = payload.get("employee") or {}
    period = payload.get("period") or {}
    title = [t.upper() for t in (_person_line(employee), text(period.get("label"))) if t]
    title.append(lab["report_title"])
    subtitle = [t for t in (text(payload.get("place")), format_long_date(payload.get("date"), language)) if t]
    return Document(
        kind="performance_report",
        language=language,
        landscape=True,
        title=title,
        subtitle=subtitle,
        fields=[
            (lab["organization_name"], text(_get(payload.get("organization"), "name"))),
            (lab["unit_name"], text(_get(payload.get("unit"), "name"))),
        ],
        basis=[],
        blocks=[
            Block(
                lab["report_part1"],
                _report_part1(list(_get(payload.get("part1"), "rows") or []), lab),
            ),
            Block(
                lab["report_part2"],
                _report_part2(list(_get(payload.get("part2"), "rows") or []), lab),
            ),
            *_interview(payload.get("interview"), lab),
        ],
        signatures=_signatures(payload),
        footer=_footer(employee.get("name"), period.get("label"), lab["report_title"]),
        labels=_template_labels(lab),
    )


def _interview(interview: Mapping[str, Any] | None, lab: Mapping[str, str]) -> list[Block]:
    """The progress interview under the report, when the unit head recorded one."""
    if not interview:
        return []
    held = " ".join(t for t in (format_date(interview.get("held_on")), text(interview.get("by"))) if t)
    lines = [
        f"{lab['interview_held']}: {held}",
        f"{lab['interview_discussed']}: {text(interview.get('discussed'))}",
    ]
    if text(interview.get("agreed")):
        lines.append(f"{lab['interview_agreed']}: {text(interview.get('agreed'))}")
    return [Block(lab["interview_heading"], None, lines)]


# -- additional assignments sheet ---------------------------------------------------------


def assignments(payload: Mapping[str, Any]) -> Document:
    language = payload.get("language") or "mn"
    lab = labels_for(language)
    employee = payload.get("employee") or {}
    period = payload.get("period") or {}
    body = []
    for r in payload.get("rows") or []:
        completion = r.get("completion")
        note = lab["completion_note"].format(value=completion) if completion is not None else ""
        body.append(
            [
                Cell(text(r.get("number")), align="center"),
                Cell(text(r.get("text"))),
                Cell(text(r.get("assigned_by"))),
                Cell(text(r.get("indicator"))),
                Cell(text(r.get("baseline")), align="center"),
                Cell(text(r.get("target")), align="center"),
                Cell(text(r.get("achieved")), note=note),
                Cell(date_range(r.get("start"), r.get("end")), align="center", small=True),
            ]
        )
    table = Table(
        "assignments",
        [0.5, 3.0, 1.9, 1.5, 0.95, 0.95, 5.6, 1.35],
        [
            [
                head(lab["col_no"]),
                head(lab["col_assignment"]),
                head(lab["col_assigned_by"]),
                head(lab["col_indicator_short"]),
                head(lab["col_baseline"]),
                head(lab["col_target"]),
                head(lab["col_achieved"]),
                head(lab["col_deadline"]),
            ],
            index_row(0, 8),
        ],
        body,
        keep_together=_short(body),
    )
    return Document(
        kind="assignments",
        language=language,
        landscape=True,
        title=[lab["assignments_title"]],
        subtitle=[],
        fields=[
            (lab["organization_name"], text(_get(payload.get("organization"), "name"))),
            (lab["unit_name"], text(_get(payload.get("unit"), "name"))),
            (lab["employee"], _person_line(employee)),
            (lab["period"], text(period.get("label"))),
        ],
        basis=[],
        blocks=[Block(lab["assignments_subtitle"], table)],
        signatures=_signatures(payload),
        footer=_footer(employee.get("name"), period.get("label"), lab["assignments_title"]),
        labels=_template_labels(lab),
    )


_BUILDERS = {
    "evaluation_sheet": evaluation_sheet,
    "plan": plan,
    "performance_report": performance_report,
    "assignments": assignments,
}


def build(kind: str, payload: Mapping[str, Any]) -> Document:
    """The document for ``kind`` (one of :data:`KINDS`)."""
    try:
        builder = _BUILDERS[kind]
    except KeyError:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {KINDS}") from None
    return builder(payload)
