"""Liveness and readiness for load balancers and process managers.

`/healthz` answers as long as the process serves requests (no database, no cache: a slow
database must not make the balancer kill healthy workers). `/readyz` answers 200 only when the
database and the cache both answer, so a server joins the pool when it can do real work.
Neither needs a login, neither reveals anything but "ok" or which dependency failed.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database_ok() -> bool:
    try:
        for alias in connections:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not ready"; the cause goes to the log
        log.exception("readiness: database check failed")
        return False
    return True


def _cache_ok() -> bool:
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = bool(cache.get(key) == "1")
        cache.delete(key)
    except Exception:  # noqa: BLE001
        log.exception("readiness: cache check failed")
        return False
    return ok


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable"} | {
        name: "ok" if ok else "failed" for name, ok in checks.items()
    }
    return JsonResponse(body, status=200 if ready else 503)
