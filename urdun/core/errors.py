"""The domain's error types, shared by every app.

A rule broken is a :class:`DomainError` whose message is already translated for the user (raise
it inside the request's or the recipient's language). A stale write is a :class:`Conflict`:
views and the API recognise it by its type, never by its text, and answer 409 (API) or keep the
user's input with the message (pages).
"""

from __future__ import annotations

from django.utils.translation import gettext as _


class DomainError(Exception):
    """A rule was broken; ``message`` is for the user, in their language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Conflict(DomainError):
    """Someone else saved the same record since this form was loaded. Nothing was written."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Someone else saved this in the meantime. Nothing was overwritten: your text is "
                "still in the form. Reload the page to see their version, then enter your changes "
                "again."
            )
        )
