"""Report consistency and plan-quality findings of a person's sheet, and the quality_report command."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from urdun.imports.seeds import PLAN_SEED, seed_path
from urdun.performance.quality import check_entry

SEEDS = seed_path(PLAN_SEED).parent


def entry(**kw):
    """A report entry of an indicator, with only what the checks read."""
    action = SimpleNamespace(number="15.1", planned_start=None, planned_end=None)
    indicator = SimpleNamespace(action=action, target_half="100", target_annual="100")
    values = {
        "pk": 1,
        "indicator_id": 1,
        "indicator": indicator,
        "assignment_id": None,
        "assignment": None,
        "knowledge_goal": None,
        "achieved_text": "Батлуулсан",
        "achieved_value": "100",
        "actual_start": dt.date(2025, 1, 20),
        "actual_end": dt.date(2025, 3, 31),
        "completion": Decimal(100),
        "status": "",
    }
    values.update(kw)
    return SimpleNamespace(**values)


def found(e) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in check_entry(e, 2025, "H1")]


def test_a_consistent_row_has_no_finding():
    assert found(entry()) == []


def test_an_achieved_zero_reported_done():
    assert found(entry(achieved_value="0")) == [
        ("achieved_zero_but_done", "achieved_value"),
        ("completion_disagrees", "completion"),
    ]


def test_a_completion_on_a_row_not_yet_due():
    assert found(entry(status="not_due")) == [("completion_on_not_due", "completion")]


def test_a_full_completion_with_nothing_achieved():
    assert found(entry(achieved_text="", achieved_value="-")) == [
        ("done_without_achievement", "achieved_text")
    ]


def test_a_completion_far_from_achieved_over_target():
    assert found(entry(achieved_value="40", completion=Decimal(100))) == [
        ("completion_disagrees", "completion")
    ]
    assert found(entry(achieved_value="90", completion=Decimal(100))) == []


def test_an_end_before_the_start_and_a_year_far_away():
    assert found(entry(actual_start=dt.date(2025, 1, 20), actual_end=dt.date(2024, 3, 31))) == [
        ("end_before_start", "actual_end")
    ]
    assert found(entry(actual_start=dt.date(8025, 6, 5), actual_end=None)) == [
        ("date_implausible", "actual_start")
    ]


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO(), stderr=StringIO())


def run(*args) -> dict:
    out = StringIO()
    call_command("quality_report", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_quality_report_on_the_seed_plan_counts_its_targets_and_baselines(demo):
    from urdun.plans.models import Plan

    plan = Plan.objects.get(organization__code="bayan-ulgii")
    report = run("--plan", str(plan.pk))
    by_code = report["summary"]["by_code"]
    assert by_code["target_unmeasurable"] == 10
    assert by_code["baseline_missing"] == 17
    assert by_code["target_missing"] == 1
    first = report["findings"][0]
    assert set(first) >= {"code", "object", "field", "message"}
    assert {f["object"] for f in report["findings"] if f["code"] == "target_missing"} == {"2.2.2"}


def test_quality_report_on_the_seed_sheet_lists_its_report_findings(demo):
    from urdun.performance.models import EvaluationSheet

    sheet = EvaluationSheet.objects.get(employee__user__username="batsetseg", cycle__year=2025)
    report = run("--sheet", str(sheet.pk))
    assert report["summary"]["findings"] == len(report["findings"]) > 0
    assert all(f["message"] for f in report["findings"])


def test_quality_report_by_organization_and_period(demo):
    report = run("--organization", "bayan-ulgii", "--period", "2025-H1")
    assert [s["kind"] for s in report["sections"]][:1] == ["plan"]


@pytest.mark.parametrize(
    "args",
    [
        ("--plan", "999999"),
        ("--sheet", "999999"),
        ("--organization", "nowhere"),
        ("--organization", "bayan-ulgii", "--period", "H1-2025"),
    ],
)
def test_unknown_objects_are_a_clear_error(demo, args):
    with pytest.raises(CommandError) as e:
        run(*args)
    assert "Traceback" not in str(e.value) and str(e.value)
