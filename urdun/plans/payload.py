"""The organizational plan as plain data (docs/contracts.md, `export_plan`)."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from urdun.organizations.models import Organization
from urdun.plans.aggregates import fmt, percent_text, plan_figures
from urdun.plans.models import Plan, ReportingPeriod
from urdun.plans.services import PlanError
from urdun.plans.tree import latest_assessed_period, load_tree, responsibles_summary


class PlanNotFound(PlanError):
    pass


def find_plan(organization_code: str, plan_id: int | None = None) -> Plan:
    """The plan `plan_id` of the organization, or its latest plan (highest year, then newest)."""
    from django.utils.translation import gettext as _

    org = Organization.objects.filter(code=organization_code).first()
    if org is None:
        raise PlanNotFound(_("No organization has the code “%(code)s”.") % {"code": organization_code})
    plans = Plan.objects.filter(organization=org).select_related("organization")
    if plan_id is not None:
        plan = plans.filter(pk=plan_id).first()
        if plan is None:
            raise PlanNotFound(
                _("Organization “%(code)s” has no plan with id %(id)s.")
                % {"code": organization_code, "id": plan_id}
            )
        return plan
    plan = plans.order_by("-year", "-created_at", "-pk").first()
    if plan is None:
        raise PlanNotFound(_("Organization “%(code)s” has no plan.") % {"code": organization_code})
    return plan


def _figure(f: Any) -> dict[str, Any]:
    return {"percent": fmt(f.percent), "assessed_count": f.assessed}


def _assessment(a: Any) -> dict[str, Any]:
    if a is None:
        return {"status": "none", "percent": None, "comment": ""}
    return {"status": a.status, "percent": percent_text(a.percent), "comment": a.comment}


def plan_payload(plan: Plan, period: ReportingPeriod | None = None, language: str = "mn") -> dict[str, Any]:
    """The plan with its assessment for `period` (default: the latest assessed period)."""
    with translation.override(language):
        if period is None:
            period = latest_assessed_period(plan)
        tree = load_tree(plan, period, with_reports=False)
        figures = plan_figures(plan, period)
        org = plan.organization
        return {
            "kind": "organizational_plan",
            "organization": {"code": org.code, "name": org.name},
            "plan": {
                "id": plan.pk,
                "title": plan.title,
                "year": plan.year,
                "legal_basis": plan.legal_basis,
                "period": {"code": period.code, "label": str(period.label)} if period else None,
            },
            **_figure(figures.plan),
            "sections": [
                {
                    "code": s.code,
                    "title": s.title,
                    **_figure(figures.section(s.pk)),
                    "objectives": [
                        {
                            "code": o.code,
                            "text": o.text,
                            **_figure(figures.objective(o.pk)),
                            "actions": [
                                {
                                    "row": a.row,
                                    "code": a.code,
                                    "text": a.text,
                                    "quarters": a.quarter_list,
                                    "baseline": a.baseline,
                                    "target": a.target,
                                    "responsibles": responsibles_summary(a),
                                    "assessment": _assessment(a.assessment),
                                    "extra": dict(a.extra or {}),
                                }
                                for a in o.action_list
                            ],
                        }
                        for o in s.objective_list
                    ],
                }
                for s in tree.sections
            ],
            "units": [
                {"abbreviation": u["abbreviation"], "name": u["name"], **_figure(u["figure"])}
                for u in figures.units
            ],
            "import_notes": list(plan.import_notes or []),
        }
