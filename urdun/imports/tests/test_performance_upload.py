"""The upload page: preview first (nothing written), then one commit."""

import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from urdun.performance.models import EvaluationSheet

SEED = Path(__file__).resolve().parents[1] / "seed_data" / "002_be74bae87865f47b.txt"


def _upload(client, world, data, name="report.txt", who="alice"):
    return client.post(
        "/imports/performance/",
        {"file": SimpleUploadedFile(name, data), "employee": world.people[who].pk, "period": "2025-H1"},
    )


def test_preview_writes_nothing_and_commit_writes_everything(client, world):
    client.force_login(world.people["hana"].user)
    r = _upload(client, world, SEED.read_bytes())
    assert r.status_code == 200
    preview = r.context["preview"]
    assert preview["figures"] == {
        "part1": "68.8",
        "part2": "14.0",
        "part3": "6.8",
        "part4": "8.0",
        "total": "97.6",
    }
    assert (preview["rows"], preview["scored"]) == (42, 36)
    assert len(preview["mismatches"]) == 2
    assert EvaluationSheet.objects.count() == 0
    token = r.context["token"]
    r = client.post("/imports/performance/", {"token": token})
    sheet = EvaluationSheet.objects.get(employee=world.people["alice"])
    assert r.status_code == 302 and r.headers["Location"] == f"/performance/sheets/{sheet.pk}/"
    # The token is spent: posting it again imports nothing more.
    r = client.post("/imports/performance/", {"token": token})
    assert r.status_code == 302 and r.headers["Location"] == "/imports/performance/"
    assert EvaluationSheet.objects.count() == 1


def test_random_bytes_get_a_clear_message(client, world):
    client.force_login(world.people["hana"].user)
    r = _upload(client, world, b"PK\x03\x04" + os.urandom(2000), name="report.docx")
    assert r.status_code == 200 and r.context["fatal"]
    assert "token" not in r.context
    assert EvaluationSheet.objects.count() == 0


@pytest.mark.parametrize("who,allowed", [("hana", True), ("alice", True), ("henry", False), ("bob", False)])
def test_only_the_person_their_head_and_hr_may_import(client, world, who, allowed):
    client.force_login(world.people[who].user)
    r = _upload(client, world, SEED.read_bytes())
    assert ("preview" in r.context) is allowed
    assert EvaluationSheet.objects.count() == 0
