"""``{% plan_panels "slot" %}``: renders what the apps above plans registered for a slot
(see `urdun.plans.hooks`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from urdun.plans.hooks import SLOTS, panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_panels(context: template.Context, slot: str) -> SafeString:
    if slot not in SLOTS:
        raise template.TemplateSyntaxError(f"unknown plan page slot {slot!r}")
    request = context.get("request")
    page: dict[str, Any] = context.flatten()
    parts = []
    for panel in panels_for(slot):
        extra = panel.context(request, page) if panel.context is not None else {}
        if extra is None:
            continue
        parts.append(render_to_string(panel.template, {**page, **extra}, request=request))
    return mark_safe("".join(parts))  # noqa: S308  (each part is a rendered, autoescaped template)
