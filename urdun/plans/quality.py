"""Quality checks of an organizational action plan (issue 19: plan quality at entry and import).

For every action: a target that is missing or cannot be measured, a missing baseline, no
implementation quarter, no responsible, a responsible that resolves to no unit, organization or
person, and an action text that repeats another action of the same plan. Checks read what is
stored; they never change it. Two queries for a whole plan, whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from urdun.core.quality import (
    Finding,
    is_blank,
    is_unmeasurable,
    normalised_text,
    summary,
)
from urdun.plans.models import Action, Plan, Responsible

# Checks made per action; the plan's quality score is the share of them that pass.
CHECKS_PER_ACTION = 6


def check_action(action: Action, duplicates: set[int] | None = None) -> list[Finding]:
    """The findings of one action. ``action.responsibles`` should be prefetched."""
    label = action.code
    out: list[Finding] = []

    def add(code: str, field: str, message: str, written: str = "") -> None:
        out.append(Finding(code, "action", action.pk, label, field, message, written=written))

    if is_blank(action.target):
        add("target_missing", "target", _("The action has no target."), action.target)
    elif is_unmeasurable(action.target):
        add(
            "target_unmeasurable",
            "target",
            _(
                "The target names no quantity and no result, so nobody can tell at the end of "
                "the year whether it was reached. Write what will exist or how many."
            ),
            action.target,
        )
    if is_blank(action.baseline):
        add("baseline_missing", "baseline", _("The action has no baseline."), action.baseline)
    if not action.quarters.strip():
        add("quarter_missing", "quarters", _("The action has no implementation quarter."))
    responsibles = list(action.responsibles.all())
    if not responsibles:
        add("responsible_missing", "responsibles", _("Nobody is named responsible for the action."))
    unresolved = [r.text for r in responsibles if not r.resolved]
    if unresolved:
        add(
            "responsible_unresolved",
            "responsibles",
            _("These responsibles match no unit, organization or person: %(names)s")
            % {"names": ", ".join(unresolved)},
            ", ".join(unresolved),
        )
    if duplicates and action.pk in duplicates:
        add("duplicate_text", "text", _("Another action of the plan has the same text."), action.text)
    return out


def _duplicate_ids(actions: list[Action]) -> set[int]:
    seen: dict[str, list[int]] = defaultdict(list)
    for a in actions:
        key = normalised_text(a.text)
        if key:
            seen[key].append(a.pk)
    return {pk for ids in seen.values() if len(ids) > 1 for pk in ids}


def plan_actions(plan: Plan) -> list[Action]:
    """The plan's actions in document order with their responsibles (two queries)."""
    return list(
        Action.objects.filter(plan=plan)
        .select_related("objective__section")
        .prefetch_related(Prefetch("responsibles", queryset=Responsible.objects.order_by("position", "pk")))
        .order_by("objective__section__position", "objective__position", "position", "pk")
    )


def check_plan(plan: Plan) -> dict[str, Any]:
    """Every finding of the plan, and a summary with counts by code and a quality score."""
    actions = plan_actions(plan)
    duplicates = _duplicate_ids(actions)
    findings = [f for a in actions for f in check_action(a, duplicates)]
    return {
        "plan": {"id": plan.pk, "title": plan.title, "organization": plan.organization.code},
        "findings": findings,
        "summary": summary(findings, len(actions), CHECKS_PER_ACTION),
    }


def findings_by_action(plan: Plan) -> dict[int, list[Finding]]:
    """For the plan page: each action's findings, to show at its fields."""
    out: dict[int, list[Finding]] = defaultdict(list)
    for f in check_plan(plan)["findings"]:
        if f.object_id is not None:
            out[f.object_id].append(f)
    return dict(out)
