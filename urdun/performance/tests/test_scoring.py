"""The sheet's arithmetic, against seed 002 and METHODOLOGY.md part A."""

from decimal import Decimal

import pytest

from urdun.performance import scoring
from urdun.performance.payload import sheet_payload
from urdun.performance.tests.factories import (
    SEED_ASSIGNMENTS,
    SEED_COLLEAGUES,
    SEED_HEAD,
    SEED_KNOWLEDGE,
    SEED_PART1,
    d,
    seed_sheet,
)

D = Decimal


def seed_input() -> scoring.SheetInput:
    rows = [scoring.Part1Row(d(p), d(t), None, m) for actions in SEED_PART1 for p, t, m in actions]
    rows += [scoring.Part1Row(d(p), d(t), None, m) for p, t, m in SEED_ASSIGNMENTS]
    return scoring.SheetInput(
        part1_rows=rows,
        knowledge_rows=[scoring.KnowledgeRow(d(c)) for c in SEED_KNOWLEDGE],
        head_rows=[scoring.HeadRow(d(p)) for p in SEED_HEAD],
        colleague_scores=[[d(c[i]) for c in SEED_COLLEAGUES] for i in range(3)],
        bands=[
            scoring.Band("A", "Бүрэн хангалттай", D(90)),
            scoring.Band("B", "Хангалттай", D(70)),
            scoring.Band("C", "Хангалтгүй", D(0)),
        ],
    )


def test_it_gives_seed_002_figures():
    f = scoring.compute(seed_input())
    assert f.part1.row_count == 42
    assert f.part1.scored_count == 36
    assert f.part1.total == D(2477)
    assert (f.part1_display, f.part2_display, f.part3_display, f.part4_display) == (
        D("68.8"),
        D("14.0"),
        D("6.8"),
        D("8.0"),
    )
    assert f.total == D("97.6")
    assert f.rating.letter == "A"


def test_it_excludes_not_due_rows():
    rows = [scoring.Part1Row(D(60), D(10)), scoring.Part1Row(D(30), D(5), mark=scoring.NOT_DUE)]
    result = scoring.part1(rows)
    assert result.mean == D(70)
    assert result.rows[1].exclusion == scoring.NOT_DUE
    assert result.rows[1].row_total == D(35)  # still printed, not counted


def test_it_excludes_rows_without_total():
    result = scoring.part1([scoring.Part1Row(D(25), None), scoring.Part1Row(D(50), D(10))])
    assert result.rows[0].exclusion == scoring.NO_TOTAL
    assert result.mean == D(60)


def test_team_rescore_overrides_row_total():
    result = scoring.part1([scoring.Part1Row(D(60), D(10), rescore=D(50)), scoring.Part1Row(D(60), D(10))])
    assert result.rows[0].counted == D(50)
    assert result.rows[0].row_total == D(70)
    assert result.mean == D(60)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("68.80555", "68.8"), ("14.05", "14.1"), ("14.049", "14.0"), ("0.25", "0.3"), ("-0.25", "-0.3")],
)
def test_round1_rounds_half_up(value, expected):
    assert scoring.round1(D(value)) == D(expected)


def test_total_is_the_sum_of_rounded_parts():
    # 60.04 + 14.04 → parts 60.0 + 14.0; unrounded sum would round to 74.1.
    inp = scoring.SheetInput(
        part1_rows=[scoring.Part1Row(D("50.04"), D(10))],
        knowledge_rows=[scoring.KnowledgeRow(D("93.6"))],
        head_rows=[],
        colleague_scores=[],
    )
    f = scoring.compute(inp)
    assert f.part1_display == D("60.0")
    assert f.part2_display == D("14.0")
    assert f.total == D("74.0")


def test_unscored_competencies_do_not_count():
    assert scoring.part3([scoring.HeadRow(D(7)), scoring.HeadRow(D(6)), scoring.HeadRow(None)]) == D("6.5")


def test_adjustments_are_added_to_the_total():
    inp = scoring.SheetInput(
        part1_rows=[scoring.Part1Row(D(60), D(10))],
        knowledge_rows=[],
        head_rows=[],
        colleague_scores=[],
        adjustments=[D(-2), D("0.5")],
    )
    assert scoring.compute(inp).total == D("68.5")


def test_rating_bands():
    bands = [scoring.Band("A", "a", D(90)), scoring.Band("B", "b", D(70)), scoring.Band("C", "c", D(0))]
    assert scoring.rating(D("89.9"), bands).letter == "B"
    assert scoring.rating(D("90.0"), bands).letter == "A"
    assert scoring.rating(D("10"), bands).letter == "C"


def test_seed_sheet_payload_matches_the_contract(world):
    sheet = seed_sheet(world)
    p = sheet_payload(sheet)
    assert (p["part1"], p["part2"], p["part3"], p["part4"], p["total"]) == (
        "68.8",
        "14.0",
        "6.8",
        "8.0",
        "97.6",
    )
    assert p["adjustments"] == "0.0"
    assert p["rating"] == {"letter": "A", "label": "Бүрэн хангалттай"}
    perf = p["performance"]
    assert (perf["scored_count"], perf["row_count"], perf["sum"], perf["mean"]) == (36, 42, "2477", "68.8")
    excluded = [r for r in perf["rows"] if r.get("excluded")]
    assert len(excluded) == 6
    assert all(r["exclusion_reason"] for r in excluded)
    first = next(r for r in perf["rows"] if r["type"] == "action")
    assert (first["performance"], first["timeliness"], first["row_total"], first["counted"]) == (
        "60",
        "10",
        "70",
        "70",
    )
    assert [r["type"] for r in perf["rows"]].count("assignment") == 2
    assert [k["points"] for k in p["knowledge"]["rows"]] == ["15.0", "12.0", "15.0"]
    assert p["colleagues"] == {
        "rows": [
            {"number": f"{i}.", "criterion": c, "points": "8.0"}
            for i, c in enumerate(["Хандлага, ёс зүй", "Багаар ажиллах", "Харилцаа"], 1)
        ],
        "count": 3,
        "visible": True,
        "mean": "8.0",
    }
    assert p["signatures"][0] == {
        "step": "prepared",
        "label": p["signatures"][0]["label"],
        "position": None,
        "name": None,
        "date": None,
        "decision": None,
    }
    assert "mismatches" not in p
