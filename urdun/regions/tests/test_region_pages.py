"""The aimag and country pages: figures per organization below, by hand count, in a fixed number
of queries, for the people whose role reaches the subtree and nobody else."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from urdun.organizations.models import Employee, Organization, Role, RoleAssignment, User

YEAR = 2026
m = apps.get_model


def _person(org, name, role=None, subtree=False):
    user = User.objects.create_user(name, password="pw")
    e = Employee.objects.create(user=user, organization=org, family_name="Б", given_name=name)
    if role:
        RoleAssignment.objects.create(employee=e, role=role, organization=org, subtree=subtree)
    return e


def _sheets(org, totals, status="confirmed"):
    """One employee and one sheet of the half-year cycle per total (None: a draft)."""
    method = m("performance", "MethodologyVersion").current()
    cycle, _ = m("performance", "EvaluationCycle").objects.get_or_create(
        organization=org, year=YEAR, period="H1", methodology=method,
        defaults={"plan_approval_due": "2026-02-01", "report_due": "2026-06-05", "verification_due": "2026-06-10",
                  "review_due": "2026-06-20", "confirmation_due": "2026-06-30"},
    )  # fmt: skip
    for i, total in enumerate(totals):
        e = Employee.objects.create(organization=org, family_name="Д", given_name=f"{org.code}{i}{status}")
        plan = m("performance", "PerformancePlan").objects.create(employee=e, year=YEAR, status="approved")
        m("performance", "EvaluationSheet").objects.create(
            employee=e, cycle=cycle, plan=plan, status=status if total is not None else "draft",
            final_total=total, final_rating=("A" if total and total >= 90 else "B") if total else "",
        )  # fmt: skip


def _assessments(org, percents):
    """A published plan with one action per percent (None: not yet due)."""
    plan = m("plans", "Plan").objects.create(
        organization=org, title="Төлөвлөгөө", year=YEAR, is_published=True
    )
    section = m("plans", "Section").objects.create(plan=plan, code="1", title="1")
    objective = m("plans", "Objective").objects.create(section=section, code="1.1", text="Зорилт")
    period, _ = m("plans", "ReportingPeriod").objects.get_or_create(
        organization=org, year=YEAR, kind="H1",
        defaults={"start": "2026-01-01", "end": "2026-06-30", "deadline": "2026-07-05", "through_quarter": 2},
    )  # fmt: skip
    for i, percent in enumerate(percents):
        action = m("plans", "Action").objects.create(
            plan=plan, objective=objective, code=f"1.1.{i}", text="Арга хэмжээ"
        )
        m("plans", "Assessment").objects.create(
            action=action,
            period=period,
            status="assessed" if percent is not None else "not_due",
            percent=percent,
        )


@pytest.fixture
def country(db):
    nation = Organization.objects.create(code="nation", name="Засгийн газрын Хэрэг эрхлэх газар")
    aimag = Organization.objects.create(
        code="arkh", name="Архангай аймгийн ЗДТГ", kind="aimag_office", parent=nation
    )
    other = Organization.objects.create(
        code="uvs", name="Увс аймгийн ЗДТГ", kind="aimag_office", parent=nation
    )
    soum = Organization.objects.create(
        code="soum1", name="Цэцэрлэг сумын ЗДТГ", kind="soum_office", parent=aimag
    )
    agency = Organization.objects.create(
        code="agency1", name="Аймгийн Боловсролын газар", kind="agency", parent=aimag
    )
    people = {
        "aimag_me": _person(aimag, "aimagme", Role.ME_OFFICER, subtree=True),
        "nation_me": _person(nation, "nationme", Role.ME_OFFICER, subtree=True),
        "local_me": _person(aimag, "localme", Role.ME_OFFICER),
        "uvs_me": _person(other, "uvsme", Role.ME_OFFICER, subtree=True),
    }
    _sheets(aimag, [Decimal("91.0"), Decimal("80.0"), None])
    _sheets(soum, [Decimal("70.0"), Decimal("95.0")])
    _sheets(agency, [None])
    _sheets(other, [Decimal("60.0")])
    _assessments(aimag, [Decimal(100), Decimal(30), None])
    _assessments(soum, [Decimal(70)])
    return {"nation": nation, "aimag": aimag, "other": other, "soum": soum, "agency": agency, **people}


def _client(client, person):
    client.force_login(person.user)
    return client


def _row_text(html: str, name: str) -> str:
    at = html.index(name)
    start = html.rindex("<tr>", 0, at)
    return html[start : html.index("</tr>", at)]


def test_the_aimag_page_has_its_office_and_each_organization_below(client, country):
    html = _client(client, country["aimag_me"]).get("/regions/arkh/?year=2026&period=H1").content.decode()
    own = _row_text(html, "Архангай аймгийн ЗДТГ</a>")
    # 3 sheets (2 confirmed, 91 and 80 → mean 85.5); plan 100 and 30 assessed → 65.0; 2 of 3 actions.
    assert "66.7%" in own and "85.5" in own and "65.0%" in own and "2 / 3" in own
    soum = _row_text(html, "Цэцэрлэг сумын ЗДТГ")
    assert "100.0%" in soum and "82.5" in soum and "70.0%" in soum
    agency = _row_text(html, "Аймгийн Боловсролын газар")
    assert "0 / 1" in agency and "0.0%" in agency
    assert "Увс" not in html


def test_the_country_page_sums_each_aimag_over_its_subtree(client, country):
    html = _client(client, country["nation_me"]).get("/regions/?year=2026&period=H1").content.decode()
    arkh = _row_text(html, "Архангай аймгийн ЗДТГ</a>")
    # aimag office + soum + agency: 6 sheets, 4 confirmed (91, 80, 70, 95 → 84.0); plan 100, 30, 70 → 66.7.
    assert "3 байгууллага" in arkh  # Mongolian, the default language
    assert "66.7%" in arkh and "84.0" in arkh
    assert 'href="/regions/arkh/' in arkh  # drill-down
    uvs = _row_text(html, "Увс аймгийн ЗДТГ")
    assert "60.0" in uvs and "100.0%" in uvs


def test_rows_sort_by_any_figure(client, country):
    c = _client(client, country["nation_me"])
    html = c.get("/regions/?sort=average&desc=1").content.decode()
    assert html.index("Архангай") < html.index("Увс")  # 84.0 before 60.0
    html = c.get("/regions/?sort=average").content.decode()
    assert html.index("Увс") < html.index("Архангай")


def test_who_may_see_which_region(client, country):
    assert _client(client, country["aimag_me"]).get("/regions/arkh/").status_code == 200
    assert _client(client, country["aimag_me"]).get("/regions/soum1/").status_code == 200
    assert _client(client, country["aimag_me"]).get("/regions/uvs/").status_code == 404
    assert _client(client, country["aimag_me"]).get("/regions/").status_code == 403
    assert _client(client, country["local_me"]).get("/regions/arkh/").status_code == 403
    assert _client(client, country["uvs_me"]).get("/regions/arkh/").status_code == 404
    client.logout()
    assert client.get("/regions/").status_code == 302


def test_bad_parameters_fall_back_to_defaults(client, country):
    c = _client(client, country["aimag_me"])
    for query in ("?year=abc", "?year=1900", "?period=Q9", "?sort=drop%20table"):
        assert c.get("/regions/arkh/" + query).status_code == 200


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/regions/", "/regions/arkh/"])
def test_the_query_count_does_not_grow_with_the_country(client, country, url):
    c = _client(client, country["nation_me"])
    c.get(url)
    small = _queries(c, url)
    for i in range(4):
        soum = Organization.objects.create(
            code=f"more{i}", name=f"Нэмэлт {i}", kind="soum_office", parent=country["aimag"]
        )
        _sheets(soum, [Decimal("75.0")] * 3)
        _assessments(soum, [Decimal(100), None])
        deeper = Organization.objects.create(code=f"deep{i}", name=f"Гүн {i}", kind="agency", parent=soum)
        _sheets(deeper, [Decimal("88.0")])
    assert _queries(c, url) == small
    assert small <= 12
