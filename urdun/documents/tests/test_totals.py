"""All totals of an organization in one spreadsheet, in a fixed number of queries."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from urdun.performance.tests.factories import seed_sheet


def _export(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/documents/org/org/totals.xlsx?period=2025-H1")
    assert response.status_code == 200
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    return rows, len(queries)


def _totals(rows):
    return sorted(
        round(float(v), 1)
        for row in rows
        for v in row
        if isinstance(v, (int, float)) and 90 < float(v) <= 100
    )


def test_totals_hold_the_computed_figures_and_queries_do_not_grow(client, world):
    client.force_login(world.people["leader"].user)
    seed_sheet(world, "alice")
    rows, one = _export(client)
    assert _totals(rows) == [97.6]
    seed_sheet(world, "carol")
    seed_sheet(world, "dave")
    rows, three = _export(client)
    assert _totals(rows) == [97.6, 97.6, 97.6]
    assert three == one
