"""Server time and query count of the pages and API lists each role uses daily.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/urdun_scale_10pct \\
        .venv/bin/python bench/pages.py --output var/bench/pages-10pct.json

Runs against the configured database (a profile from bench/generate.py, or the demo) inside
this process, through Django's test client with the production settings' middleware, so the
time is the server's (routing, permissions, queries, templates), not the network's. Each URL is
requested once to warm up, then `--runs` times; it reports the median and the 95th percentile
and the number of SQL queries of one request. The people are chosen from the data: the largest
organization's plain employee, unit head, evaluation team, M&E officer, head and administrator,
and a superuser (created if there is none). Nothing is written except that superuser and the
sessions of the test client.

JSON: a list of {name, url, role, median_ms, p95_ms, queries}, plus cpu_ms (the median CPU time
of this process's thread: what the request costs when other work shares the machine and
stretches the wall time), status and the load average when it was measured.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urdun.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

m = apps.get_model


def people() -> dict[str, Any]:
    """One person per role, from the largest organization."""
    Employee, RoleAssignment = m("organizations", "Employee"), m("organizations", "RoleAssignment")
    Organization = m("organizations", "Organization")
    org = (
        Organization.objects.annotate(n=Count("employees"))
        .filter(employees__user__isnull=False)
        .order_by("-n")
        .first()
    )
    if org is None:
        sys.exit("no organization with people: run bench/generate.py (or manage.py demo) first")
    chosen: dict[str, Any] = {"org": org}
    with_roles = RoleAssignment.objects.filter(organization=org)
    plain = (
        Employee.objects.filter(organization=org, user__isnull=False, is_active=True)
        .exclude(pk__in=with_roles.values("employee_id"))
        .order_by("pk")
        .first()
    )
    chosen["employee"] = plain
    for role in (
        "unit_head",
        "eval_leader",
        "eval_secretary",
        "me_officer",
        "org_head",
        "org_admin",
        "hr_officer",
    ):
        ra = (
            with_roles.filter(role=role, employee__user__isnull=False)
            .select_related("employee__user")
            .first()
        )
        if ra is not None:
            chosen[role] = ra.employee
    subtree = RoleAssignment.objects.filter(subtree=True, employee__user__isnull=False).select_related(
        "employee__user"
    )
    national = subtree.filter(organization__parent__isnull=True).first()
    aimag = subtree.filter(organization__kind="aimag_office").order_by("organization_id").first()
    chosen["national_me"] = national.employee if national else None
    chosen["aimag_me"] = aimag.employee if aimag else None
    User = m("organizations", "User")
    admin = User.objects.filter(is_superuser=True, is_active=True).first()
    if admin is None:
        admin = User.objects.create_superuser("bench-admin", "bench-admin@example.mn", None)
    chosen["admin"] = admin
    return chosen


def urls(who: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(name, url, role) of every page and API list of daily work."""
    Sheet = m("performance", "EvaluationSheet")
    Plan = m("plans", "Plan")
    PerformancePlan = m("performance", "PerformancePlan")
    org = who["org"]
    out: list[tuple[str, str, str]] = []
    emp = who.get("employee")
    if emp is not None:
        sheet = Sheet.objects.filter(employee=emp).order_by("-cycle__year", "-cycle__period").first()
        out += [("own page", "/performance/", "employee"), ("home", "/", "employee")]
        if sheet is not None:
            out += [
                ("sheet", f"/performance/sheets/{sheet.pk}/", "employee"),
                ("report page", f"/performance/sheets/{sheet.pk}/report/", "employee"),
                ("sheet history", f"/performance/sheets/{sheet.pk}/history/", "employee"),
            ]
        pplan = PerformancePlan.objects.filter(employee=emp).first()
        if pplan is not None:
            out.append(("individual plan", f"/performance/plans/{pplan.pk}/", "employee"))
        out += [
            ("API sheets", "/api/v1/performance/sheets/", "employee"),
            ("plans list", "/plans/", "employee"),
        ]
    head = who.get("unit_head")
    if head is not None:
        subs = (
            Sheet.objects.filter(employee__unit_id=head.unit_id)
            .exclude(employee=head)
            .order_by("-cycle__year", "pk")
        )
        sub = subs.filter(status="verified").first() or subs.first()
        out += [
            ("unit page", "/performance/unit/", "unit_head"),
            ("queue", "/performance/queue/", "unit_head"),
        ]
        if sub is not None:
            out += [
                ("subordinate's sheet", f"/performance/sheets/{sub.pk}/", "unit_head"),
                ("scoring page", f"/performance/sheets/{sub.pk}/score/", "unit_head"),
            ]
        out.append(("API report entries", "/api/v1/performance/report-entries/", "unit_head"))
    for role in ("eval_leader", "eval_secretary"):
        if who.get(role) is not None:
            out += [("queue", "/performance/queue/", role), ("overview", "/performance/overview/", role)]
    plan = Plan.objects.filter(organization=org).order_by("-year").first()
    if who.get("me_officer") is not None:
        out += [
            ("organization dashboard", f"/plans/org/{org.code}/dashboard/", "me_officer"),
            ("overview", "/performance/overview/", "me_officer"),
            ("API progress reports", "/api/v1/progress-reports/", "me_officer"),
        ]
        if plan is not None:
            out += [
                ("organization plan", f"/plans/{plan.pk}/", "me_officer"),
                ("plan dashboard", f"/plans/{plan.pk}/dashboard/", "me_officer"),
            ]
    if who.get("org_head") is not None:
        out += [
            ("overview", "/performance/overview/", "org_head"),
            ("queue", "/performance/queue/", "org_head"),
        ]
    for role in ("org_admin", "hr_officer"):
        if who.get(role) is not None:
            out += [
                ("organization list", "/organizations/", role),
                ("organization page", f"/organizations/{org.code}/", role),
                ("API employees", "/api/v1/employees/", role),
                ("API roles", "/api/v1/roles/", role),
                ("API sheets", "/api/v1/performance/sheets/", role),
            ]
    out += [
        ("organization list", "/organizations/", "admin"),
        ("organization page", f"/organizations/{org.code}/", "admin"),
        ("overview", "/performance/overview/", "admin"),
        ("API organizations", "/api/v1/organizations/", "admin"),
        ("API employees", "/api/v1/employees/", "admin"),
        ("API sheets", "/api/v1/performance/sheets/", "admin"),
        ("API report entries", "/api/v1/performance/report-entries/", "admin"),
        ("API roles", "/api/v1/roles/", "admin"),
        ("API plans", "/api/v1/plans/", "admin"),
    ]
    return out + extra_urls(who)


def extra_urls(who: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The aimag and national pages, where this version has them."""
    from django.urls import NoReverseMatch, reverse

    out = []
    Organization = m("organizations", "Organization")
    aimag = who.get("aimag_me")
    try:
        out.append(("national page", reverse("regions:national"), "admin"))
        if who.get("national_me") is not None:
            out.append(("national page", reverse("regions:national"), "national_me"))
        if aimag is not None:
            code = Organization.objects.get(pk=aimag.organization_id).code
            out.append(("aimag page", reverse("regions:region", args=[code]), "aimag_me"))
    except NoReverseMatch:
        pass
    return out


def measure(client: Client, url: str, runs: int) -> dict[str, Any]:
    client.get(url)  # warm-up
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "cpu_ms": round(statistics.median(cpu), 1),
        "queries": len(queries.captured_queries),
        "status": response.status_code,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--output")
    parser.add_argument("--only", help="measure only URLs whose name contains this")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    who = people()
    results = []
    clients: dict[str, Client] = {}
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    print(f"{'page':<28} {'role':<15} {'median':>8} {'p95':>8} {'CPU':>8} {'queries':>7}  load  url")
    for name, url, role in urls(who):
        if args.only and args.only not in name:
            continue
        client = clients.get(role)
        if client is None:
            client = clients[role] = Client()
            person = who[role]
            client.force_login(person if role == "admin" else person.user)
        figures = measure(client, url, args.runs)
        load = round(os.getloadavg()[0], 2)
        results.append({"name": name, "url": url, "role": role, **figures, "load": load})
        print(f"{name:<28} {role:<15} {figures['median_ms']:>6.1f}ms {figures['p95_ms']:>6.1f}ms {figures['cpu_ms']:>6.1f}ms "
              f"{figures['queries']:>7}  {load:>4.1f}  {url} {'' if figures['status'] == 200 else figures['status']}")  # fmt: skip
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
