"""The inflation signal: a unit's mean total beside the implementation of its own plan actions,
in a fixed number of queries whatever the number of units."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from urdun.organizations.models import Organization, Unit, User
from urdun.results.inflation import signals

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO(), stderr=StringIO())


def test_the_seed_unit_shows_its_peoples_mean_total(demo):
    org = Organization.objects.get(code="bayankhongor")
    rows = [r for r in signals(org) if r.cycle == "2025-H1" and r.evaluated]
    assert rows, "the seed's unit has a confirmed sheet in 2025-H1"
    seed = rows[0]
    assert seed.mean_total == Decimal("97.6") and seed.top_share == Decimal(100)


def test_implementation_of_the_units_actions_stands_beside(world):
    from urdun.performance.tests.factories import build_sheet
    from urdun.plans.models import ReportingPeriod
    from urdun.plans.tests.factories import action, grade, make_plan, objective, section

    sheet = build_sheet(world, "alice")
    cycle = sheet.cycle
    sheet.status, sheet.final_total, sheet.final_rating = "confirmed", Decimal("98.0"), "A"
    sheet.save()
    plan = make_plan(world.org, year=cycle.year)
    obj = objective(section(plan, "1"), "1.1")
    kind = "H1" if cycle.period == "H1" else "Y"
    period = ReportingPeriod.objects.get(organization=world.org, year=cycle.year, kind=kind)
    grade(action(obj, "1.1.1", units=(world.unit_a,)), period, 30)
    grade(action(obj, "1.1.2", units=(world.unit_a,)), period, 70)
    grade(action(obj, "1.1.3", units=(world.unit_a,)), period, status="not_due")
    row = next(r for r in signals(world.org) if r.unit_id == world.unit_a.pk)
    assert row.mean_total == Decimal("98.0")
    assert row.implementation == Decimal(50) and row.assessed_actions == 2
    assert row.gap == Decimal(48)


def test_the_query_count_does_not_grow_with_units(world, django_assert_num_queries):
    from urdun.performance.tests.factories import build_sheet

    build_sheet(world, "alice")
    with django_assert_num_queries(4):  # cycles, units, sheets by cycle and unit, assessments by unit
        signals(world.org)
    for i in range(8):
        Unit.objects.create(organization=world.org, name=f"Хэлтэс {i}", abbreviation=f"Х{i}")
    with django_assert_num_queries(4):
        signals(world.org)


def test_the_signal_page_is_sortable_and_refuses_a_bad_sort(demo, client):
    client.force_login(User.objects.get(username="erdenebat"))
    assert client.get("/results/bayankhongor/signal/?sort=mean").status_code == 200
    bad = client.get("/results/bayankhongor/signal/?sort=1%20OR%201=1")
    assert bad.status_code == 400
    client.force_login(User.objects.get(username="batsetseg"))  # a rated person never sees it
    assert client.get("/results/bayankhongor/signal/").status_code in (403, 404)


def test_rater_analytics_of_the_seed_unit_head(demo, client):
    from urdun.performance.models import EvaluationCycle
    from urdun.results.raters import analytics

    cycle = EvaluationCycle.objects.get(organization__code="bayankhongor", year=2025, period="H1")
    data = analytics(cycle)
    [head] = [r.as_dict() for r in data["raters"]]
    assert head["rater"] == "В.Наранчимэг"
    assert (head["rows"], head["mean_row_total"], head["mean_head_points"]) == (36, "68.8", "6.8")
    assert head["distance_to_organization"] == "0.0"  # the only rater is the organization's mean


def test_rater_analytics_count_what_the_team_changed(world, django_assert_num_queries):
    from urdun.performance.models import SheetEvent, SheetRow
    from urdun.performance.tests.factories import build_sheet
    from urdun.results.raters import analytics

    sheet = build_sheet(world, "alice")
    hana = world.people["hana"]
    from django.utils import timezone

    SheetEvent.objects.create(
        sheet=sheet,
        step="assessed",
        decision="signed",
        actor=hana,
        name=hana.short_name,
        at=timezone.now(),
        signed_on=timezone.localdate(),
    )
    rows = list(SheetRow.objects.filter(sheet=sheet, kind="action"))
    for i, row in enumerate(rows):
        row.performance, row.timeliness = Decimal(60), Decimal(10) if i else Decimal(5)
        row.rescore = Decimal(50) if i == 0 else None
        row.save()
    with django_assert_num_queries(4):  # rows by rater, head points by rater, names, team re-scorers
        data = analytics(sheet.cycle)
    [r] = data["raters"]
    d = r.as_dict()
    assert d["rows"] == len(rows) and d["rescored_rows"] == 1
    assert d["mean_rescore_change"] == "15.0"  # |50 - 65|
    assert Decimal(d["share_at_maximum"]) == round(Decimal(100) * (len(rows) - 1) / len(rows), 1)


def test_the_people_rated_never_see_rater_analytics(demo, client):
    for username, status in (("naranchimeg", (403, 404)), ("batsetseg", (403, 404)), ("erdenebat", (200,))):
        client.force_login(User.objects.get(username=username))
        assert client.get("/results/bayankhongor/raters/").status_code in status
    assert client.get("/results/bayankhongor/raters/?cycle=abc").status_code == 400
