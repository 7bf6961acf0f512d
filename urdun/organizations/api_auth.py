"""API authentication by token and the one permission class every endpoint uses."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions
from rest_framework.request import Request

from urdun.organizations.models import ApiToken, User
from urdun.organizations.permissions import can


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer urd_…` (or `Token urd_…`). Only the key's hash is stored."""

    keywords = ("bearer", "token")

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        key = header[1].decode(errors="replace")
        token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return "Bearer"


class CapabilityPermission(permissions.BasePermission):
    """Reads `view.permission` (reads) and `view.write_permission` (writes): the same capability
    names the pages use. A read-scoped token may never write."""

    message = _("You do not have permission to perform this action.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        if isinstance(token, ApiToken) and token.scope == ApiToken.Scope.READ:
            return False
        return bool(getattr(view, "write_permission", None))

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            capability = getattr(view, "permission", None)
        else:
            capability = getattr(view, "write_permission", None)
        return capability is not None and can(request.user, capability, obj)


try:
    from drf_spectacular.extensions import OpenApiAuthenticationExtension
except ImportError:  # pragma: no cover - drf-spectacular is a locked dependency
    pass
else:

    class ApiTokenScheme(OpenApiAuthenticationExtension):
        target_class = "urdun.organizations.api_auth.ApiTokenAuthentication"
        name = "apiToken"

        def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
            return {"type": "http", "scheme": "bearer", "description": "Urdun API token (urd_…)"}
