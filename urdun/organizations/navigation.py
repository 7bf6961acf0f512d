"""The main menu. Domain apps add entries with `register_menu`; each entry says who sees it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from urdun.organizations.permissions import Actor


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    visible: Callable[[Actor], bool]
    order: int = 100


_MENU: list[MenuEntry] = []


def register_menu(entry: MenuEntry) -> None:
    if all(e.url_name != entry.url_name for e in _MENU):
        _MENU.append(entry)
        _MENU.sort(key=lambda e: e.order)


def menu_for(actor: Actor, path: str) -> list[dict[str, object]]:
    items = []
    for entry in _MENU:
        if not entry.visible(actor):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "url": url, "active": path.startswith(url) and url != "/"})
    return items
