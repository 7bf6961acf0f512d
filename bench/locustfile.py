"""Locust users for bench/load.py (run through it, not directly).

DeadlineUser: starts signed in (a session bench/load.py created), then repeats the deadline-day mix: own page, own sheet, save one
report entry (as the report page's HTMX form does), the sheet again. LoginUser: one login and
stop (the morning rush). The people come from URDUN_LOAD_PEOPLE, a JSON file of
{username, sheet, entry, version, session} written by bench/load.py.
"""

from __future__ import annotations

import itertools
import json
import os
import re

from locust import HttpUser, between, task
from locust.exception import StopUser

PEOPLE = json.loads(open(os.environ["URDUN_LOAD_PEOPLE"]).read())  # noqa: SIM115
PASSWORD = os.environ["URDUN_LOAD_PASSWORD"]
_next = itertools.count()
VERSION = re.compile(r'name="version" value="(\d+)"')


def _login(user: HttpUser, person: dict) -> bool:
    user.client.get("/accounts/login/", name="login page")
    token = user.client.cookies.get("csrftoken", "")
    response = user.client.post(
        "/accounts/login/",
        {"username": person["username"], "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": user.host + "/accounts/login/"},
        name="login",
        allow_redirects=False,
    )
    return response.status_code == 302


class DeadlineUser(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.person = PEOPLE[next(_next) % len(PEOPLE)]
        self.version = self.person["version"]
        self.n = 0
        # Signed in already (bench/load.py made the session): the login rush is measured apart.
        self.client.cookies.set("sessionid", self.person["session"], domain="127.0.0.1")
        self.client.get("/accounts/login/", name="login page")  # the CSRF cookie

    @task
    def deadline_mix(self) -> None:
        sheet = f"/performance/sheets/{self.person['sheet']}/"
        self.client.get("/performance/", name="own page")
        self.client.get(sheet, name="sheet")
        self.n += 1
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            f"/performance/entries/{self.person['entry']}/",
            {
                "achieved_text": f"Төлөвлөсөн ажлыг хийж гүйцэтгэсэн ({self.n})",
                "achieved_value": "100%",
                "completion": "100",
                "status": "",
                "version": str(self.version),
            },
            headers={"HX-Request": "true", "X-CSRFToken": token, "Referer": self.host + sheet},
            name="save report entry",
            catch_response=True,
        ) as response:
            found = VERSION.search(response.text or "")
            if found:
                self.version = int(found.group(1))
            if response.status_code != 200 or "conflict" in (response.text or "")[:2000].lower():
                response.failure(f"save: {response.status_code}")
        self.client.get(sheet, name="sheet again")


class LoginUser(HttpUser):
    wait_time = between(0, 0)

    def on_start(self) -> None:
        self.person = PEOPLE[next(_next) % len(PEOPLE)]

    @task
    def login_once(self) -> None:
        if not _login(self, self.person):
            self.environment.events.request.fire(
                request_type="POST", name="login refused", response_time=0, response_length=0,
                exception=RuntimeError("login refused"), context={},
            )  # fmt: skip
        raise StopUser()
