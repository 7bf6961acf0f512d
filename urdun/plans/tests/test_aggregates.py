"""Implementation percentages at every level, computed by hand (METHODOLOGY.md part B).

Plan "P" (period 2019 Q2):
  section 1 / objective 1.1: 1.1.1 = 100 (НБХ), 1.1.3 = 30 (ТЗУХ), 1.1.4 not yet due (НБХ)
  section 1 / objective 1.2: 1.2.1 = 70 (ТЗУХ), 1.2.2 cannot be evaluated (ТЗУХ),
                             1.2.3 not assessed at all
  section 2 / objective 2.1: 2.1.1 = 0 (НБХ), 2.1.2 = 100 (НБХ), 2.1.3 = 70 (ТЗУХ), 2.1.4 = 30
Objective 1.1 = 130/2 = 65.0; 1.2 = 70/1 = 70.0; 2.1 = 200/4 = 50.0.
Section 1 = (100+30+70)/3 = 66.7 (the mean of its objective means would be 67.5);
section 2 = 50.0.
Plan = 400/7 = 57.1 (the mean of the section means would be 58.3).
НБХ = (100+0+100)/3 = 66.7; ТЗУХ = (30+70+70)/3 = 56.7.
A second plan of the organization has one action at 100: organization = 500/8 = 62.5.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from urdun.plans.aggregates import organization_figure, plan_figures, plan_history
from urdun.plans.tests.factories import action, grade, make_plan, objective, period, section


@pytest.fixture
def plan_p(world):
    a_unit, b_unit = world.unit_a, world.unit_b
    plan = make_plan(world.org, title="P")
    q2 = period(world.org, "Q2")
    s1, s2 = section(plan, "1"), section(plan, "2")
    o11, o12, o21 = objective(s1, "1.1"), objective(s1, "1.2"), objective(s2, "2.1")
    grade(action(o11, "1.1.1", units=(a_unit,)), q2, 100)
    grade(action(o11, "1.1.3", units=(b_unit,)), q2, 30)
    grade(action(o11, "1.1.4", units=(a_unit,)), q2, status="not_due")
    grade(action(o12, "1.2.1", units=(b_unit,)), q2, 70)
    grade(action(o12, "1.2.2", units=(b_unit,)), q2, status="cannot_evaluate")
    action(o12, "1.2.3", units=(a_unit,))
    grade(action(o21, "2.1.1", units=(a_unit,)), q2, 0)
    grade(action(o21, "2.1.2", units=(a_unit,)), q2, 100)
    grade(action(o21, "2.1.3", units=(b_unit,)), q2, 70)
    grade(action(o21, "2.1.4"), q2, 30)
    return plan, {"s1": s1, "s2": s2, "o11": o11, "o12": o12, "o21": o21}


def test_objective_is_the_mean_of_its_assessed_actions(world, plan_p):
    plan, t = plan_p
    f = plan_figures(plan, period(world.org, "Q2"))
    assert (f.objective(t["o11"].pk).display, f.objective(t["o11"].pk).assessed) == ("65.0", 2)
    assert f.objective(t["o11"].pk).excluded == 1
    assert (f.objective(t["o12"].pk).display, f.objective(t["o12"].pk).assessed) == ("70.0", 1)
    assert f.objective(t["o12"].pk).excluded == 1
    assert (f.objective(t["o21"].pk).display, f.objective(t["o21"].pk).assessed) == ("50.0", 4)


def test_section_is_the_mean_of_its_actions_not_of_objective_means(world, plan_p):
    plan, t = plan_p
    f = plan_figures(plan, period(world.org, "Q2"))
    assert (f.section(t["s1"].pk).display, f.section(t["s1"].pk).assessed) == ("66.7", 3)
    assert f.section(t["s1"].pk).percent == Decimal(200) / 3
    assert (f.section(t["s2"].pk).display, f.section(t["s2"].pk).assessed) == ("50.0", 4)


def test_plan_is_the_mean_of_all_assessed_actions(world, plan_p):
    plan, _t = plan_p
    f = plan_figures(plan, period(world.org, "Q2"))
    assert (f.plan.display, f.plan.assessed, f.plan.excluded) == ("57.1", 7, 2)


def test_responsible_unit_is_the_mean_over_its_actions(world, plan_p):
    plan, _t = plan_p
    f = plan_figures(plan, period(world.org, "Q2"))
    units = {u["abbreviation"]: u for u in f.units}
    assert (units["НБХ"]["figure"].display, units["НБХ"]["figure"].assessed) == ("66.7", 3)
    assert units["НБХ"]["figure"].excluded == 1
    assert units["НБХ"]["actions"] == 5
    assert (units["ТЗУХ"]["figure"].display, units["ТЗУХ"]["figure"].assessed) == ("56.7", 3)
    assert units["ТЗУХ"]["figure"].excluded == 1


def test_organization_is_the_mean_over_all_its_plans(world, plan_p):
    other = make_plan(world.org, title="Second")
    q2 = period(world.org, "Q2")
    grade(action(objective(section(other, "1"), "1.1"), "1.1.1"), q2, 100)
    assert organization_figure(world.org, q2).display == "62.5"
    assert organization_figure(world.org, q2).assessed == 8


def test_a_period_without_assessments_has_no_percentage(world, plan_p):
    plan, t = plan_p
    f = plan_figures(plan, period(world.org, "Q3"))
    assert f.plan.display is None and f.plan.assessed == 0
    assert f.section(t["s1"].pk).display is None


def test_history_keeps_each_period(world, plan_p):
    plan, _t = plan_p
    q1 = period(world.org, "Q1")
    grade(plan.actions.get(code="1.1.1"), q1, 30)
    grade(plan.actions.get(code="1.1.3"), q1, status="not_due")
    history = [(p.kind, f.display, f.assessed) for p, f in plan_history(plan)]
    assert history == [("Q1", "30.0", 1), ("Q2", "57.1", 7)]


def test_only_the_filtered_actions_count(world, plan_p):
    from django.db.models import Q

    plan, _t = plan_p
    f = plan_figures(plan, period(world.org, "Q2"), Q(responsibles__unit=world.unit_a))
    assert (f.plan.display, f.plan.assessed) == ("66.7", 3)
