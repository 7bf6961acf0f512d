"""The administrators' organization list: right counts, a fixed number of queries, no join of
every unit with every employee."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from urdun.organizations.models import Employee, Organization, Unit


def _get(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/organizations/")
    assert response.status_code == 200
    return response.content.decode(), ctx


@pytest.mark.django_db
def test_counts_per_organization_and_queries_do_not_grow(login, world):
    client = login("root")
    html, ctx = _get(client)
    small = len(ctx.captured_queries)
    for i in range(5):
        org = Organization.objects.create(code=f"extra{i}", name=f"Нэмэлт байгууллага {i}")
        unit = Unit.objects.create(organization=org, name="Хэлтэс")
        for j in range(3):
            Employee.objects.create(organization=org, unit=unit, family_name="Б", given_name=f"Бат{i}{j}")
    html, ctx = _get(client)
    assert len(ctx.captured_queries) == small
    assert all("DISTINCT" not in q["sql"].upper() for q in ctx.captured_queries)
    row = html[html.index("Нэмэлт байгууллага 0") :]
    row = row[: row.index("</tr>")]
    assert ">1<" in row.replace(" ", "") and ">3<" in row.replace(" ", "")
