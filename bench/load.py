"""Deadline-day load and a login rush against the production stack on loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/urdun_scale_10pct \\
        .venv/bin/python bench/load.py --users 200 --duration 60 --output var/bench/load-10pct.json

Starts scripts/serve-production on 127.0.0.1 (gunicorn with --workers, a Celery worker, Redis
for cache and sessions) against the configured database (a bench/generate.py profile, whose
logins share one password), waits for /readyz, then runs Locust headless twice, each bounded by
--duration seconds: the deadline-day mix (bench/locustfile.py: own page, sheet, save a report
entry, sheet again; each simulated user is a different employee with a draft annual sheet) and
the login rush (every user logs in at once, once). Stops the server afterwards. Locust runs on
the same machine and takes CPU from the server: the figures are a floor.

JSON: a list of {name, users, rps, p50_ms, p95_ms, p99_ms, errors, requests, max_ms, workers, load}.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urdun.settings")


def people(n: int) -> list[dict[str, Any]]:
    """n employees with a draft annual sheet and a report entry, one entry each."""
    import django

    django.setup()
    from django.apps import apps

    entry_model = apps.get_model("performance", "ReportEntry")
    rows = (
        entry_model.objects.filter(sheet__status="draft", sheet__cycle__period="Y", order=1)
        .filter(sheet__employee__user__isnull=False, sheet__employee__roles__isnull=True)
        .values_list("sheet__employee__user__username", "sheet_id", "pk", "version")
        .order_by("sheet_id")[:n]
    )
    found = [{"username": u, "sheet": s, "entry": e, "version": v} for u, s, e, v in rows]
    if not found:
        sys.exit("no draft annual sheets: load a profile with bench/generate.py first")
    # A signed-in session per person, as a login would leave it: the deadline mix starts
    # signed in, so it measures the mix; the login rush measures the logins.
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    users = {
        u.username: u
        for u in apps.get_model("organizations", "User").objects.filter(
            username__in=[p["username"] for p in found]
        )
    }
    for person in found:
        user = users[person["username"]]
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        person["session"] = session.session_key
    return found


def wait_ready(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"the server did not become ready at {url}")


def locust(
    host: str, user_class: str, users: int, rate: float, duration: int, env: dict[str, str], csv_prefix: str
) -> None:
    cmd = [
        str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "bench/locustfile.py"), user_class, "--headless",
        "--host", host, "-u", str(users), "-r", str(rate), "-t", f"{duration}s", "--csv", csv_prefix,
        "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING",
    ]  # fmt: skip
    subprocess.run(cmd, env=env, check=False, timeout=duration + 120)


def summary(csv_prefix: str, name: str, users: int) -> dict[str, Any]:
    with open(f"{csv_prefix}_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    per_name = {r["Name"]: r for r in rows if r["Name"] != "Aggregated"}

    def num(row: dict[str, str], key: str) -> float:
        value = row.get(key, "")
        return float(value) if value not in ("", "N/A") else 0.0

    return {
        "name": name,
        "users": users,
        "rps": round(num(total, "Requests/s"), 1),
        "p50_ms": num(total, "50%"),
        "p95_ms": num(total, "95%"),
        "p99_ms": num(total, "99%"),
        "errors": int(num(total, "Failure Count")),
        "requests": int(num(total, "Request Count")),
        "max_ms": num(total, "Max Response Time"),
        "per_request": {
            n: {"count": int(num(r, "Request Count")), "p50_ms": num(r, "50%"), "p95_ms": num(r, "95%")}
            for n, r in per_name.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds per run (each run is bounded)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8618)
    parser.add_argument("--password", default="bench-password-18")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/8")
    parser.add_argument("--skip-login-rush", action="store_true")
    parser.add_argument("--output")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL to the PostgreSQL database of a generated profile")
    host = f"http://127.0.0.1:{args.port}"
    work = Path(tempfile.mkdtemp(prefix="urdun-load-"))
    people_file = work / "people.json"
    people_file.write_text(json.dumps(people(args.users)))
    var = ROOT / "var" / "bench" / "serve"  # static files collected once, kept between runs
    collected = (var / "static" / "staticfiles.json").exists() or (var / "static" / "urdun").exists()
    server_env = os.environ | {
        "DEBUG": "0", "SECRET_KEY": "bench-load-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0", "SECURE_HSTS_SECONDS": "0",
        "REDIS_URL": args.redis, "URDUN_ADDRESS": f"127.0.0.1:{args.port}", "WEB_WORKERS": str(args.workers),
        "CSRF_TRUSTED_ORIGINS": host, "AXES_ENABLED": "1", "LOG_LEVEL": "ERROR", "URDUN_VAR_DIR": str(var),
        "COLLECTSTATIC": "0" if collected else "1",
    }  # fmt: skip
    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / "scripts/serve-production")], env=server_env, cwd=ROOT, start_new_session=True,
        stdout=open(work / "server.log", "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
    )  # fmt: skip
    results = []
    try:
        wait_ready(host + "/readyz", 1200)
        locust_env = os.environ | {
            "URDUN_LOAD_PEOPLE": str(people_file),
            "URDUN_LOAD_PASSWORD": args.password,
        }
        runs = [("deadline mix", "DeadlineUser", args.spawn_rate)]
        if not args.skip_login_rush:
            runs.append(("login rush", "LoginUser", args.users))
        for name, user_class, rate in runs:
            load = os.getloadavg()[0]
            prefix = str(work / user_class)
            locust(host, user_class, args.users, rate, args.duration, locust_env, prefix)
            result = summary(prefix, name, args.users) | {"workers": args.workers, "load": round(load, 2)}
            results.append(result)
            print(f"{name:<14} users {args.users:>4}  {result['rps']:>6.1f} req/s  p50 {result['p50_ms']:>6.0f} ms  "
                  f"p95 {result['p95_ms']:>6.0f} ms  p99 {result['p99_ms']:>6.0f} ms  max {result['max_ms']:>6.0f} ms  "
                  f"errors {result['errors']}/{result['requests']}  load {load:.1f}")  # fmt: skip
            for request, figures in result["per_request"].items():
                print(
                    f"    {request:<20} {figures['count']:>6}  p50 {figures['p50_ms']:>6.0f} ms  p95 {figures['p95_ms']:>6.0f} ms"
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(f"server log: {work / 'server.log'}")


if __name__ == "__main__":
    main()
