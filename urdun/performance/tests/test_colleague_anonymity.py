"""Colleague scores are anonymous: no author anywhere, averages only, from three colleagues on."""

import pytest
from django.urls import reverse

from urdun.performance import services
from urdun.performance.models import ColleagueScore, ColleagueSubmission
from urdun.performance.services import PerformanceError
from urdun.performance.tests.factories import build_sheet


def u(world, name):
    return world.people[name].user


@pytest.fixture
def sheet(world):
    return build_sheet(world, "alice")


def test_score_rows_carry_no_author_no_time_and_no_history():
    fields = {f.name for f in ColleagueScore._meta.get_fields()}
    assert fields == {"id", "sheet", "criterion", "points"}
    assert not hasattr(ColleagueScore, "history")
    assert ColleagueScore._meta.pk.get_internal_type() == "UUIDField"
    assert {f.name for f in ColleagueSubmission._meta.get_fields()} == {"id", "sheet", "colleague"}


def test_colleagues_of_the_unit_score_once(world, sheet):
    services.submit_colleague_scores(u(world, "carol"), sheet, ["8", "7", "6"])
    with pytest.raises(PerformanceError, match="already"):
        services.submit_colleague_scores(u(world, "carol"), sheet, ["8", "7", "6"])
    assert ColleagueScore.objects.filter(sheet=sheet).count() == 3
    assert ColleagueSubmission.objects.filter(sheet=sheet).count() == 1


@pytest.mark.parametrize("who", ["alice", "hana", "bob", "leader", "zed"])
def test_others_cannot_score(world, sheet, who):
    with pytest.raises(PerformanceError):
        services.submit_colleague_scores(u(world, who), sheet, ["8", "8", "8"])


def test_out_of_range_points_are_refused(world, sheet):
    with pytest.raises(PerformanceError):
        services.submit_colleague_scores(u(world, "carol"), sheet, ["9", "8", "8"])
    assert not ColleagueSubmission.objects.exists()


def test_part4_is_shown_only_from_three_colleagues_and_only_as_averages(login, world, sheet):
    url = reverse("performance:sheet", args=[sheet.pk])
    services.submit_colleague_scores(u(world, "carol"), sheet, ["8", "6", "7"])
    services.submit_colleague_scores(u(world, "dave"), sheet, ["5", "6", "7"])
    page = login("alice").get(url).content.decode()
    assert 'id="part4">' in page and "not yet shown" in page
    services.submit_colleague_scores(u(world, "erin"), sheet, ["5", "6", "4"])
    for who in ("alice", "hana", "leader"):
        page = login(who).get(url).content.decode()
        assert ">6.0<" in page  # (6 + 6 + 6) / 3 over criteria means 6, 6, 6
        for name in ("Carol", "Dave", "Erin"):
            assert name not in page


def test_no_page_or_api_names_who_scored(login, world, sheet):
    services.submit_colleague_scores(u(world, "carol"), sheet, ["8", "8", "8"])
    for who in ("alice", "hana", "leader", "oscar"):
        client = login(who)
        for url in (
            reverse("performance:sheet", args=[sheet.pk]),
            reverse("performance:history", args=[sheet.pk]),
            f"/api/v1/performance/sheets/{sheet.pk}/",
        ):
            body = client.get(url).content.decode()
            assert "Carol" not in body and "carol" not in body, (who, url)


def test_colleague_page_for_a_colleague_only(login, world, sheet):
    url = reverse("performance:colleague", args=[sheet.pk])
    assert login("carol").get(url).status_code == 200
    assert login("bob").get(url).status_code == 404
    assert login("alice").get(url).status_code == 404
    response = login("carol").post(url, {"c-1": "8", "c-2": "7", "c-3": "8"})
    assert response.status_code == 302
    assert ColleagueSubmission.objects.filter(sheet=sheet, colleague=world.people["carol"]).exists()


def test_reminders_reach_only_those_who_have_not_scored(world, sheet):
    services.submit_colleague_scores(u(world, "carol"), sheet, ["8", "8", "8"])
    pending = {e.given_name for e in services.pending_colleagues(sheet)}
    assert pending == {"Dave", "Erin"}
