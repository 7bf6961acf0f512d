"""Uploads waiting between their preview and their commit, kept in the cache for one user.

The preview shows what would be written; the commit re-parses the same bytes, so what is
written is exactly what was shown. (With more than one web process, set REDIS_CACHE_URL.)"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.cache import cache

PENDING_TTL = 30 * 60


def _key(kind: str, user_id: int, token: str) -> str:
    return f"imports:pending:{kind}:{user_id}:{token[:64]}"


def stash(kind: str, user_id: int, value: Any) -> str:
    token = uuid.uuid4().hex
    cache.set(_key(kind, user_id, token), value, PENDING_TTL)
    return token


def take(kind: str, user_id: int, token: str) -> Any | None:
    """The stashed value, removed from the cache; None when expired or not this user's."""
    key = _key(kind, user_id, token)
    value = cache.get(key)
    cache.delete(key)
    return value
