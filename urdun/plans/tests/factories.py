"""Small builders for plan tests (no JSON fixtures)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from urdun.plans.models import Action, Assessment, Objective, Plan, Responsible, Section
from urdun.plans.services import standard_periods


def make_plan(org: Any, title: str = "Тест төлөвлөгөө", year: int = 2019, **kw: Any) -> Plan:
    plan = Plan.objects.create(organization=org, title=title, year=year, **kw)
    standard_periods(org, year)
    return plan


def section(plan: Plan, code: str, title: str = "") -> Section:
    return Section.objects.create(plan=plan, code=code, title=title or f"Section {code}", position=int(code))


def objective(sec: Section, code: str) -> Objective:
    return Objective.objects.create(
        section=sec, code=code, text=f"Objective {code}", position=sec.objectives.count() + 1
    )


def action(
    obj: Objective,
    code: str,
    *,
    quarters: tuple[int, ...] = (2,),
    units: tuple = (),
    people: tuple = (),
    row: int | None = None,
) -> Action:
    a = Action(
        plan=obj.section.plan,
        objective=obj,
        code=code,
        text=f"Action {code}",
        position=obj.actions.count() + 1,
        row=row,
    )
    a.set_quarters(list(quarters))
    a.save()
    i = 0
    for u in units:
        Responsible.objects.create(action=a, position=i, text=u.abbreviation, kind="unit", unit=u)
        i += 1
    for e in people:
        Responsible.objects.create(action=a, position=i, text=e.short_name, kind="person", employee=e)
        i += 1
    return a


def grade(a: Action, period: Any, value: int | str | None = None, status: str = "assessed") -> Assessment:
    return Assessment.objects.create(
        action=a,
        period=period,
        status=status,
        percent=Decimal(str(value)) if value is not None else None,
    )


def period(org: Any, kind: str, year: int = 2019):
    from urdun.plans.models import ReportingPeriod

    return ReportingPeriod.objects.get(organization=org, year=year, kind=kind)


def big_plan(org: Any, n: int, unit: Any, person: Any = None, title: str = "Big") -> Plan:
    """A plan with n actions spread over sections and objectives, every one assessed for Q2."""
    plan = make_plan(org, title=title)
    q2 = period(org, "Q2")
    for i in range(n):
        s_code = str(i % 3 + 1)
        sec = plan.sections.filter(code=s_code).first() or section(plan, s_code)
        o_code = f"{s_code}.{i % 2 + 1}"
        obj = sec.objectives.filter(code=o_code).first() or objective(sec, o_code)
        a = action(obj, f"{o_code}.{i + 1}", units=(unit,), people=(person,) if person else (), row=i + 1)
        if i % 4 == 3:
            grade(a, q2, status="not_due")
        else:
            grade(a, q2, (0, 30, 70, 100)[i % 4])
    return plan
