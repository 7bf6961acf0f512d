"""Places on plan pages where the apps above plans add their own part.

Plans stand below performance, documents and imports (../shared/STYLE.md): a plan page must not
reach up for their figures or links. Instead an upper app registers a :class:`Panel` for a named
slot in its ``AppConfig.ready()``; the plan template renders ``{% plan_panels "slot" %}`` and
every registered panel appears there, fed by its own context function.

Slots:
- ``plan_list.organization``: beside "New plan" for each organization the user may edit
  (context: ``org``).
- ``plan_detail.tools``: the plan page's tool bar (context: ``plan``, ``period``).
- ``action_detail``: below the action's progress and assessments (context: ``a``, ``plan``,
  ``period``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

SLOTS = ("plan_list.organization", "plan_detail.tools", "action_detail")

PanelContext = Callable[[HttpRequest, Mapping[str, Any]], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    """``template`` is rendered with the page's context plus what ``context`` returns; a
    ``context`` that returns None hides the panel for this request."""

    slot: str
    template: str
    context: PanelContext | None = None
    order: int = 100


_PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    if panel.slot not in SLOTS:
        raise ValueError(f"unknown plan page slot {panel.slot!r}; known: {', '.join(SLOTS)}")
    if all((p.slot, p.template) != (panel.slot, panel.template) for p in _PANELS):
        _PANELS.append(panel)
        _PANELS.sort(key=lambda p: p.order)


def panels_for(slot: str) -> list[Panel]:
    return [p for p in _PANELS if p.slot == slot]
