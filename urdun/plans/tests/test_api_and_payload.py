"""API endpoints and the export payload (docs/contracts.md)."""

from __future__ import annotations

import pytest

from conftest import user_of
from urdun.plans import services
from urdun.plans.models import Assessment
from urdun.plans.payload import PlanNotFound, find_plan, plan_payload
from urdun.plans.tests.factories import action, grade, make_plan, objective, period, section


@pytest.fixture
def setup(world):
    plan = make_plan(world.org, title="API plan")
    o = objective(section(plan, "1"), "1.1")
    a1 = action(o, "1.1.1", units=(world.unit_a,), people=(world.people["alice"],), row=1)
    a2 = action(o, "1.1.3", units=(world.unit_b,), row=2)
    q2 = period(world.org, "Q2")
    grade(a1, q2, 70)
    grade(a2, q2, status="not_due")
    return plan, a1, a2, q2


def test_payload_has_the_contract_shape(world, setup):
    plan, _a1, _a2, q2 = setup
    p = plan_payload(plan, q2)
    assert p["kind"] == "organizational_plan"
    assert p["organization"] == {"code": "org", "name": world.org.name}
    assert p["plan"]["period"]["code"] == "2019-Q2"
    assert (p["percent"], p["assessed_count"]) == ("70.0", 1)
    s = p["sections"][0]
    assert (s["code"], s["percent"], s["assessed_count"]) == ("1", "70.0", 1)
    o = s["objectives"][0]
    assert o["code"] == "1.1"
    first, second = o["actions"]
    assert first["code"] == "1.1.1" and first["row"] == 1 and first["quarters"] == ["II"]
    assert first["assessment"] == {"status": "assessed", "percent": "70", "comment": ""}
    assert second["assessment"]["status"] == "not_due" and second["assessment"]["percent"] is None
    assert first["responsibles"] == [
        {"text": "НБХ", "kind": "unit", "resolved": True},
        {"text": "A.Alice", "kind": "person", "resolved": True},
    ]
    assert {u["abbreviation"]: u["percent"] for u in p["units"]} == {"НБХ": "70.0", "ТЗУХ": None}


def test_payload_defaults_to_the_latest_assessed_period(world, setup):
    plan, *_ = setup
    assert plan_payload(plan)["plan"]["period"]["code"] == "2019-Q2"


def test_find_plan_gives_the_latest_or_a_clear_error(world, setup):
    plan, *_ = setup
    assert find_plan("org") == plan
    assert find_plan("org", plan.pk) == plan
    with pytest.raises(PlanNotFound, match="nowhere"):
        find_plan("nowhere")
    with pytest.raises(PlanNotFound):
        find_plan("other")


def _ids(response) -> list[int]:
    data = response.json()
    return [row["id"] for row in (data["results"] if isinstance(data, dict) else data)]


def test_api_lists_plans_in_scope_only(world, login, setup):
    plan, *_ = setup
    assert _ids(login("alice").get("/api/v1/plans/")) == [plan.pk]
    assert _ids(login("zed").get("/api/v1/plans/")) == []


def test_api_assessment_by_the_me_officer_and_refusal_for_others(world, login, setup):
    _plan, a1, _a2, q2 = setup
    body = {"action": a1.pk, "period": "2019-Q2", "status": "assessed", "percent": "100"}
    assert login("alice").post("/api/v1/plan-assessments/", body).status_code == 403
    response = login("olga").post("/api/v1/plan-assessments/", body)
    assert response.status_code == 201, response.content
    assert Assessment.objects.get(action=a1, period=q2).percent == 100
    bad = login("olga").post("/api/v1/plan-assessments/", {**body, "percent": "55"})
    assert bad.status_code == 400


def test_api_progress_report_by_the_responsible(world, login, setup):
    _plan, a1, _a2, _q2 = setup
    response = login("alice").post(
        "/api/v1/progress-reports/", {"action": a1.pk, "period": "2019-Q2", "done": "API"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["done"] == "API"
    assert (
        login("bob")
        .post("/api/v1/progress-reports/", {"action": a1.pk, "period": "2019-Q2", "done": "x"})
        .status_code
        == 403
    )


def test_api_payload_endpoint(world, login, setup):
    plan, *_ = setup
    data = login("alice").get(f"/api/v1/plans/{plan.pk}/payload/?period=2019-Q2").json()
    assert data["percent"] == "70.0"


def test_inline_edit_saves_and_returns_the_row(world, login, setup):
    plan, a1, _a2, _q2 = setup
    client = login("olga")
    form = client.get(f"/plans/actions/{a1.pk}/edit/", HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and b"<form" in form.content
    response = client.post(
        f"/plans/actions/{a1.pk}/edit/",
        {
            "row": "1",
            "code": "1.1.2",
            "text": "Шинэ текст",
            "quarters": ["1", "3"],
            "baseline": "-",
            "target": "5",
            "responsibles": "ТЗУХ, A.Alice, Шинэ газар",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Шинэ текст" in response.content.decode()
    a1.refresh_from_db()
    assert (a1.code, a1.quarter_list, a1.due_quarter) == ("1.1.2", ["I", "III"], 3)
    texts = [(r.text, r.kind) for r in a1.responsibles.all()]
    assert texts == [("ТЗУХ", "unit"), ("A.Alice", "person"), ("Шинэ газар", "unknown")]


def test_move_and_renumber(world, login, setup):
    plan, a1, a2, _q2 = setup
    client = login("olga")
    assert client.post(f"/plans/actions/{a2.pk}/move/up/", HTTP_HX_REQUEST="true").status_code == 200
    codes = list(plan.actions.order_by("position").values_list("code", flat=True))
    assert codes == ["1.1.3", "1.1.1"]
    client.post(f"/plans/{plan.pk}/renumber/", HTTP_HX_REQUEST="true")
    assert list(plan.actions.order_by("row").values_list("code", "row")) == [("1.1.3", 1), ("1.1.1", 2)]


def test_history_is_kept_for_assessments(world, setup):
    _plan, a1, _a2, q2 = setup
    olga = user_of(world, "olga")
    services.assess(a1, q2, olga, status="assessed", percent="100")
    services.assess(a1, q2, olga, status="cannot_evaluate", comment="Мэдээлэлгүй")
    assert Assessment.history.filter(action_id=a1.pk).count() == 3
