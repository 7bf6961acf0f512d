"""State changes of organizational plans. Pages, HTMX endpoints, the API and the importer call
these functions; each locks what it changes, checks its guard, writes, records who and when, and
raises `PlanError` with a translated message.

Transitions (the one list):
- progress: (none) → draft → submitted; a report may be corrected later, history keeps every
  version and `late` records a filing after the deadline.
- assessment: (none) → assessed | not_due | cannot_evaluate, re-assessable; history kept.
- publication: unpublished ⇄ published.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from urdun.organizations.models import Employee, Organization, Role
from urdun.organizations.permissions import actor_for, can
from urdun.organizations.services import unit_lookup
from urdun.plans.models import (
    Action,
    Assessment,
    Evidence,
    Objective,
    Plan,
    PlanSettings,
    ProgressReport,
    ReportingPeriod,
    Responsible,
    Section,
    quarters_from_text,
)


class PlanError(Exception):
    """A refused change to a plan; `message` is translated when raised."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


# --- Responsibles -------------------------------------------------------------------------

NAME_RE = re.compile(r"^\s*([^\W\d_]{1,3})\s*\.\s*([^\W\d_][^\W\d_\-]+)\s*$")


@dataclass
class Lookups:
    """Everything needed to resolve responsible text within one organization, loaded once."""

    units: dict[str, int]
    organizations: dict[str, int]
    people: dict[str, list[int]]

    @classmethod
    def for_organization(cls, organization: Organization) -> Lookups:
        orgs: dict[str, int] = {}
        for pk, short, name in Organization.objects.filter(parent=organization).values_list(
            "pk", "short_name", "name"
        ):
            if short:
                orgs[short.strip().lower()] = pk
            orgs[name.strip().lower()] = pk
        people: dict[str, list[int]] = {}
        for e in Employee.objects.filter(
            organization__in=[organization.pk, *orgs.values()], is_active=True
        ).only("pk", "family_name", "given_name"):
            people.setdefault(_name_key(e.short_name), []).append(e.pk)
        return cls(units=unit_lookup(organization), organizations=orgs, people=people)


def _name_key(text: str) -> str:
    m = NAME_RE.match(text)
    if not m:
        return text.strip().lower()
    return f"{m.group(1)[:1]}.{m.group(2)}".lower()


def _fold(text: str) -> str:
    return text.translate(str.maketrans("үө", "уо"))


def resolve_text(text: str, lookups: Lookups) -> tuple[str, dict[str, int | None]]:
    """(kind, links) for one responsible entry. Ambiguous names stay unresolved."""
    key = " ".join(text.split()).strip().lower()
    if key in lookups.units:
        return Responsible.Kind.UNIT, {"unit_id": lookups.units[key]}
    folded = [pk for name, pk in lookups.units.items() if _fold(name) == _fold(key)]
    if len(set(folded)) == 1:
        # The seed writes ХШУДАХ for ХШҮДАХ: Ү/У and Ө/О are folded when that is unambiguous.
        return Responsible.Kind.UNIT, {"unit_id": folded[0]}
    if key in lookups.organizations:
        return Responsible.Kind.ORGANIZATION, {"organization_id": lookups.organizations[key]}
    if NAME_RE.match(text):
        ids = lookups.people.get(_name_key(text), [])
        if len(ids) == 1:
            return Responsible.Kind.PERSON, {"employee_id": ids[0]}
        return Responsible.Kind.UNKNOWN, {}
    return Responsible.Kind.UNKNOWN, {}


def build_responsibles(action: Action, texts: list[str], lookups: Lookups) -> list[Responsible]:
    """Unsaved Responsible rows for `texts`, in order; a unit or person named twice on one
    action is linked once (the second mention keeps its text only)."""
    out = []
    seen_units: set[int] = set()
    seen_people: set[int] = set()
    for i, raw in enumerate(texts):
        text = " ".join(raw.split()).strip(" ,;")
        if not text:
            continue
        kind, links = resolve_text(text, lookups)
        if links.get("unit_id") in seen_units or links.get("employee_id") in seen_people:
            kind, links = Responsible.Kind.UNKNOWN, {}
        seen_units.add(links.get("unit_id") or 0)
        seen_people.add(links.get("employee_id") or 0)
        out.append(Responsible(action=action, position=i, text=text[:255], kind=kind, **links))
    return out


def split_responsibles(text: str) -> list[str]:
    """Comma-separated entries; a part starting in lower case continues the one before it
    ("Бүх хэлтэс, агентлаг" is one entry), as the importer reads them."""
    entries: list[str] = []
    for part in re.split(r"[,;\n]", text):
        part = part.strip()
        if not part:
            continue
        if entries and part[0].islower():
            entries[-1] = f"{entries[-1]}, {part}"
        else:
            entries.append(part)
    return entries


def set_responsibles(action: Action, texts: list[str], lookups: Lookups | None = None) -> None:
    lookups = lookups or Lookups.for_organization(action.plan.organization)
    action.responsibles.all().delete()
    Responsible.objects.bulk_create(build_responsibles(action, texts, lookups))


def resolve_responsible(
    responsible: Responsible,
    user: Any,
    *,
    unit_id: int | None = None,
    organization_id: int | None = None,
    employee_id: int | None = None,
) -> Responsible:
    """The M&E officer links an unresolved entry to a unit, child organization or employee."""
    with transaction.atomic():
        r = Responsible.objects.select_for_update().select_related("action__plan").get(pk=responsible.pk)
        plan = r.action.plan
        if not can(user, "plans.edit_plan", plan):
            raise PlanError(_("Only the M&E officer or an administrator may resolve responsibles."))
        chosen = [x for x in (unit_id, organization_id, employee_id) if x]
        if len(chosen) > 1:
            raise PlanError(_("Choose one unit, organization or employee."))
        r.unit_id = r.organization_id = r.employee_id = None
        r.kind = Responsible.Kind.UNKNOWN
        if unit_id:
            if not plan.organization.units.filter(pk=unit_id).exists():
                raise PlanError(_("The unit belongs to another organization."))
            if Responsible.objects.filter(action=r.action, unit_id=unit_id).exclude(pk=r.pk).exists():
                raise PlanError(_("This unit is already responsible for the action."))
            r.unit_id, r.kind = unit_id, Responsible.Kind.UNIT
        elif organization_id:
            if not Organization.objects.filter(pk=organization_id, parent=plan.organization).exists():
                raise PlanError(_("The organization is not under this plan's organization."))
            r.organization_id, r.kind = organization_id, Responsible.Kind.ORGANIZATION
        elif employee_id:
            ok = Employee.objects.filter(pk=employee_id).filter(
                organization__in=[
                    plan.organization_id,
                    *plan.organization.children.values_list("pk", flat=True),
                ]
            )
            if not ok.exists():
                raise PlanError(_("The employee works in another organization."))
            if Responsible.objects.filter(action=r.action, employee_id=employee_id).exclude(pk=r.pk).exists():
                raise PlanError(_("This employee is already responsible for the action."))
            r.employee_id, r.kind = employee_id, Responsible.Kind.PERSON
        r._change_reason = "resolved"
        r.save()
        _touch(plan)
    return r


# --- Plan structure ---------------------------------------------------------------------------


def _require_edit(user: Any, plan_or_org: Any) -> None:
    if user is not None and not can(user, "plans.edit_plan", plan_or_org):
        raise PlanError(_("Only the M&E officer or an administrator may edit this plan."))


def _touch(plan: Plan) -> None:
    """Bump the plan's last change (the public page's cache key)."""
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    cache.delete(public_cache_key(plan.pk))


def public_cache_key(plan_id: int) -> str:
    return f"plans:public:{plan_id}"


def create_plan(organization: Organization, user: Any, **fields: Any) -> Plan:
    _require_edit(user, organization)
    if Plan.objects.filter(organization=organization, title=fields.get("title", "")).exists():
        raise PlanError(_("This organization already has a plan with this title."))
    return Plan.objects.create(organization=organization, **fields)


def update_plan(plan: Plan, user: Any, **fields: Any) -> Plan:
    _require_edit(user, plan)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        for k, v in fields.items():
            setattr(plan, k, v)
        if (
            Plan.objects.filter(organization=plan.organization_id, title=plan.title)
            .exclude(pk=plan.pk)
            .exists()
        ):
            raise PlanError(_("This organization already has a plan with this title."))
        plan.save()
        cache.delete(public_cache_key(plan.pk))
    return plan


def save_section(plan: Plan, user: Any, *, section: Section | None = None, code: str, title: str) -> Section:
    _require_edit(user, plan)
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        if section is None:
            pos = (plan.sections.aggregate(m=Max("position"))["m"] or 0) + 1
            section = Section(plan=plan, position=pos)
        section.code, section.title = code.strip().rstrip("."), title.strip()
        section.save()
        _touch(plan)
    return section


def save_objective(
    section: Section, user: Any, *, objective: Objective | None = None, code: str, text: str
) -> Objective:
    plan = section.plan
    _require_edit(user, plan)
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        if objective is None:
            pos = (section.objectives.aggregate(m=Max("position"))["m"] or 0) + 1
            objective = Objective(section=section, position=pos)
        objective.code, objective.text = code.strip().rstrip("."), text.strip()
        objective.save()
        _touch(plan)
    return objective


def save_action(
    objective: Objective,
    user: Any,
    *,
    action: Action | None = None,
    code: str,
    text: str,
    quarters: list[int],
    baseline: str = "",
    target: str = "",
    responsibles: list[str] | None = None,
    row: int | None = None,
) -> Action:
    plan = objective.section.plan
    _require_edit(user, plan)
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        if action is None:
            pos = (objective.actions.aggregate(m=Max("position"))["m"] or 0) + 1
            action = Action(plan=plan, objective=objective, position=pos)
            if row is None:
                row = (plan.actions.aggregate(m=Max("row"))["m"] or 0) + 1
        if row is not None:
            action.row = row
        action.code, action.text = code.strip().rstrip("."), text.strip()
        action.baseline, action.target = baseline.strip(), target.strip()
        action.set_quarters(quarters)
        action.save()
        if responsibles is not None:
            old = [r.text for r in action.responsibles.all()]
            if old != responsibles:
                set_responsibles(action, responsibles)
        _touch(plan)
    return action


def delete_action(action: Action, user: Any) -> None:
    plan = action.plan
    _require_edit(user, plan)
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        if action.progress_reports.exists() or action.assessments.exists():
            raise PlanError(_("An action with progress reports or assessments cannot be deleted."))
        action.delete()
        _touch(plan)


def move_action(action: Action, user: Any, direction: str) -> Action:
    """Swap the action with its neighbour in the objective ("up" or "down")."""
    plan = action.plan
    _require_edit(user, plan)
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        siblings = list(action.objective.actions.order_by("position", "id"))
        for i, a in enumerate(siblings):
            a.position = i + 1
        idx = next(i for i, a in enumerate(siblings) if a.pk == action.pk)
        other = idx - 1 if direction == "up" else idx + 1
        if 0 <= other < len(siblings):
            siblings[idx], siblings[other] = siblings[other], siblings[idx]
            for i, a in enumerate(siblings):
                a.position = i + 1
        Action.objects.bulk_update(siblings, ["position"])
        _touch(plan)
    return action


def renumber_rows(plan: Plan, user: Any) -> int:
    """Row numbers (Д/д) 1..n in the plan's order; official codes are left as written."""
    _require_edit(user, plan)
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        actions = list(
            plan.actions.order_by(
                "objective__section__position",
                "objective__section_id",
                "objective__position",
                "objective_id",
                "position",
                "id",
            )
        )
        for i, a in enumerate(actions):
            a.row = i + 1
        Action.objects.bulk_update(actions, ["row"])
        _touch(plan)
    return len(actions)


# --- Reporting periods ------------------------------------------------------------------------

QUARTER_BOUNDS = {1: ((1, 1), (3, 31)), 2: ((4, 1), (6, 30)), 3: ((7, 1), (9, 30)), 4: ((10, 1), (12, 31))}


def standard_periods(organization: Organization, year: int) -> list[ReportingPeriod]:
    """Create (or keep) the four quarters, the half-year and the year. Deadlines default to the
    5th of the month after the period (the year: 10 January), editable afterwards."""
    specs = []
    for q in range(1, 5):
        (sm, sd), (em, ed) = QUARTER_BOUNDS[q]
        end = date(year, em, ed)
        specs.append((f"Q{q}", date(year, sm, sd), end, (end + timedelta(days=5)), q))
    specs.append(("H1", date(year, 1, 1), date(year, 6, 30), date(year, 7, 5), 2))
    specs.append(("Y", date(year, 1, 1), date(year, 12, 31), date(year + 1, 1, 10), 4))
    out = []
    for kind, start, end, deadline, through in specs:
        p, _created = ReportingPeriod.objects.get_or_create(
            organization=organization,
            year=year,
            kind=kind,
            defaults={"start": start, "end": end, "deadline": deadline, "through_quarter": through},
        )
        out.append(p)
    return out


def deadline_moment(period: ReportingPeriod) -> datetime:
    """The end of the deadline day in the organization's own time zone."""
    tz = ZoneInfo(period.organization.time_zone or settings.TIME_ZONE)
    return datetime.combine(period.deadline + timedelta(days=1), time.min, tzinfo=tz)


def is_past_deadline(period: ReportingPeriod, now: datetime | None = None) -> bool:
    return (now or timezone.now()) >= deadline_moment(period)


def is_due(action: Action, period: ReportingPeriod) -> bool:
    return action.due_quarter is not None and action.due_quarter <= period.through_quarter


# --- Progress reports -------------------------------------------------------------------------

ALLOWED_EVIDENCE = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def check_evidence(upload: UploadedFile) -> tuple[str, str]:
    """(extension, content type) of an acceptable evidence file, else PlanError. Checked by
    extension and by the file's first bytes (and, for Office files, by their archive layout)."""
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED_EVIDENCE:
        raise PlanError(
            _("“%(name)s”: only PDF, PNG, JPG, DOCX and XLSX files are accepted.") % {"name": name}
        )
    if upload.size is None or upload.size > settings.EVIDENCE_MAX_BYTES:
        raise PlanError(
            _("“%(name)s” is larger than the limit of %(limit)s MB.")
            % {"name": name, "limit": settings.EVIDENCE_MAX_BYTES // (1024 * 1024) or 1}
        )
    if upload.size == 0:
        raise PlanError(_("“%(name)s” is empty.") % {"name": name})
    upload.seek(0)
    head = upload.read(8)
    ok = {
        "pdf": head.startswith(b"%PDF-"),
        "png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        "jpg": head.startswith(b"\xff\xd8\xff"),
        "jpeg": head.startswith(b"\xff\xd8\xff"),
    }.get(ext)
    if ext in ("docx", "xlsx"):
        ok = False
        if head.startswith(b"PK\x03\x04"):
            upload.seek(0)
            try:
                with zipfile.ZipFile(io.BytesIO(upload.read())) as z:
                    names = set(z.namelist())
                ok = "[Content_Types].xml" in names and any(
                    n.startswith("word/" if ext == "docx" else "xl/") for n in names
                )
            except zipfile.BadZipFile:
                ok = False
    upload.seek(0)
    if not ok:
        raise PlanError(_("“%(name)s” is not really a %(ext)s file.") % {"name": name, "ext": ext.upper()})
    return ext, ALLOWED_EVIDENCE[ext]


def _clean_links(links: str) -> str:
    validate = URLValidator(schemes=["http", "https"])
    out = []
    for line in links.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            validate(line)
        except ValidationError:
            raise PlanError(_("“%(link)s” is not a web address (http or https).") % {"link": line}) from None
        out.append(line)
    return "\n".join(out)


def _check_period(action: Action, period: ReportingPeriod) -> None:
    if period.organization_id != action.plan.organization_id:
        raise PlanError(_("The reporting period belongs to another organization."))
    if period.year != action.plan.year:
        raise PlanError(_("The reporting period is not in the plan's year."))


def submit_progress(
    action: Action,
    period: ReportingPeriod,
    user: Any,
    *,
    done: str,
    achieved_value: str = "",
    links: str = "",
    files: list[UploadedFile] | None = None,
    submit: bool = True,
) -> ProgressReport:
    """File (or correct) the progress report of an action for a period."""
    files = files or []
    with transaction.atomic():
        action = Action.objects.select_for_update().select_related("plan__organization").get(pk=action.pk)
        if not can(user, "plans.file_progress", action):
            raise PlanError(_("Only the people responsible for this action may report its progress."))
        _check_period(action, period)
        if not done.strip():
            raise PlanError(_("Describe what was done."))
        links = _clean_links(links)
        checked = [(f, *check_evidence(f)) for f in files]
        report, _created = ProgressReport.objects.get_or_create(
            action=action, period=period, defaults={"done": done}
        )
        report.done = done.strip()
        report.achieved_value = achieved_value.strip()[:500]
        report.links = links
        if submit:
            report.status = ProgressReport.Status.SUBMITTED
            report.submitted_by = user
            report.submitted_at = timezone.now()
            report.late = is_past_deadline(period, report.submitted_at)
        report._history_user = user
        report.save()
        for upload, _ext, content_type in checked:
            Evidence.objects.create(
                report=report,
                file=upload,
                original_name=(upload.name or "")[:255],
                size=upload.size or 0,
                content_type=content_type,
                uploaded_by=user,
            )
    return report


def delete_evidence(evidence: Evidence, user: Any) -> None:
    with transaction.atomic():
        ev = Evidence.objects.select_related("report__action__plan").get(pk=evidence.pk)
        if not can(user, "plans.file_progress", ev.report.action):
            raise PlanError(_("Only the people responsible for this action may remove its evidence."))
        name = ev.file.name
        storage = ev.file.storage
        ev.delete()
        transaction.on_commit(lambda: storage.delete(name))


# --- Assessment -------------------------------------------------------------------------------


def scale_for(organization: Organization) -> PlanSettings:
    """The organization's scale, else the default row, else the built-in 0/30/70/100."""
    s = PlanSettings.objects.filter(organization=organization).first()
    if s is None:
        s = PlanSettings.objects.filter(organization__isnull=True).first() or PlanSettings()
    return s


def parse_percent(value: Any) -> Decimal:
    try:
        d = Decimal(str(value).strip().replace(",", ".").rstrip("%"))
    except (InvalidOperation, ValueError):
        raise PlanError(_("“%(value)s” is not a percentage.") % {"value": value}) from None
    if not d.is_finite():
        raise PlanError(_("“%(value)s” is not a percentage.") % {"value": value})
    return d


def assess(
    action: Action,
    period: ReportingPeriod,
    user: Any,
    *,
    status: str,
    percent: Any = None,
    comment: str = "",
) -> Assessment:
    with transaction.atomic():
        action = Action.objects.select_for_update().select_related("plan__organization").get(pk=action.pk)
        if not can(user, "plans.assess", action):
            raise PlanError(_("Only the organization's M&E officer may assess actions."))
        _check_period(action, period)
        if status not in Assessment.Status.values:
            raise PlanError(_("Choose an assessment status."))
        value: Decimal | None = None
        if status == Assessment.Status.ASSESSED:
            if percent in (None, ""):
                raise PlanError(_("Give the implementation percentage."))
            value = parse_percent(percent)
            if not (Decimal(0) <= value <= Decimal(100)):
                raise PlanError(_("The percentage must be between 0 and 100."))
            scale = scale_for(action.plan.organization)
            if not scale.allow_free_percent and value not in scale.levels:
                raise PlanError(
                    _("The percentage must be one of the scale levels: %(levels)s.")
                    % {"levels": ", ".join(f"{x.normalize():f}" for x in scale.levels)}
                )
            if value != value.quantize(Decimal("0.01")):
                raise PlanError(_("Use at most two decimal places."))
        elif status == Assessment.Status.CANNOT_EVALUATE and not comment.strip():
            raise PlanError(_("Say why the action cannot be evaluated."))
        assessment, _created = Assessment.objects.select_for_update().get_or_create(
            action=action, period=period, defaults={"status": status, "percent": value}
        )
        assessment.status = status
        assessment.percent = value
        assessment.comment = comment.strip()
        assessment.assessed_by = user
        assessment._history_user = user
        assessment.save()
        _touch(action.plan)
    return assessment


# --- Publication ------------------------------------------------------------------------------


def set_published(plan: Plan, user: Any, published: bool) -> Plan:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if not can(user, "plans.publish", plan):
            raise PlanError(_("Only the M&E officer, the organization head or an administrator may publish."))
        plan.is_published = published
        plan.published_at = timezone.now() if published else None
        plan.published_by = user if published else None
        plan._history_user = user
        plan.save()
        cache.delete(public_cache_key(plan.pk))
    return plan


def is_me_officer(user: Any, organization: Organization) -> bool:
    return actor_for(user).has_role(Role.ME_OFFICER, organization.pk)


__all__ = [
    "PlanError",
    "assess",
    "quarters_from_text",
    "set_published",
    "submit_progress",
]
