"""Demo step: E. Batsetseg's 2025 half-year report and evaluation sheet from seed 002, confirmed
with the paper's signatures and dates. Idempotent: the import replaces the same period."""

from __future__ import annotations

from pathlib import Path

from urdun.imports import seeds
from urdun.imports.performance_import import commit_performance, read_performance
from urdun.organizations.models import Employee

SEED = "002_be74bae87865f47b.txt"
USERNAME = "batsetseg"
PERIOD = "2025-H1"


def seed_path() -> Path:
    return seeds.seed_path(SEED)


def load() -> list[str]:
    employee = Employee.objects.select_related("organization", "unit").filter(user__username=USERNAME).first()
    if employee is None:
        return [f"performance: no employee {USERNAME}; run the organizations step first"]
    path = seed_path()
    parsed = read_performance(path.read_bytes(), path.name)
    summary = commit_performance(parsed, employee, PERIOD)
    return [f"performance: {summary.line()}"]
