"""PBKDF2-SHA256 with the iteration count the deployment chooses (PASSWORD_ITERATIONS).

The stored format is Django's own `pbkdf2_sha256$<iterations>$…`, so hashes made with any count
keep verifying, and a login re-hashes a password whose count differs from the configured one.
docs/scaling.md states the cost of a login at each count and why the default is what it is.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher


class ConfiguredPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    @property
    def iterations(self) -> int:  # type: ignore[override]
        return int(getattr(settings, "PASSWORD_ITERATIONS", PBKDF2PasswordHasher.iterations))
