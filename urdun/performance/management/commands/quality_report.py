"""manage.py quality_report --plan ID | --sheet ID | --organization CODE [--period P] --format json|text

Every quality finding with its code, object, field and message, and a summary. Exit status 0
whatever is found (findings are for people to look at, not errors of the command); an unknown
plan, sheet, organization or period is an error with a clear message.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from urdun.core.quality import Finding
from urdun.organizations.models import Organization
from urdun.performance import quality as performance_quality
from urdun.performance.models import EvaluationSheet, Period
from urdun.plans import quality as plan_quality
from urdun.plans.models import Plan

PERIOD_RE = re.compile(r"^(\d{4})(?:-(H1))?$")


def _plan_section(plan: Plan) -> dict[str, Any]:
    result = plan_quality.check_plan(plan)
    return {"kind": "plan", **result}


def _sheet_section(sheet: EvaluationSheet) -> dict[str, Any]:
    result = performance_quality.check_sheet(sheet)
    plan_findings = performance_quality.check_performance_plan(sheet.plan)
    result["findings"] = plan_findings + result["findings"]
    return {"kind": "sheet", **result}


class Command(BaseCommand):
    help = "Report the quality findings of a plan, a sheet or an organization's plans and sheets."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--plan", type=int, help="Organizational plan id")
        which.add_argument("--sheet", type=int, help="Evaluation sheet id")
        which.add_argument("--organization", help="Organization code, e.g. bayan-ulgii")
        parser.add_argument("--period", help="With --organization: 2025-H1 or 2025 (sheets of that cycle)")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **o: Any) -> None:
        sections = self._sections(o)
        findings: list[Finding] = [f for s in sections for f in s["findings"]]
        by_code: dict[str, int] = {}
        for f in findings:
            by_code[f.code] = by_code.get(f.code, 0) + 1
        summary = {
            "findings": len(findings),
            "by_code": dict(sorted(by_code.items())),
            "by_field": _count(f.field for f in findings),
        }
        if o["format"] == "json":
            out = {
                "findings": [f.as_dict() for f in findings],
                "summary": summary,
                "sections": [
                    {k: v for k, v in s.items() if k != "findings"} | {"findings": len(s["findings"])}
                    for s in sections
                ],
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        for s in sections:
            head = s.get("plan") or s.get("sheet")
            self.stdout.write(
                f"== {s['kind']} {head['id']}: {s['summary']['findings']} "
                f"({_('quality score')} {s['summary']['score'] or '—'})"
            )
            for f in s["findings"]:
                self.stdout.write(f"{f.code}\t{f.object}\t{f.field}\t{f.message}")
        self.stdout.write(
            _("%(n)s findings: %(codes)s")
            % {
                "n": len(findings),
                "codes": ", ".join(f"{k} {v}" for k, v in summary["by_code"].items()) or "—",
            }
        )

    def _sections(self, o: dict[str, Any]) -> list[dict[str, Any]]:
        if o["plan"] is not None:
            plan = Plan.objects.select_related("organization").filter(pk=o["plan"]).first()
            if plan is None:
                raise CommandError(_("No plan has the id %(id)s.") % {"id": o["plan"]})
            return [_plan_section(plan)]
        if o["sheet"] is not None:
            sheet = _sheets().filter(pk=o["sheet"]).first()
            if sheet is None:
                raise CommandError(_("No evaluation sheet has the id %(id)s.") % {"id": o["sheet"]})
            return [_sheet_section(sheet)]
        org = Organization.objects.filter(code=o["organization"]).first()
        if org is None:
            raise CommandError(_("No organization has the code “%(code)s”.") % {"code": o["organization"]})
        sheets = _sheets().filter(employee__organization=org)
        if o["period"]:
            m = PERIOD_RE.match(o["period"])
            if not m:
                raise CommandError(_("A period is written 2025-H1 (half-year) or 2025 (year)."))
            sheets = sheets.filter(
                cycle__year=int(m.group(1)), cycle__period=Period.H1 if m.group(2) else Period.ANNUAL
            )
        plans = Plan.objects.select_related("organization").filter(organization=org).order_by("-year", "pk")
        return [_plan_section(p) for p in plans] + [_sheet_section(s) for s in sheets.order_by("pk")]


def _sheets() -> Any:
    return EvaluationSheet.objects.select_related("cycle", "employee__user", "plan")


def _count(values: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return dict(sorted(out.items()))
