"""The app must work on an office network with no internet: no page and no static file may
load anything from another host."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from conftest import user_of
from tests.matrix_rows import ROWS, setup_objects

# What makes a browser fetch something: attributes and CSS that load resources.
LOADING_ATTR = re.compile(
    r"""(?:src|href|action|srcset|data|poster|content)\s*=\s*["']\s*(?:https?:)?//""", re.I
)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*(?:https?:)?//""", re.I)


def test_no_page_references_another_host(client, world):
    objects = setup_objects(world)
    checked = 0
    for role in ("root", "alice", "hana", "olga", "leader"):
        client.force_login(user_of(world, role))
        for name, method, build, _allowed in ROWS:
            if method != "GET":
                continue
            kwargs, _ = build(world, objects)
            response = client.get(reverse(name, kwargs=kwargs))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            assert not LOADING_ATTR.search(html), f"{name} as {role} loads from another host"
            assert "<style" not in html and " style=" not in html, f"{name} has inline style"
            assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html), (
                f"{name} has inline script"
            )
            assert not re.search(r"\son[a-z]+=", html), f"{name} has an event-handler attribute"
            checked += 1
    assert checked > 20


def test_no_static_file_loads_from_another_host():
    roots = [Path(p[1] if isinstance(p, tuple) else p) for p in settings.STATICFILES_DIRS]
    css_files = [f for root in roots for f in root.rglob("*.css")]
    assert css_files, "no CSS found: is node_modules installed?"
    for css in css_files:
        assert not CSS_URL.search(css.read_text(errors="replace")), f"{css} loads from another host"
    for name in ("django_htmx/htmx-2.min.js", "vendor/chart.js/chart.umd.min.js", "urdun/app.js"):
        path = finders.find(name)
        assert path, f"{name} is not served"
        text = Path(path).read_text(errors="replace")
        assert not re.search(r"""import\s*\(\s*["']https?://|importScripts\(\s*["']https?://""", text)
