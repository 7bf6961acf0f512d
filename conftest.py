"""Shared fixtures: the usual people of an organization, built on each other.

alice is an employee in unit A, hana heads unit A, bob is an employee in unit B, henry heads
unit B, leader/secretary/member form the evaluation team, olga is the M&E officer, oscar the
organization head, and zed works in another organization altogether.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs beside the ORM


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The fixtures create many users; production hashing would make each test take seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    org: object
    other_org: object
    unit_a: object
    unit_b: object
    people: dict


@pytest.fixture
def world(db):
    from urdun.organizations.models import Employee, Organization, Role, RoleAssignment, Unit, User

    org = Organization.objects.create(code="org", name="Тест аймгийн ЗДТГ", kind="aimag_office")
    other = Organization.objects.create(code="other", name="Өөр байгууллага", kind="agency")
    unit_a = Unit.objects.create(organization=org, name="Нийгмийн бодлогын хэлтэс", abbreviation="НБХ")
    unit_b = Unit.objects.create(organization=org, name="Төрийн захиргааны хэлтэс", abbreviation="ТЗУХ")
    unit_x = Unit.objects.create(organization=other, name="Other unit", abbreviation="OU")
    people = {}

    def person(username, org_, unit, roles=(), superuser=False):
        user = User.objects.create_user(
            username, password="pw-" + username, is_superuser=superuser, is_staff=superuser
        )
        if superuser:
            people[username] = user
            return user
        e = Employee.objects.create(
            user=user,
            organization=org_,
            unit=unit,
            family_name=username[0].upper(),
            given_name=username.capitalize(),
            position=f"{username} position",
        )
        for role, scope_unit in roles:
            RoleAssignment.objects.create(employee=e, role=role, organization=org_, unit=scope_unit)
        people[username] = e
        return e

    person("alice", org, unit_a)
    person("carol", org, unit_a)
    person("dave", org, unit_a)
    person("erin", org, unit_a)
    person("hana", org, unit_a, [(Role.UNIT_HEAD, unit_a)])
    person("bob", org, unit_b)
    person("henry", org, unit_b, [(Role.UNIT_HEAD, unit_b)])
    person("leader", org, unit_b, [(Role.EVAL_LEADER, None)])
    person("secretary", org, unit_b, [(Role.EVAL_SECRETARY, None), (Role.HR_OFFICER, None)])
    person("member", org, unit_b, [(Role.EVAL_MEMBER, None)])
    person("olga", org, unit_b, [(Role.ME_OFFICER, None)])
    person("oscar", org, None, [(Role.ORG_HEAD, None)])
    person("orgadmin", org, unit_b, [(Role.ORG_ADMIN, None)])
    person("zed", other, unit_x, [(Role.UNIT_HEAD, unit_x), (Role.ORG_HEAD, None)])
    person("root", None, None, superuser=True)
    return World(org=org, other_org=other, unit_a=unit_a, unit_b=unit_b, people=people)


def user_of(world: World, name: str):
    p = world.people[name]
    return getattr(p, "user", p)


@pytest.fixture
def login(client, world):
    """login("alice") → the test client signed in as alice."""

    def _login(name: str):
        client.force_login(user_of(world, name))
        return client

    return _login


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page whose relative URLs go to the live test server. Records every
    request so tests can assert that nothing leaves the machine, and every CSP violation."""
    context = browser.new_context(base_url=live_server.url, locale="mn-MN")
    pg = context.new_page()
    pg.external_requests = []
    pg.console_errors = []
    pg.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(live_server.url) or r.url.startswith("data:")
            else pg.external_requests.append(r.url)
        ),
    )
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()


def browser_login(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state("networkidle")
