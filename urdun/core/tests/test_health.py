"""Health and readiness: what a load balancer relies on."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest


@pytest.mark.django_db
def test_liveness_needs_no_login_and_no_database(client: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_checks_database_and_cache(client: Any) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_not_ready_when_the_cache_fails(client: Any) -> None:
    with mock.patch("urdun.core.health.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "failed"}


@pytest.mark.django_db
def test_not_ready_when_the_database_fails(client: Any) -> None:
    from django.db import OperationalError, connections

    with mock.patch.object(connections["default"], "cursor", side_effect=OperationalError("gone")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "failed"


@pytest.mark.django_db
def test_health_urls_are_not_redirected_to_https(client: Any, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


def test_json_log_lines_carry_level_logger_message_and_request() -> None:
    import json
    import logging

    from django.test import RequestFactory

    from urdun.core.logs import JsonFormatter

    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Сервер алдаа %s", ("x",), None)
    record.request = RequestFactory().get("/performance/")
    record.status_code = 500
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "ERROR" and line["logger"] == "django.request"
    assert line["message"] == "Сервер алдаа x"
    assert line["path"] == "/performance/" and line["method"] == "GET" and line["status"] == 500


def test_password_iterations_follow_the_setting_and_old_hashes_still_verify(settings: Any) -> None:
    from django.contrib.auth.hashers import check_password, make_password

    settings.PASSWORD_HASHERS = ["urdun.core.hashers.ConfiguredPBKDF2PasswordHasher"]
    settings.PASSWORD_ITERATIONS = 1000
    old = make_password("нууц үг")
    assert old.startswith("pbkdf2_sha256$1000$")
    settings.PASSWORD_ITERATIONS = 2000
    assert make_password("нууц үг").startswith("pbkdf2_sha256$2000$")
    assert check_password("нууц үг", old)
    assert not check_password("буруу", old)
