"""The evaluation sheet's arithmetic (METHODOLOGY.md part A). Pure: rows in, figures out.

No ORM and no request: the same functions compute the sheet on screen, in the API, in the
printed documents and in the importers' checks. Every figure is a ``Decimal``; the one rounding
rule is :func:`round1`. Parts are computed from unrounded means, rounded for display, and the
total is the sum of the rounded parts plus the adjustments (as the paper form prints it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

# The numbers live in urdun.core.numbers (one copy for every app); scoring re-exports them.
from urdun.core.numbers import HUNDRED, ONE_PLACE, ZERO, fmt, fmt1, mean, round1  # noqa: F401

# Why a part-1 row stays out of the mean. The codes are stable (API, payload); labels live in
# the payload module, which translates them.
NOT_DUE = "not_due"
CANNOT_EVALUATE = "cannot_evaluate"
NOT_SCORED = "not_scored"  # "00" on paper
NO_TOTAL = "no_total"
MARKS = (NOT_DUE, CANNOT_EVALUATE, NOT_SCORED)


@dataclass(frozen=True)
class Maxima:
    performance: Decimal = Decimal(60)
    timeliness: Decimal = Decimal(10)
    knowledge: Decimal = Decimal(15)
    head: Decimal = Decimal(7)
    colleague: Decimal = Decimal(8)

    @property
    def row(self) -> Decimal:
        return self.performance + self.timeliness


@dataclass(frozen=True)
class Part1Row:
    """A scored line of part 1: an action or an additional assignment."""

    performance: Decimal | None = None
    timeliness: Decimal | None = None
    rescore: Decimal | None = None
    mark: str = ""  # "", NOT_DUE, CANNOT_EVALUATE or NOT_SCORED


@dataclass(frozen=True)
class Part1RowResult:
    row_total: Decimal | None
    counted: Decimal | None
    exclusion: str | None  # None when the row counts

    @property
    def excluded(self) -> bool:
        return self.exclusion is not None


@dataclass(frozen=True)
class Part1Result:
    rows: list[Part1RowResult]
    scored_count: int
    row_count: int
    total: Decimal  # sum of the counted values
    mean: Decimal | None  # unrounded


def row_total(row: Part1Row) -> Decimal | None:
    """Performance + timeliness; a row with either missing has no total."""
    if row.performance is None or row.timeliness is None:
        return None
    return row.performance + row.timeliness


def score_row(row: Part1Row) -> Part1RowResult:
    total = row_total(row)
    if row.mark in MARKS:
        return Part1RowResult(row_total=total, counted=None, exclusion=row.mark)
    if row.rescore is not None:
        # The evaluation team's value replaces the row total in the mean.
        return Part1RowResult(row_total=total, counted=row.rescore, exclusion=None)
    if total is None:
        return Part1RowResult(row_total=None, counted=None, exclusion=NO_TOTAL)
    return Part1RowResult(row_total=total, counted=total, exclusion=None)


def part1(rows: Iterable[Part1Row]) -> Part1Result:
    results = [score_row(r) for r in rows]
    counted = [r.counted for r in results if r.counted is not None]
    return Part1Result(
        rows=results,
        scored_count=len(counted),
        row_count=len(results),
        total=sum(counted, ZERO),
        mean=mean(counted),
    )


def knowledge_points(completion: Decimal, maximum: Decimal = Decimal(15)) -> Decimal:
    """Points for one knowledge-and-skills action: maximum × completion % / 100 (unrounded)."""
    return maximum * completion / HUNDRED


@dataclass(frozen=True)
class KnowledgeRow:
    completion: Decimal | None
    rescore: Decimal | None = None


def knowledge_row_points(row: KnowledgeRow, maximum: Decimal = Decimal(15)) -> Decimal | None:
    if row.rescore is not None:
        return row.rescore
    if row.completion is None:
        return None
    return knowledge_points(row.completion, maximum)


def part2(rows: Iterable[KnowledgeRow], maximum: Decimal = Decimal(15)) -> Decimal | None:
    points = [p for r in rows if (p := knowledge_row_points(r, maximum)) is not None]
    return mean(points)


@dataclass(frozen=True)
class HeadRow:
    points: Decimal | None
    rescore: Decimal | None = None

    @property
    def counted(self) -> Decimal | None:
        return self.rescore if self.rescore is not None else self.points


def part3(rows: Iterable[HeadRow]) -> Decimal | None:
    """Mean of the criteria given; competencies without points do not count."""
    return mean([c for r in rows if (c := r.counted) is not None])


def part4(per_criterion: Sequence[Sequence[Decimal]]) -> Decimal | None:
    """Mean over criteria of the mean over colleagues."""
    means = [m for scores in per_criterion if (m := mean(list(scores))) is not None]
    return mean(means)


@dataclass(frozen=True)
class Band:
    letter: str
    label: str
    threshold: Decimal


def rating(total: Decimal, bands: Iterable[Band]) -> Band | None:
    """The highest band whose lower threshold the total reaches."""
    for band in sorted(bands, key=lambda b: b.threshold, reverse=True):
        if total >= band.threshold:
            return band
    return None


@dataclass(frozen=True)
class SheetInput:
    part1_rows: list[Part1Row]
    knowledge_rows: list[KnowledgeRow]
    head_rows: list[HeadRow]
    colleague_scores: list[list[Decimal]]  # per criterion, one value per colleague
    adjustments: list[Decimal] = field(default_factory=list)
    maxima: Maxima = field(default_factory=Maxima)
    bands: list[Band] = field(default_factory=list)


@dataclass(frozen=True)
class SheetFigures:
    part1: Part1Result
    part1_display: Decimal
    part2_display: Decimal
    part3_display: Decimal
    part4_display: Decimal
    adjustments: Decimal
    total: Decimal
    rating: Band | None
    part2_mean: Decimal | None = None
    part3_mean: Decimal | None = None
    part4_mean: Decimal | None = None


def _shown(value: Decimal | None) -> Decimal:
    return round1(value) if value is not None else round1(ZERO)


def compute(sheet: SheetInput) -> SheetFigures:
    p1 = part1(sheet.part1_rows)
    p2 = part2(sheet.knowledge_rows, sheet.maxima.knowledge)
    p3 = part3(sheet.head_rows)
    p4 = part4(sheet.colleague_scores)
    adjustments = round1(sum(sheet.adjustments, ZERO))
    shown = [_shown(p1.mean), _shown(p2), _shown(p3), _shown(p4)]
    total = round1(sum(shown, ZERO) + adjustments)
    return SheetFigures(
        part1=p1,
        part1_display=shown[0],
        part2_display=shown[1],
        part3_display=shown[2],
        part4_display=shown[3],
        adjustments=adjustments,
        total=total,
        rating=rating(total, sheet.bands),
        part2_mean=p2,
        part3_mean=p3,
        part4_mean=p4,
    )
