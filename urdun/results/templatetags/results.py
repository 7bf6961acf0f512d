from typing import Any

from django import template

register = template.Library()


@register.filter
def band(row: dict[str, Any], letter: str) -> Any:
    """A published row's count at one rating band (None when suppressed)."""
    return row.get(f"band_{letter}")
