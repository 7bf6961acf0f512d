"""Publishing the demo's 2025-H1 results: recorded, public, open data that validates, small
groups suppressed; only the organization head publishes, and only a closed cycle."""

from __future__ import annotations

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from urdun.organizations.models import User
from urdun.performance.models import EvaluationCycle
from urdun.results.models import Publication

pytestmark = pytest.mark.django_db

BASE = "/results/public/bayankhongor/2025-H1/"


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO(), stderr=StringIO())


def test_the_demo_publishes_its_2025_h1_results(demo, client):
    p = Publication.objects.get(organization__code="bayankhongor", cycle__year=2025, superseded=False)
    assert p.publisher_name and p.published_by.username == "khishigbaatar"
    page = client.get(BASE)
    assert page.status_code == 200
    assert "Баянхонгор" in page.content.decode()
    for name, kind in (
        ("results.csv", "text/csv"),
        ("results.json", "application/json"),
        ("datapackage.json", "application/json"),
    ):
        response = client.get(BASE + name)
        assert response.status_code == 200 and response["Content-Type"].startswith(kind)
    catalogue = client.get("/results/public/?format=json").json()
    assert [d["cycle"] for d in catalogue["datasets"]] == ["2025-H1"]


def test_a_cell_of_fewer_than_five_people_is_suppressed(demo, client):
    data = client.get(BASE + "results.json").json()
    org_row = data["rows"][0]
    assert data["threshold"] == 5
    # one confirmed sheet (the seed's): the organization's figures are drawn from 1 person
    assert org_row["suppressed"] is True and org_row["evaluated"] is None and org_row["mean_total"] is None
    rows = list(csv.DictReader(io.StringIO(client.get(BASE + "results.csv").content.decode())))
    assert rows[0]["mean_total"] == "" and rows[0]["suppressed"] == "true"
    assert "97.6" not in client.get(BASE).content.decode()


def test_the_data_package_validates(demo, client, tmp_path):
    from frictionless import validate

    (tmp_path / "datapackage.json").write_bytes(client.get(BASE + "datapackage.json").content)
    (tmp_path / "results.csv").write_bytes(client.get(BASE + "results.csv").content)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_figures_of_five_or_more_are_published(demo, client, settings):
    from urdun.results.publication import table

    cycle = EvaluationCycle.objects.get(organization__code="bayankhongor", year=2025, period="H1")
    from urdun.results.models import ResultRules

    ResultRules.objects.create(methodology=cycle.methodology, publication_threshold=1)
    data = table(cycle)
    assert data["rows"][0]["mean_total"] == "97.6" and data["rows"][0]["evaluated"] == 1


def test_only_the_organization_head_publishes(demo, client):
    client.force_login(User.objects.get(username="erdenebat"))  # evaluation team leader
    response = client.post("/results/bayankhongor/2025-H1/publish/")
    assert response.status_code == 403
    assert Publication.objects.count() == 1


def test_an_open_cycle_is_refused_with_a_message_in_mongolian(demo, client):
    from urdun.results.publication import PublicationError, publish

    cycle = EvaluationCycle.objects.get(organization__code="bayankhongor", year=2025, period="H1")
    cycle.confirmation_due = cycle.confirmation_due.replace(year=2999)
    cycle.save()
    sheet = cycle.sheets.first()
    sheet.status = "review"
    sheet.save(update_fields=["status"])
    with translation.override("mn"), pytest.raises(PublicationError) as e:
        publish(User.objects.get(username="khishigbaatar"), cycle)
    assert "2999" in e.value.message and any("а" <= ch <= "я" for ch in e.value.message.lower())


def test_publishing_again_supersedes_and_keeps_the_earlier(demo, client):
    client.force_login(User.objects.get(username="khishigbaatar"))
    response = client.post("/results/bayankhongor/2025-H1/publish/")
    assert response.status_code == 302
    assert Publication.objects.filter(superseded=True).count() == 1
    assert Publication.objects.filter(superseded=False).count() == 1
    assert json.loads(client.get(BASE + "results.json").content)["cycle"] == "2025-H1"
