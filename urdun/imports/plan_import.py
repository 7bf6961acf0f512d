"""Write a parsed organizational plan (urdun.imports.parsers.parse_plan) into the plans app.

`commit_plan` writes the whole tree in one transaction. Re-importing a plan (same organization
and title) updates sections, objectives and actions by their codes, creates no duplicates and
deletes the rows that are no longer in the file. Responsibles are resolved to units (abbreviation
or name), child organizations (short name) and employees ("Д.Ербол"); the text is always kept,
and an entry the M&E officer resolved by hand keeps its link when the file still names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urdun.imports.notes import note_dicts
from urdun.imports.parsers import ParsedPlan, ParseError, Problem, parse_plan
from urdun.imports.problems import problem_text
from urdun.organizations.models import Organization
from urdun.organizations.permissions import can
from urdun.plans.models import ROMAN, Action, Objective, Plan, Responsible, Section
from urdun.plans.services import Lookups, PlanError, build_responsibles, public_cache_key

YEAR_RE = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")

__all__ = [
    "ImportSummary",
    "ParseError",
    "commit_plan",
    "plan_preview",
    "preview_lines",
    "problem_lines",
    "read_plan",
]


def read_plan(data: bytes, filename: str) -> ParsedPlan:
    """Parse an uploaded plan; raises ParseError (with `.problems`) when it cannot be read."""
    return parse_plan(data, filename)


def problem_lines(problems: list[Problem]) -> list[str]:
    return [problem_text(p) for p in problems]


@dataclass
class ImportSummary:
    plan: Plan
    created: bool
    sections: int
    objectives: int
    actions: int
    deleted: int
    unresolved: int

    def line(self) -> str:
        return _(
            "Plan %(id)s “%(title)s”: %(sections)d sections, %(objectives)d objectives, "
            "%(actions)d actions (%(state)s); %(deleted)d removed; %(unresolved)d responsibles "
            "to resolve."
        ) % {
            "id": self.plan.pk,
            "title": self.plan.title,
            "sections": self.sections,
            "objectives": self.objectives,
            "actions": self.actions,
            "state": _("new plan") if self.created else _("updated"),
            "deleted": self.deleted,
            "unresolved": self.unresolved,
        }


def _title(parsed: ParsedPlan) -> str:
    return " ".join((parsed.title or "").split())[:500]


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def plan_preview(parsed: ParsedPlan, organization: Organization) -> dict[str, Any]:
    """What committing `parsed` into `organization` would do, before anything is written: create
    a plan or update which one, whether the file names another organization, the readings that
    were not literal and the columns kept as extra fields."""
    title = _title(parsed)
    existing = Plan.objects.filter(organization=organization, title=title).first() if title else None
    written = " ".join((parsed.organization_name or "").split())
    differs = bool(written) and not any(
        _same_name(written, name) for name in (organization.name, organization.short_name) if name
    )
    extra: list[str] = []
    for a in parsed.actions:
        extra += [name for name in a.extra if name not in extra]
    return {
        "action": "update" if existing else "create",
        "plan": existing,
        "title": title,
        "file_organization": written,
        "organization": organization.name,
        "organization_differs": differs,
        "notes": note_dicts(parsed.problems),
        "extra_columns": extra,
    }


def preview_lines(preview: dict[str, Any]) -> list[str]:
    """The preview as sentences (the command prints them before importing)."""
    lines = []
    if preview["plan"] is not None:
        lines.append(
            _("Updates plan %(id)s “%(title)s” (matched by its title).")
            % {"id": preview["plan"].pk, "title": preview["plan"].title}
        )
    else:
        lines.append(_("Creates a new plan “%(title)s”.") % {"title": preview["title"]})
    if preview["organization_differs"]:
        lines.append(
            _("The file is headed “%(written)s”, but it is imported into “%(organization)s”.")
            % {"written": preview["file_organization"], "organization": preview["organization"]}
        )
    if preview["extra_columns"]:
        lines.append(
            _("Columns kept as other fields of each action: %(names)s.")
            % {"names": ", ".join(f"“{n}”" for n in preview["extra_columns"])}
        )
    return lines


def _year(parsed: ParsedPlan) -> int:
    m = YEAR_RE.search(parsed.title or "")
    return int(m.group(1)) if m else timezone.localdate().year


def commit_plan(
    parsed: ParsedPlan,
    organization: Organization,
    actor: Any = None,
    *,
    legal_basis: str | None = None,
    year: int | None = None,
) -> Plan:
    return commit_plan_summary(parsed, organization, actor, legal_basis=legal_basis, year=year).plan


def commit_plan_summary(
    parsed: ParsedPlan,
    organization: Organization,
    actor: Any = None,
    *,
    legal_basis: str | None = None,
    year: int | None = None,
) -> ImportSummary:
    if actor is not None and not can(actor, "plans.edit_plan", organization):
        raise PlanError(_("Only the M&E officer or an administrator may import plans."))
    if parsed.errors:
        raise PlanError(_("The file has errors; nothing was imported."))
    title = _title(parsed)
    if not title:
        raise PlanError(_("The plan has no title."))
    lookups = Lookups.for_organization(organization)
    notes = note_dicts(parsed.problems)
    with transaction.atomic():
        plan, created = Plan.objects.select_for_update().get_or_create(
            organization=organization,
            title=title,
            defaults={"year": year or _year(parsed), "legal_basis": legal_basis or "", "import_notes": notes},
        )
        if not created:
            if year:
                plan.year = year
            if legal_basis is not None:
                plan.legal_basis = legal_basis
            plan.import_notes = notes
            plan.save()
        sections = {s.code: s for s in plan.sections.all()}
        objectives = {o.code: o for o in Objective.objects.filter(section__plan=plan)}
        actions = {a.code: a for a in plan.actions.all()}
        old_links = {
            (r.action_id, r.text): r for r in Responsible.objects.filter(action__plan=plan) if r.resolved
        }
        kept_sections, kept_objectives, kept_actions = set(), set(), set()
        changed_actions: list[Action] = []
        for si, ps in enumerate(parsed.sections, 1):
            s = sections.get(ps.code) or Section(plan=plan, code=ps.code)
            s.title, s.position = ps.title, si
            s.save()
            sections[ps.code] = s
            kept_sections.add(s.pk)
            for oi, po in enumerate(ps.objectives, 1):
                o = objectives.get(po.code) or Objective(code=po.code)
                o.section, o.text, o.position = s, po.text, oi
                o.save()
                objectives[po.code] = o
                kept_objectives.add(o.pk)
                for ai, pa in enumerate(po.actions, 1):
                    a = actions.get(pa.code) or Action(plan=plan, code=pa.code)
                    a.objective, a.position, a.row = o, ai, pa.row
                    a.text, a.baseline, a.target = pa.text, pa.baseline, pa.target
                    a.extra = dict(pa.extra)
                    a.set_quarters([ROMAN.index(q) + 1 for q in pa.quarters if q in ROMAN])
                    a.save()
                    actions[pa.code] = a
                    kept_actions.add(a.pk)
                    a._responsible_texts = pa.responsibles
                    changed_actions.append(a)
        deleted, _detail = plan.actions.exclude(pk__in=kept_actions).delete()
        deleted_actions = _detail.get("plans.Action", 0)
        Objective.objects.filter(section__plan=plan).exclude(pk__in=kept_objectives).delete()
        plan.sections.exclude(pk__in=kept_sections).delete()
        Responsible.objects.filter(action__plan=plan).delete()
        rows: list[Responsible] = []
        for a in changed_actions:
            built = build_responsibles(a, a._responsible_texts, lookups)
            taken_units = {r.unit_id for r in built if r.unit_id}
            taken_people = {r.employee_id for r in built if r.employee_id}
            for r in built:
                old = old_links.get((a.pk, r.text))
                if r.resolved or old is None:
                    continue
                if old.unit_id in taken_units or old.employee_id in taken_people:
                    continue
                r.kind, r.unit_id = old.kind, old.unit_id
                r.organization_id, r.employee_id = old.organization_id, old.employee_id
                taken_units.add(old.unit_id)
                taken_people.add(old.employee_id)
            rows += built
        Responsible.objects.bulk_create(rows)
        from django.core.cache import cache

        transaction.on_commit(lambda: cache.delete(public_cache_key(plan.pk)))
    return ImportSummary(
        plan=plan,
        created=created,
        sections=len(kept_sections),
        objectives=len(kept_objectives),
        actions=len(kept_actions),
        deleted=deleted_actions,
        unresolved=sum(1 for r in rows if not r.resolved),
    )
