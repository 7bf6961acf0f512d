"""Who may file progress, assess, edit, publish and download evidence.

The plan's action is the responsibility of alice (by name) and of unit B (ТЗУХ, headed by henry).
Filing: alice (named), henry (head of a responsible unit), hana (head of alice's unit).
Not filing: carol (alice's colleague in unit A), bob (member of responsible unit B), olga (M&E
officer), zed (another organization)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import user_of
from urdun.plans import services
from urdun.plans.models import Assessment, ProgressReport
from urdun.plans.services import PlanError
from urdun.plans.tests.factories import action, make_plan, objective, period, section

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def setup(world):
    plan = make_plan(world.org)
    a = action(
        objective(section(plan, "1"), "1.1"), "1.1.1", units=(world.unit_b,), people=(world.people["alice"],)
    )
    return plan, a, period(world.org, "Q2")


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("alice", True),
        ("henry", True),
        ("hana", True),
        ("carol", False),
        ("bob", False),
        ("olga", False),
        ("oscar", False),
        ("zed", False),
        ("root", False),
    ],
)
def test_only_the_responsible_and_their_unit_heads_file_progress(world, setup, who, allowed):
    _plan, a, q2 = setup
    user = user_of(world, who)
    if allowed:
        services.submit_progress(a, q2, user, done="Хийсэн")
        assert ProgressReport.objects.get(action=a, period=q2).submitted_by == user
    else:
        with pytest.raises(PlanError):
            services.submit_progress(a, q2, user, done="Хийсэн")
        assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("who", ["alice", "henry", "orgadmin", "oscar", "root", "zed", "leader"])
def test_only_the_me_officer_assesses(world, setup, who):
    _plan, a, q2 = setup
    with pytest.raises(PlanError):
        services.assess(a, q2, user_of(world, who), status="assessed", percent="70")
    services.assess(a, q2, user_of(world, "olga"), status="assessed", percent="70")
    assert Assessment.objects.get(action=a, period=q2).percent == 70


def test_the_assessment_follows_the_scale_unless_free_percentages_are_allowed(world, setup):
    from urdun.plans.models import PlanSettings

    _plan, a, q2 = setup
    olga = user_of(world, "olga")
    with pytest.raises(PlanError, match="0, 30, 70, 100"):
        services.assess(a, q2, olga, status="assessed", percent="55")
    with pytest.raises(PlanError):
        services.assess(a, q2, olga, status="assessed", percent="120")
    PlanSettings.objects.create(organization=world.org, allow_free_percent=True)
    services.assess(a, q2, olga, status="assessed", percent="55")
    assert Assessment.objects.get().percent == 55


@pytest.mark.parametrize(
    "method, url, who, status",
    [
        ("post", "progress", "alice", 302),
        ("post", "progress", "carol", 403),
        ("post", "progress", "zed", 404),
        ("post", "assess", "olga", 302),
        ("post", "assess", "alice", 403),
        ("post", "assess", "orgadmin", 403),
        ("get", "edit", "olga", 200),
        ("get", "edit", "orgadmin", 200),
        ("get", "edit", "alice", 403),
        ("get", "detail", "alice", 200),
        ("get", "detail", "zed", 404),
        ("post", "publish", "alice", 403),
        ("post", "publish", "oscar", 302),
    ],
)
def test_permission_matrix(world, login, setup, method, url, who, status):
    plan, a, q2 = setup
    urls = {
        "progress": f"/plans/actions/{a.pk}/progress/{q2.pk}/",
        "assess": f"/plans/actions/{a.pk}/assess/{q2.pk}/",
        "edit": f"/plans/actions/{a.pk}/edit/",
        "detail": f"/plans/actions/{a.pk}/",
        "publish": f"/plans/{plan.pk}/publish/",
    }
    data = {"done": "Хийсэн", "status": "assessed", "percent": "70", "publish": "1"}
    client = login(who)
    response = getattr(client, method)(urls[url], data) if method == "post" else client.get(urls[url])
    assert response.status_code == status


def test_evidence_is_downloaded_only_by_those_allowed(world, login, setup):
    _plan, a, q2 = setup
    report = services.submit_progress(
        a,
        q2,
        user_of(world, "alice"),
        done="Хийсэн",
        files=[SimpleUploadedFile("tailan.pdf", PDF, "application/pdf")],
    )
    ev = report.evidence.get()
    url = f"/plans/evidence/{ev.pk}/"
    response = login("alice").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert login("olga").get(url).status_code == 200
    assert login("carol").get(url).status_code == 403
    assert login("zed").get(url).status_code == 404


@pytest.mark.parametrize(
    "name, content",
    [
        ("report.exe", b"MZ..."),
        ("fake.pdf", b"not a pdf"),
        ("fake.docx", b"PK\x03\x04garbage"),
        ("img.png", b"\xff\xd8\xff"),
    ],
)
def test_evidence_type_is_checked_by_extension_and_content(world, setup, name, content):
    _plan, a, q2 = setup
    with pytest.raises(PlanError):
        services.submit_progress(
            a, q2, user_of(world, "alice"), done="x", files=[SimpleUploadedFile(name, content)]
        )
    assert not ProgressReport.objects.exists()


def test_evidence_larger_than_the_limit_is_refused(world, setup, settings):
    _plan, a, q2 = setup
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(PlanError):
        services.submit_progress(
            a, q2, user_of(world, "alice"), done="x", files=[SimpleUploadedFile("a.pdf", PDF)]
        )


def test_a_report_after_the_deadline_is_marked_late_in_the_organization_time_zone(world, setup):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    _plan, _a, q2 = setup
    world.org.time_zone = "Asia/Hovd"
    world.org.save()
    q2.refresh_from_db()
    tz = ZoneInfo("Asia/Hovd")
    end_of_day = datetime.combine(q2.deadline, datetime.max.time(), tzinfo=tz)
    assert not services.is_past_deadline(q2, end_of_day)
    assert services.is_past_deadline(q2, end_of_day + timedelta(seconds=1))
    # 23:30 in Hovd is 00:30 the next day in Ulaanbaatar: still on time.
    late_evening = datetime.combine(q2.deadline, datetime.min.time(), tzinfo=tz) + timedelta(
        hours=23, minutes=30
    )
    assert not services.is_past_deadline(q2, late_evening.astimezone(ZoneInfo("Asia/Ulaanbaatar")))
