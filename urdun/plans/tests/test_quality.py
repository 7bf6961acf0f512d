"""Plan quality at entry and import: each check on a small plan built here, and the seed's counts."""

from __future__ import annotations

import pytest
from django.utils import translation

from urdun.core.quality import is_unmeasurable
from urdun.plans.models import Action, Responsible
from urdun.plans.quality import check_plan

from .factories import action, make_plan, objective, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    p = make_plan(world.org)
    obj = objective(section(p, "1"), "1.1")
    return p, obj


def codes(p) -> list[tuple[str, str, str]]:
    return [(f.code, f.object, f.field) for f in check_plan(p)["findings"]]


def good(obj, code, world, **kw):
    a = action(obj, code, units=(world.unit_a,))
    for k, v in {"baseline": "3 сум", "target": "Шинээр 7 сумыг холбох", **kw}.items():
        setattr(a, k, v)
    a.save()
    return a


def test_a_complete_action_has_no_finding(plan, world):
    p, obj = plan
    good(obj, "1.1.1", world)
    assert codes(p) == []
    assert check_plan(p)["summary"]["score"] == "100.0"


@pytest.mark.parametrize(
    "target",
    ["Хэрэгжилтийг хангаж ажиллах", "хэрэгжилтийг  ХАНГАЖ ажиллах.", "Тогтмол зохион байгуулж ажиллах"],
)
def test_a_target_of_generic_verbs_only_cannot_be_measured(plan, world, target):
    p, obj = plan
    good(obj, "1.1.1", world, target=target)
    assert codes(p) == [("target_unmeasurable", "1.1.1", "target")]


@pytest.mark.parametrize(
    "target",
    [
        "Мэдээллийн сан бүрдсэн байна",  # a deliverable
        "Холбогдох бусад стандартыг батлуулан хэрэгжүүлж ажиллах",  # names the standards
        "10",
        "Хэрэгжилтийг 100 хувь хангаж ажиллах",  # a number
    ],
)
def test_a_target_naming_a_result_or_a_number_is_measurable(target):
    assert not is_unmeasurable(target)


@pytest.mark.parametrize("written", ["", "-", " — "])
def test_missing_target_and_baseline_are_found(plan, world, written):
    p, obj = plan
    good(obj, "1.1.1", world, target=written, baseline=written)
    assert codes(p) == [("target_missing", "1.1.1", "target"), ("baseline_missing", "1.1.1", "baseline")]


def test_no_quarter_no_responsible_and_unresolved_responsible(plan, world):
    p, obj = plan
    a = good(obj, "1.1.1", world)
    a.set_quarters([])
    a.save()
    b = good(obj, "1.1.2", world)
    b.responsibles.all().delete()
    c = good(obj, "1.1.3", world)
    Responsible.objects.create(action=c, position=5, text="ХҮЗХ")  # resolves to nothing
    assert codes(p) == [
        ("quarter_missing", "1.1.1", "quarters"),
        ("responsible_missing", "1.1.2", "responsibles"),
        ("responsible_unresolved", "1.1.3", "responsibles"),
    ]
    unresolved = [f for f in check_plan(p)["findings"] if f.code == "responsible_unresolved"][0]
    assert "ХҮЗХ" in unresolved.message and unresolved.written == "ХҮЗХ"


def test_the_same_action_text_twice_is_found_on_both(plan, world):
    p, obj = plan
    good(obj, "1.1.1", world, text="Сургалт зохион байгуулах")
    good(obj, "1.1.2", world, text="сургалт  зохион байгуулах.")
    good(obj, "1.1.3", world, text="Өөр ажил")
    assert codes(p) == [("duplicate_text", "1.1.1", "text"), ("duplicate_text", "1.1.2", "text")]


def test_the_score_is_the_share_of_checks_passed(plan, world):
    p, obj = plan
    good(obj, "1.1.1", world)
    good(obj, "1.1.2", world, baseline="-")
    # 2 actions × 6 checks, 1 failed → 11/12 = 91.666… → 91.7
    assert check_plan(p)["summary"]["score"] == "91.7"


def test_messages_are_in_the_users_language(plan, world):
    p, obj = plan
    good(obj, "1.1.1", world, baseline="")
    with translation.override("mn"):
        mn = check_plan(p)["findings"][0].message
    with translation.override("en"):
        en = check_plan(p)["findings"][0].message
    assert en == "The action has no baseline."
    assert mn != en and any("а" <= ch <= "я" for ch in mn.lower())


def test_the_whole_plan_is_checked_in_a_fixed_number_of_queries(plan, world, django_assert_num_queries):
    p, obj = plan
    for i in range(1, 4):
        good(obj, f"1.1.{i}", world)
    fresh = type(p).objects.get(pk=p.pk)
    with django_assert_num_queries(3):  # organization, actions with their objectives, responsibles
        check_plan(fresh)
    for i in range(4, 12):
        good(obj, f"1.1.{i}", world)
    fresh = type(p).objects.get(pk=p.pk)
    with django_assert_num_queries(3):
        check_plan(fresh)
    assert Action.objects.filter(plan=p).count() == 11
