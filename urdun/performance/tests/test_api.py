"""The API: same scoping, same services, every computed figure."""

from urdun.performance import services
from urdun.performance.tests.factories import build_sheet, seed_sheet


def test_sheet_detail_has_every_computed_figure(login, world):
    sheet = seed_sheet(world)
    data = login("hana").get(f"/api/v1/performance/sheets/{sheet.pk}/").json()
    assert (data["part1"], data["part2"], data["part3"], data["part4"], data["total"]) == (
        "68.8",
        "14.0",
        "6.8",
        "8.0",
        "97.6",
    )
    assert data["performance"]["scored_count"] == 36
    assert data["colleagues"]["count"] == 3


def test_sheet_list_is_scoped(login, world):
    build_sheet(world, "alice")
    build_sheet(world, "bob")
    names = [s["employee"] for s in login("alice").get("/api/v1/performance/sheets/").json()["results"]]
    assert names == ["A.Alice"]
    names = sorted(s["employee"] for s in login("hana").get("/api/v1/performance/sheets/").json()["results"])
    assert names == ["A.Alice"]
    names = sorted(
        s["employee"] for s in login("leader").get("/api/v1/performance/sheets/").json()["results"]
    )
    assert names == ["A.Alice", "B.Bob"]


def test_other_employees_sheet_is_404(login, world):
    sheet = build_sheet(world, "alice")
    assert login("carol").get(f"/api/v1/performance/sheets/{sheet.pk}/").status_code == 404


def test_transition_through_api_uses_the_services(login, world):
    sheet = build_sheet(world, "alice")
    r = login("hana").post(
        f"/api/v1/performance/sheets/{sheet.pk}/transition/",
        {"step": "verify"},
        content_type="application/json",
    )
    assert r.status_code == 400 and "cannot be done now" in r.json()["detail"]
    r = login("alice").post(
        f"/api/v1/performance/sheets/{sheet.pk}/transition/",
        {"step": "submit"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "submitted"


def test_report_entry_patch_with_stale_version_is_409(login, world):
    sheet = build_sheet(world, "alice")
    entry = sheet.report_entries.first()
    client = login("alice")
    url = f"/api/v1/performance/report-entries/{entry.pk}/"
    ok = client.patch(
        url, {"version": 1, "achieved_text": "done", "completion": "90"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["completion"] == "90.00" and ok.json()["version"] == 2
    stale = client.patch(url, {"version": 1, "achieved_text": "other"}, content_type="application/json")
    assert stale.status_code == 409
    bad = client.patch(url, {"version": 2, "completion": "150"}, content_type="application/json")
    assert bad.status_code == 400 and "completion" in bad.json()
    assert (
        login("hana")
        .patch(url, {"version": 2, "achieved_text": "x"}, content_type="application/json")
        .status_code
        == 403
    )


def test_plans_are_listed_for_their_owner(login, world):
    build_sheet(world, "alice")
    data = login("alice").get("/api/v1/performance/plans/").json()["results"]
    assert data[0]["year"] == 2025
    assert data[0]["objectives"][0]["actions"][0]["indicators"][0]["name"] == "Агентлагийн тоо"
    assert login("carol").get("/api/v1/performance/plans/").json()["results"] == []


def test_head_points_hidden_from_employee_in_api(login, world):
    sheet = build_sheet(world, "alice")
    u = lambda n: world.people[n].user  # noqa: E731
    services.transition(u("alice"), sheet, "submit")
    services.transition(u("hana"), sheet, "verify")
    sheet.refresh_from_db()
    services.save_head_scores(
        u("hana"),
        sheet,
        sheet.version,
        {},
        {h.pk: "6" for h in sheet.head_scores.filter(is_competency=False)},
        {},
    )
    data = login("alice").get(f"/api/v1/performance/sheets/{sheet.pk}/").json()
    assert data["part3"] == "0.0" and all(r["points"] is None for r in data["head"]["rows"])
    data = login("hana").get(f"/api/v1/performance/sheets/{sheet.pk}/").json()
    assert data["part3"] == "6.0"
