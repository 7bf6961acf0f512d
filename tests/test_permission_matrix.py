"""Every URL and API endpoint, for every role: allowed, or refused (403, 404, or a redirect to
the login page). A URL pattern without a row here fails `test_every_url_is_in_the_matrix`.

Rows are (url name, method, kwargs builder, roles allowed). Roles not listed must be refused.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import user_of
from tests.matrix_rows import ROWS, SIGNED_IN, setup_objects

ROLES = ["anonymous", *SIGNED_IN]
QUERY = {"totals_xlsx": "?period=2025-H1"}
IGNORED_PREFIXES = ("admin/", "static/", "media-not-served/")


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), (namespace + p.name) if p.name else None


def _all_named_urls():
    names = set()
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith(IGNORED_PREFIXES) or name is None:
            continue
        if "(?P<format>" in route or route.endswith(r"\.(?P<format>[a-z0-9]+)/?$"):
            continue
        names.add(name)
    return names


def test_every_url_is_in_the_matrix():
    covered = {row[0] for row in ROWS}
    missing = sorted(_all_named_urls() - covered)
    assert missing == [], f"URLs without a permission-matrix row: {missing}"


def _refused(response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return True
    return response.status_code == 302 and "/accounts/login/" in response.headers.get("Location", "")


def _check(client, world, role, url, method, data, allowed) -> str | None:
    client.logout()
    if role != "anonymous":
        client.force_login(user_of(world, role))
    response = client.get(url) if method == "GET" else client.post(url, data or {})
    code = response.status_code
    if code >= 500:
        return f"{role}: {method} {url} failed with {code}"
    if allowed == "any":
        return f"{role}: {method} {url} refused with 403" if code == 403 else None
    if role in allowed and _refused(response):
        return f"{role} should be allowed {method} {url}, got {code}"
    if role not in allowed and not _refused(response):
        return f"{role} should be refused {method} {url}, got {code}"
    return None


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[1]} {r[0]}" for r in ROWS])
def test_permission_matrix(client, world, row, settings, tmp_path):
    """One row, every role, one database: a failure lists every role that got it wrong."""
    settings.MEDIA_ROOT = tmp_path
    settings.URDUN_VAR_DIR = tmp_path
    settings.VAR_DIR = tmp_path
    settings.DOCUMENT_JOBS_INLINE = True
    name, method, build, allowed = row
    objects = setup_objects(world)
    kwargs, data = build(world, objects)
    url = reverse(name, kwargs=kwargs) + QUERY.get(name, "")
    failures = [f for role in ROLES if (f := _check(client, world, role, url, method, data, allowed))]
    assert failures == []


@pytest.mark.parametrize("role", ["alice", "root"])
def test_django_admin_is_for_administrators_only(client, world, role):
    client.force_login(user_of(world, role))
    response = client.get("/admin/")
    if role == "root":
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and "/admin/login/" in response.headers["Location"]
