"""Builders for sheets in the shape of seed 002, on top of the conftest ``world``."""

from __future__ import annotations

from decimal import Decimal

from urdun.performance import services
from urdun.performance.models import (
    Assignment,
    ColleagueScore,
    EvaluationSheet,
    Indicator,
    KnowledgeGoal,
    PerformancePlan,
    Period,
    PlanAction,
    PlanObjective,
)

# Seed 002's part 1: (performance, timeliness, mark) per action, objectives grouped as on paper
# (25 objectives, 40 actions), then the two additional assignments. 36 rows carry a total.
SEED_PART1 = [
    [("60", "10", ""), ("60", "10", ""), ("60", "10", "")],
    [
        ("60", "10", ""),
        ("60", "10", ""),
        (None, None, "not_scored"),
        ("60", "10", ""),
        (None, None, "not_scored"),
    ],
    [("60", "10", "")],
    [(None, None, "cannot_evaluate")],
    [("60", "10", ""), ("60", "10", "")],
    [("60", "8", "")],
    [("60", "10", ""), ("60", "10", "")],
    [("57", "8", "")],
    [("60", "10", "")],
    [("60", "9", ""), (None, None, "cannot_evaluate")],
    [("55", "9", "")],
    [("60", "10", "")],
    [("60", "10", "")],
    [("60", "10", ""), ("60", "9", "")],
    [("60", "10", "")],
    [("60", "9", ""), ("25", None, "")],
    [("60", "10", "")],
    [("60", "10", ""), ("25", None, "")],
    [("60", "10", "")],
    [("60", "10", "")],
    [("60", "10", "")],
    [("45", "6", ""), ("55", "8", "")],
    [("60", "10", "")],
    [("60", "10", "")],
    [("60", "9", "")],
    [("60", "10", ""), ("60", "10", "")],
]
SEED_ASSIGNMENTS = [("60", "10", ""), ("60", "10", "")]
SEED_KNOWLEDGE = ["100", "80", "100"]
SEED_HEAD = ["7", "7", "6", "7", "7"]
SEED_COLLEAGUES = [["8", "8", "8"]] * 3  # three colleagues, three criteria each


def d(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def build_plan(
    employee, year: int = 2025, actions: int = 2, assignments: int = 1, knowledge: int = 1
) -> PerformancePlan:
    plan = services.get_or_create_plan(employee, year)
    obj = PlanObjective.objects.create(plan=plan, number="1", text="Тест", order=1)
    for i in range(1, actions + 1):
        a = PlanAction.objects.create(objective=obj, number=f"1.{i}", text=f"Тест {i}", order=i)
        Indicator.objects.create(action=a, name="Агентлагийн тоо", baseline="6", target_half="6", order=1)
        if i == 1:
            Indicator.objects.create(action=a, name="Сумын тоо", baseline="8", target_half="4", order=2)
    for i in range(1, assignments + 1):
        Assignment.objects.create(
            plan=plan, number=str(i), text=f"Үүрэг даалгавар {i}", order=i, assigned_by_text="В.Наранчимэг"
        )
    for i in range(1, knowledge + 1):
        KnowledgeGoal.objects.create(plan=plan, number=str(i), text=f"Мэдлэг {i}", order=i)
    return plan


def build_sheet(world, who: str = "alice", **kw) -> EvaluationSheet:
    employee = world.people[who]
    cycle = services.get_or_create_cycle(employee.organization, 2025, Period.H1)
    plan = build_plan(employee, **kw)
    return services.create_sheet(employee, cycle, plan)


def seed_sheet(world, who: str = "alice") -> EvaluationSheet:
    """A sheet holding exactly the scores of seed 002's evaluation sheet."""
    employee = world.people[who]
    cycle = services.get_or_create_cycle(employee.organization, 2025, Period.H1)
    plan = services.get_or_create_plan(employee, 2025)
    sheet = EvaluationSheet.objects.create(employee=employee, cycle=cycle, plan=plan)
    from urdun.performance.models import HeadScore, KnowledgeScore, RowKind, SheetRow

    order = 0
    for o, actions in enumerate(SEED_PART1, start=1):
        order += 1
        SheetRow.objects.create(
            sheet=sheet, order=order, kind=RowKind.OBJECTIVE, code=str(o), text=f"Зорилт {o}"
        )
        for a, (p, t, mark) in enumerate(actions, start=1):
            order += 1
            SheetRow.objects.create(
                sheet=sheet,
                order=order,
                kind=RowKind.ACTION,
                number=str(a),
                code=f"{o}.{a}",
                text=f"Арга хэмжээ {o}.{a}",
                performance=d(p),
                timeliness=d(t),
                mark=mark,
            )
    for a, (p, t, mark) in enumerate(SEED_ASSIGNMENTS, start=1):
        order += 1
        SheetRow.objects.create(
            sheet=sheet,
            order=order,
            kind=RowKind.ASSIGNMENT,
            number=str(a),
            code=f"Н{a}",
            text=f"Үүрэг даалгавар {a}",
            performance=d(p),
            timeliness=d(t),
            mark=mark,
        )
    for i, c in enumerate(SEED_KNOWLEDGE, start=1):
        KnowledgeScore.objects.create(
            sheet=sheet, order=i, number=f"{i}.", text=f"Арга хэмжээ {i}", completion=d(c)
        )
    for i, p in enumerate(SEED_HEAD, start=1):
        HeadScore.objects.create(sheet=sheet, order=i, criterion=f"Шалгуур {i}", points=d(p))
    for colleague in SEED_COLLEAGUES:
        for i, p in enumerate(colleague, start=1):
            ColleagueScore.objects.create(sheet=sheet, criterion=i, points=d(p))
    return sheet
