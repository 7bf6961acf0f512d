"""Who sees which sheet: a permission matrix over the pages."""

import pytest
from django.urls import reverse

from urdun.performance import services
from urdun.performance.tests.factories import build_sheet


@pytest.fixture
def sheet(world):
    return build_sheet(world, "alice")


# (page, user, expected status) for alice's sheet
MATRIX = [
    ("sheet", "alice", 200),
    ("sheet", "carol", 404),  # another employee never sees alice's sheet
    ("sheet", "hana", 200),  # her unit head
    ("sheet", "henry", 404),  # head of another unit
    ("sheet", "leader", 200),
    ("sheet", "member", 200),
    ("sheet", "oscar", 200),
    ("sheet", "zed", 404),  # another organization's head and team
    ("sheet", "root", 200),
    ("report", "alice", 200),
    ("report", "bob", 404),
    ("history", "carol", 404),
    ("history", "hana", 200),
    ("score", "alice", 403),
    ("score", "carol", 404),
]


@pytest.mark.parametrize(("page", "who", "status"), MATRIX)
def test_sheet_pages_permission_matrix(login, sheet, page, who, status):
    response = login(who).get(reverse(f"performance:{page}", args=[sheet.pk]))
    assert response.status_code == status


def test_unit_head_sees_only_their_unit(login, world, sheet):
    build_sheet(world, "bob")
    page = login("hana").get(reverse("performance:unit")).content.decode()
    assert "A.Alice" in page and "C.Carol" in page
    assert "B.Bob" not in page


def test_unit_page_needs_unit_head(login, sheet):
    assert login("alice").get(reverse("performance:unit")).status_code == 403


def test_team_queue_shows_only_its_organization(login, world, sheet):
    from urdun.organizations.models import Role, RoleAssignment
    from urdun.performance.models import EvaluationSheet, SheetStatus

    EvaluationSheet.objects.filter(pk=sheet.pk).update(status=SheetStatus.ACKNOWLEDGED)
    other = build_sheet(world, "zed")
    EvaluationSheet.objects.filter(pk=other.pk).update(status=SheetStatus.ACKNOWLEDGED)
    page = login("leader").get(reverse("performance:queue")).content.decode()
    assert "A.Alice" in page and "Z.Zed" not in page
    RoleAssignment.objects.create(
        employee=world.people["zed"], role=Role.EVAL_LEADER, organization=world.other_org
    )
    page = login("zed").get(reverse("performance:queue")).content.decode()
    assert "Z.Zed" in page and "A.Alice" not in page


def test_employee_sees_head_points_only_once_signed(login, world, sheet):
    u = lambda n: world.people[n].user  # noqa: E731
    services.transition(u("alice"), sheet, "submit")
    services.transition(u("hana"), sheet, "verify")
    rows = {
        r.pk: {"performance": "57", "timeliness": "8", "mark": ""}
        for r in sheet.rows.exclude(kind="objective")
    }
    head = {h.pk: "6" for h in sheet.head_scores.filter(is_competency=False)}
    services.save_head_scores(u("hana"), sheet, sheet.version + 0, rows, head, {})
    url = reverse("performance:sheet", args=[sheet.pk])
    mine = login("alice").get(url).content.decode()
    assert ">57<" not in mine and 'id="total">0.0<' in mine
    assert ">57<" in login("hana").get(url).content.decode()
    services.transition(u("hana"), sheet, "assess")
    assert ">57<" in login("alice").get(url).content.decode()


def test_team_rescore_is_hidden_from_employee_until_review(login, world, sheet):
    u = lambda n: world.people[n].user  # noqa: E731
    for name, who in [("submit", "alice"), ("verify", "hana")]:
        services.transition(u(who), sheet, name)
    sheet.refresh_from_db()
    services.save_head_scores(
        u("hana"),
        sheet,
        sheet.version,
        {},
        {h.pk: "7" for h in sheet.head_scores.filter(is_competency=False)},
        {},
    )
    services.transition(u("hana"), sheet, "assess")
    services.transition(u("alice"), sheet, "acknowledge")
    sheet.refresh_from_db()
    row = sheet.rows.exclude(kind="objective").first()
    services.save_rescores(u("leader"), sheet, sheet.version, {row.pk: "33"}, {}, {})
    url = reverse("performance:sheet", args=[sheet.pk])
    assert ">33<" not in login("alice").get(url).content.decode()
    assert ">33<" in login("leader").get(url).content.decode()
    services.transition(u("leader"), sheet, "review")
    assert ">33<" in login("alice").get(url).content.decode()


def test_employee_starts_a_report_for_a_period(login, world):
    from urdun.performance.models import EvaluationSheet
    from urdun.performance.tests.factories import build_plan

    build_plan(world.people["alice"], year=2026)
    response = login("alice").post(reverse("performance:start"), {"year": "2026", "period": "H1"})
    sheet = EvaluationSheet.objects.get(employee=world.people["alice"])
    assert response.status_code == 302 and response.url == reverse("performance:report", args=[sheet.pk])
    assert sheet.cycle.report_due.isoformat() == "2026-06-05"
    assert sheet.report_entries.count() == 5  # 3 indicators, 1 assignment, 1 knowledge goal
    assert login("alice").get(reverse("performance:mine")).status_code == 200
