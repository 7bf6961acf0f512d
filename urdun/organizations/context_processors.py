from typing import Any

from django.http import HttpRequest

from urdun.organizations.navigation import menu_for
from urdun.organizations.permissions import actor_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    actor = actor_for(user)
    return {"nav_items": menu_for(actor, request.path), "actor": actor}
