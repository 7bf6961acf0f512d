"""Pages of individual performance. Every object is fetched through ``get_for_user``; every
change goes through ``services``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urdun.organizations.models import EVALUATION_TEAM_ROLES, Employee, Organization, Role
from urdun.organizations.permissions import actor_for, can, get_for_user, require
from urdun.performance import services
from urdun.performance.forms import (
    PLAN_FORMS,
    AdjustmentForm,
    CommentForm,
    CycleCreateForm,
    CycleDeadlinesForm,
    InterviewForm,
    ReportEntryForm,
)
from urdun.performance.models import (
    Adjustment,
    Disagreement,
    EvaluationCycle,
    EvaluationSheet,
    PerformancePlan,
    Period,
    PlanStatus,
    ProgressInterview,
    Reminder,
    ReportEntry,
    RowKind,
    RowMark,
    SheetRow,
    SheetStatus,
)
from urdun.performance.payload import frozen_payload, sheet_payload
from urdun.performance.services import PerformanceError

S = SheetStatus
SHEETS = EvaluationSheet.objects.select_related(
    "employee__unit", "employee__organization", "employee__user", "cycle__methodology", "plan"
)


def _sheet(request: HttpRequest, pk: int, capability: str = "performance.view_sheet") -> EvaluationSheet:
    return get_for_user(request.user, SHEETS, capability, pk=pk)


# --- My performance ----------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    me = actor.employee
    if me is None:
        raise Http404
    sheets = list(SHEETS.filter(employee=me).order_by("-cycle__year", "cycle__period"))
    plans = PerformancePlan.objects.filter(employee=me).order_by("-year")
    cycles = EvaluationCycle.objects.filter(organization_id=me.organization_id).exclude(sheets__employee=me)
    context = {
        "me": me,
        "sheets": sheets,
        "plans": plans,
        "open_cycles": cycles,
        "to_score": services.colleague_sheets_for(request.user),
        "reminders": Reminder.objects.filter(recipient=me, read=False)[:20],
        "this_year": timezone.localdate().year,
        "periods": Period.choices,
    }
    return render(request, "performance/mine.html", context)


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Open the employee's sheet for a cycle (creating the cycle and plan when needed)."""
    me = actor_for(request.user).employee
    if me is None:
        raise Http404
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    period = request.POST.get("period", Period.H1)
    if period not in Period.values:
        raise Http404
    cycle = services.get_or_create_cycle(me.organization, year, period)
    sheet = services.create_sheet(me, cycle)
    return redirect("performance:report", pk=sheet.pk)


@login_required
@require_POST
def reminder_read(request: HttpRequest, pk: int) -> HttpResponse:
    me = actor_for(request.user).employee
    Reminder.objects.filter(pk=pk, recipient=me).update(read=True)
    return redirect("performance:mine")


# --- Plans -------------------------------------------------------------------------------


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    me = actor_for(request.user).employee
    if me is None:
        raise Http404
    plan = services.get_or_create_plan(me, int(request.GET.get("year") or timezone.localdate().year))
    return redirect("performance:plan", pk=plan.pk)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for_user(
        request.user,
        PerformancePlan.objects.select_related("employee__unit", "approved_by"),
        "performance.view_plan",
        pk=pk,
    )
    objectives = plan.objectives.prefetch_related("actions__indicators", "actions__org_action")
    editable = can(request.user, "performance.edit_plan", plan)
    forms = (
        {
            kind: cls(plan=plan) if kind in ("action", "indicator", "assignment") else cls()
            for kind, cls in PLAN_FORMS.items()
        }
        if editable
        else {}
    )
    context = {
        "plan": plan,
        "objectives": objectives,
        "assignments": plan.assignments.select_related("assigned_by"),
        "knowledge": plan.knowledge_goals.all(),
        "editable": editable,
        "can_approve": can(request.user, "performance.approve_plan", plan)
        and plan.status == PlanStatus.SUBMITTED,
        "forms": forms,
        "comment_form": CommentForm(),
        "history": _plan_history(plan),
        "can_amend": can(request.user, "performance.amend_plan", plan),
        "amendments": [
            (a, services.amendment_changes(a.before, a.after))
            for a in plan.amendments.select_related("opened_by", "approved_by")
        ],
    }
    return render(request, "performance/plan.html", context)


def _plan_history(plan: PerformancePlan) -> list[Any]:
    return list(plan.history.select_related("history_user").order_by("-history_date")[:20])


@login_required
@require_POST
def plan_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    plan = get_for_user(
        request.user, PerformancePlan.objects.select_related("employee"), "performance.edit_plan", pk=pk
    )
    form_class = PLAN_FORMS.get(kind)
    if form_class is None:
        raise Http404
    form = (
        form_class(request.POST, plan=plan)
        if kind in ("action", "indicator", "assignment")
        else form_class(request.POST)
    )
    if form.is_valid():
        try:
            services.add_plan_item(request.user, plan, form)
        except PerformanceError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("Saved."))
    else:
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}"
            )
    return redirect("performance:plan", pk=plan.pk)


@login_required
@require_POST
def plan_do(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    plan = get_for_user(request.user, PerformancePlan.objects.all(), "performance.view_plan", pk=pk)
    try:
        if name == "copy":
            require(request.user, "performance.edit_plan", plan)
            n = services.copy_plan(request.user, plan)
            messages.success(request, _("%(n)s actions copied from last year's plan.") % {"n": n})
        elif name == "amend":
            require(request.user, "performance.amend_plan", plan)
            services.open_amendment(request.user, plan, request.POST.get("comment", ""))
            messages.success(
                request, _("The plan is open for amendment. Change it, then send it to the unit head.")
            )
        elif name in services.PLAN_TRANSITIONS:
            require(request.user, services.PLAN_TRANSITIONS[name][2], plan)
            services.plan_transition(request.user, plan, name, request.POST.get("comment", ""))
            messages.success(request, _("Done."))
        else:
            raise Http404
    except PerformanceError as e:
        messages.error(request, e.message)
    return redirect("performance:plan", pk=plan.pk)


def _plan_item(request: HttpRequest, pk: int, kind: str, item_pk: int) -> tuple[PerformancePlan, Any]:
    """An item of a plan the user may edit (404 outside their scope or for another plan)."""
    plan = get_for_user(
        request.user, PerformancePlan.objects.select_related("employee"), "performance.edit_plan", pk=pk
    )
    if kind not in services.PLAN_ITEMS:
        raise Http404
    model, to_plan = services.PLAN_ITEMS[kind]
    item = model.objects.filter(pk=item_pk, **{to_plan: plan}).first()
    if item is None:
        raise Http404
    return plan, item


@login_required
def plan_item_edit(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    plan, item = _plan_item(request, pk, kind, item_pk)
    form_class = PLAN_FORMS[kind]
    extra = {"plan": plan} if kind in ("action", "indicator", "assignment") else {}
    form = form_class(request.POST or None, instance=item, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_plan_item(request.user, plan, form)
        except PerformanceError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("performance:plan", pk=plan.pk)
    return render(
        request, "performance/plan_item.html", {"plan": plan, "item": item, "kind": kind, "form": form}
    )


@login_required
@require_POST
def plan_item_delete(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    plan, item = _plan_item(request, pk, kind, item_pk)
    try:
        services.delete_plan_item(request.user, plan, kind, item)
    except PerformanceError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Removed."))
    return redirect("performance:plan", pk=plan.pk)


# --- The sheet ---------------------------------------------------------------------------


@login_required
def sheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    actor = actor_for(request.user)
    payload = sheet_payload(sheet, language=request.LANGUAGE_CODE, viewer=actor)
    if sheet.status == S.CONFIRMED and sheet.confirmed_payload:
        payload = frozen_payload(sheet, request.LANGUAGE_CODE)
    context = {
        "sheet": sheet,
        "p": payload,
        "actions": services.allowed_transitions(request.user, sheet),
        "comment_form": CommentForm(),
        "disagreements": sheet.disagreements.select_related("answered_by"),
        "can_answer": can(request.user, "performance.answer_disagreement", sheet),
        "can_score": (can(request.user, "performance.assess", sheet) and sheet.status == S.VERIFIED)
        or (can(request.user, "performance.rescore", sheet) and sheet.status in (S.ACKNOWLEDGED, S.DISPUTED)),
        "versions": sheet.versions.all(),
    }
    return render(request, "performance/sheet.html", context)


@login_required
@require_POST
def sheet_do(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    sheet = _sheet(request, pk)
    if name not in services.TRANSITIONS:
        raise Http404
    # Without the step's capability the answer is 403, like every other guarded action; the
    # service checks it again under the row lock, with the sheet's status.
    require(request.user, services.TRANSITIONS[name].capability, sheet)
    try:
        services.transition(request.user, sheet, name, request.POST.get("comment", ""))
        messages.success(request, _("Done: %(what)s.") % {"what": services.TRANSITIONS[name].label})
    except PerformanceError as e:
        messages.error(request, e.message)
    return redirect("performance:sheet", pk=sheet.pk)


@login_required
@require_POST
def disagreement_answer(request: HttpRequest, pk: int) -> HttpResponse:
    d = Disagreement.objects.select_related("sheet").filter(pk=pk).first()
    if d is None:
        raise Http404
    sheet = _sheet(request, d.sheet_id)
    require(request.user, "performance.answer_disagreement", sheet)
    try:
        services.answer_disagreement(request.user, d, request.POST.get("answer", ""))
        messages.success(request, _("Answer saved."))
    except PerformanceError as e:
        messages.error(request, e.message)
    return redirect("performance:sheet", pk=sheet.pk)


@login_required
def sheet_history(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    actor = actor_for(request.user)
    from urdun.performance.rules import is_self

    # The employee sees score changes only once they are visible to them.
    hide_scores = is_self(actor, sheet) and sheet.status not in services.HEAD_POINTS_VISIBLE
    entries: list[dict[str, Any]] = []

    def add(qs: Any, label: str, fields: list[str]) -> None:
        for h in qs.select_related("history_user").order_by("-history_date")[:200]:
            prev = h.prev_record
            changes = []
            for f in fields:
                new = getattr(h, f)
                old = getattr(prev, f) if prev else None
                if prev is None and new in (None, ""):
                    continue
                if prev is None or old != new:
                    changes.append({"field": h._meta.get_field(f).verbose_name, "old": old, "new": new})
            if changes:
                entries.append(
                    {
                        "when": h.history_date,
                        "who": h.history_user,
                        "what": label,
                        "changes": changes,
                        "type": h.history_type,
                    }
                )

    add(
        ReportEntry.history.filter(sheet_id=sheet.pk),
        _("Report"),
        ["achieved_text", "achieved_value", "actual_start", "actual_end", "completion", "status"],
    )
    if not hide_scores:
        add(SheetRow.history.filter(sheet_id=sheet.pk), _("Part 1"), ["performance", "timeliness", "mark"])
        from urdun.performance.models import HeadScore, KnowledgeScore

        add(HeadScore.history.filter(sheet_id=sheet.pk), _("Unit head's assessment"), ["criterion", "points"])
        add(KnowledgeScore.history.filter(sheet_id=sheet.pk), _("Knowledge and skills"), ["completion"])
    if not is_self(actor, sheet) or sheet.status in services.RESCORES_VISIBLE:
        add(SheetRow.history.filter(sheet_id=sheet.pk), _("Team re-score"), ["rescore"])
        add(Adjustment.history.filter(sheet_id=sheet.pk), _("Adjustment"), ["reason", "clause", "points"])
    entries.sort(key=lambda e: e["when"], reverse=True)
    events = sheet.events.all().order_by("-at", "-pk")
    return render(request, "performance/history.html", {"sheet": sheet, "entries": entries, "events": events})


# --- Report (HTMX autosave) --------------------------------------------------------------


def _entries(sheet: EvaluationSheet) -> list[ReportEntry]:
    return list(
        sheet.report_entries.select_related(
            "indicator__action__objective", "assignment", "knowledge_goal"
        ).order_by("order", "pk")
    )


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    editable = can(request.user, "performance.edit_report", sheet)
    rows = _report_rows(sheet, None)
    context = {
        "sheet": sheet,
        "rows": rows,
        "editable": editable,
        "interview": services.interview_for(sheet),
        "can_interview": can(request.user, "performance.record_interview", sheet.employee),
    }
    return render(request, "performance/report.html", context)


def _report_rows(sheet: EvaluationSheet, bound: ReportEntryForm | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    last = None
    for e in _entries(sheet):
        if e.indicator_id:
            objective = e.indicator.action.objective
            key, heading = f"o{objective.pk}", f"{_('Objective')} {objective.number}. {objective.text}"
        elif e.assignment_id:
            key, heading = "a", _("Additional assignments")
        else:
            key, heading = "k", _("Knowledge and skills goals")
        form = bound if bound is not None and bound.instance.pk == e.pk else ReportEntryForm(instance=e)
        rows.append({"entry": e, "form": form, "heading": heading if key != last else ""})
        last = key
    return rows


@login_required
@require_POST
def report_entry_save(request: HttpRequest, pk: int) -> HttpResponse:
    entry = ReportEntry.objects.select_related("sheet").filter(pk=pk).first()
    if entry is None:
        raise Http404
    sheet = _sheet(request, entry.sheet_id)
    require(request.user, "performance.edit_report", sheet)
    form = ReportEntryForm(request.POST, instance=ReportEntry.objects.get(pk=pk))
    status, saved, version = "error", None, form.data.get("version")
    error = ""
    if form.is_valid():
        try:
            data = {k: form.cleaned_data.get(k) for k in services.REPORT_FIELDS}
            saved = services.save_report_entry(request.user, entry, form.cleaned_data["version"], data)
            status, version = "saved", saved.version
        except services.ConflictError as e:
            status, error = "conflict", e.message
        except PerformanceError as e:
            error = e.message
    if request.htmx:
        return render(
            request,
            "performance/_entry_status.html",
            {"entry": entry, "form": form, "status": status, "error": error, "version": version},
        )
    if status == "saved":
        messages.success(request, _("Saved."))
        return redirect(reverse("performance:report", args=[sheet.pk]) + f"#entry-{entry.pk}")
    # Without scripts: show the whole page again, this entry's form keeping what was typed.
    rows = _report_rows(sheet, form)
    if error:
        messages.error(request, error)
    return render(
        request,
        "performance/report.html",
        {"sheet": sheet, "rows": rows, "editable": True},
        status=409 if status == "conflict" else 400,
    )


# --- Scoring: the unit head and the evaluation team --------------------------------------


def _num(value: Any) -> str:
    return "" if value is None else format(Decimal(value).normalize(), "f")


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    as_head = can(request.user, "performance.assess", sheet) and sheet.status == S.VERIFIED
    as_team = can(request.user, "performance.rescore", sheet) and sheet.status in (S.ACKNOWLEDGED, S.DISPUTED)
    if not (as_head or as_team):
        raise PermissionDenied
    error = ""
    post = request.POST if request.method == "POST" else None
    if post is not None:
        try:
            loaded = int(post.get("version", "0"))
        except ValueError:
            loaded = 0
        try:
            if as_head:
                rows = {
                    r.pk: {
                        "performance": post.get(f"p-{r.pk}"),
                        "timeliness": post.get(f"t-{r.pk}"),
                        "mark": post.get(f"m-{r.pk}", ""),
                    }
                    for r in sheet.rows.exclude(kind=RowKind.OBJECTIVE)
                }
                head = {h.pk: post.get(f"h-{h.pk}") for h in sheet.head_scores.all()}
                names = {
                    h.pk: post.get(f"hn-{h.pk}", "") for h in sheet.head_scores.filter(is_competency=True)
                }
                knowledge = {k.pk: post.get(f"k-{k.pk}") for k in sheet.knowledge_scores.all()}
                services.save_head_scores(request.user, sheet, loaded, rows, head, knowledge, names)
            else:
                rows = {r.pk: post.get(f"r-{r.pk}") for r in sheet.rows.exclude(kind=RowKind.OBJECTIVE)}
                head = {h.pk: post.get(f"hr-{h.pk}") for h in sheet.head_scores.all()}
                knowledge = {k.pk: post.get(f"kr-{k.pk}") for k in sheet.knowledge_scores.all()}
                services.save_rescores(request.user, sheet, loaded, rows, head, knowledge)
            messages.success(request, _("Points saved."))
            return redirect("performance:score", pk=sheet.pk)
        except PerformanceError as e:
            error = e.message
    sheet.refresh_from_db()

    def val(key: str, stored: Any) -> str:
        return post.get(key, "") if post is not None else _num(stored)

    rows = []
    for r in sheet.rows.all():
        rows.append(
            {
                "row": r,
                "p": val(f"p-{r.pk}", r.performance),
                "t": val(f"t-{r.pk}", r.timeliness),
                "m": post.get(f"m-{r.pk}", "") if post is not None else r.mark,
                "r": val(f"r-{r.pk}", r.rescore),
            }
        )
    head = [
        {
            "h": h,
            "v": val(f"h-{h.pk}", h.points),
            "r": val(f"hr-{h.pk}", h.rescore),
            "name": post.get(f"hn-{h.pk}", h.criterion) if post is not None else h.criterion,
        }
        for h in sheet.head_scores.all()
    ]
    knowledge = [
        {"k": k, "v": val(f"k-{k.pk}", k.completion), "r": val(f"kr-{k.pk}", k.rescore)}
        for k in sheet.knowledge_scores.all()
    ]
    context = {
        "sheet": sheet,
        "as_head": as_head,
        "as_team": as_team,
        "rows": rows,
        "head": head,
        "knowledge": knowledge,
        "marks": RowMark.choices,
        "version": post.get("version") if post is not None and error else sheet.version,
        "error": error,
        "adjustments": sheet.adjustments.all(),
        "adjustment_form": AdjustmentForm(),
        "reasons": sheet.cycle.methodology.adjustment_reasons,
        "method": sheet.cycle.methodology,
    }
    return render(
        request, "performance/score.html", context, status=409 if error and "meantime" in error else 200
    )


@login_required
@require_POST
def adjustment_add(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk, "performance.rescore")
    form = AdjustmentForm(request.POST)
    if form.is_valid():
        try:
            services.add_adjustment(request.user, sheet, **form.cleaned_data)
            messages.success(request, _("Adjustment added."))
        except PerformanceError as e:
            messages.error(request, e.message)
    else:
        messages.error(request, _("An adjustment needs a reason and points."))
    return redirect("performance:score", pk=sheet.pk)


@login_required
@require_POST
def adjustment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    adj = Adjustment.objects.filter(pk=pk).first()
    if adj is None:
        raise Http404
    sheet = _sheet(request, adj.sheet_id, "performance.rescore")
    try:
        services.delete_adjustment(request.user, adj)
    except PerformanceError as e:
        messages.error(request, e.message)
    return redirect("performance:score", pk=sheet.pk)


# --- Colleagues ----------------------------------------------------------------------------


@login_required
def colleague(request: HttpRequest, pk: int) -> HttpResponse:
    """A colleague's anonymous assessment. Colleagues cannot open the sheet itself."""
    actor = actor_for(request.user)
    me = actor.employee
    if me is None or me.unit_id is None:
        raise Http404
    sheet = SHEETS.filter(pk=pk, employee__unit_id=me.unit_id).exclude(employee=me).first()
    if sheet is None:
        raise Http404
    require(request.user, "performance.score_colleague", sheet)
    criteria = sheet.cycle.methodology.colleague_criteria
    values = [request.POST.get(f"c-{i}", "") for i in range(1, len(criteria) + 1)]
    if request.method == "POST":
        try:
            services.submit_colleague_scores(request.user, sheet, values)
            messages.success(request, _("Thank you. Your assessment is recorded without your name."))
            return redirect("performance:mine")
        except PerformanceError as e:
            messages.error(request, e.message)
    done = sheet.colleague_submissions.filter(colleague=me).exists()
    return render(
        request,
        "performance/colleague.html",
        {
            "sheet": sheet,
            "criteria": list(zip(range(1, len(criteria) + 1), criteria, values, strict=True)),
            "done": done,
            "maximum": _num(sheet.cycle.methodology.max_colleague),
        },
    )


# --- Lists: my unit, the team's queue, the organization -----------------------------------


def _cycle_for(request: HttpRequest, org_ids: set[int]) -> EvaluationCycle | None:
    cycles = EvaluationCycle.objects.filter(organization_id__in=org_ids).select_related(
        "methodology", "organization"
    )
    if cid := request.GET.get("cycle"):
        return cycles.filter(pk=cid).first()
    return cycles.order_by("-year", "-period").first()


def _part1_subquery() -> Subquery:
    """Part 1 as the unit head scored it (mean of performance + timeliness of scored rows)."""
    return Subquery(
        SheetRow.objects.filter(
            sheet=OuterRef("pk"), mark="", performance__isnull=False, timeliness__isnull=False
        )
        .exclude(kind=RowKind.OBJECTIVE)
        .values("sheet")
        .annotate(avg=Avg(F("performance") + F("timeliness")))
        .values("avg")[:1]
    )


LATE_AFTER = {
    S.DRAFT: "report_due",
    S.SUBMITTED: "verification_due",
    S.VERIFIED: "verification_due",
    S.ASSESSED: "review_due",
    S.DISPUTED: "review_due",
    S.ACKNOWLEDGED: "review_due",
    S.REVIEWED: "confirmation_due",
}


def _late(status: str | None, cycle: EvaluationCycle | None) -> bool:
    if cycle is None:
        return False
    field = LATE_AFTER.get(status or S.DRAFT)
    return bool(field) and timezone.localdate() > getattr(cycle, field)


@login_required
def my_unit(request: HttpRequest) -> HttpResponse:
    require(request.user, "performance.view_unit")
    actor = actor_for(request.user)
    units = actor.unit_ids()
    org_ids = set(
        Employee.objects.filter(unit_id__in=units).values_list("organization_id", flat=True).distinct()
    )
    cycle = _cycle_for(request, org_ids)
    sheets = EvaluationSheet.objects.filter(employee=OuterRef("pk"), cycle=cycle)
    people = (
        Employee.objects.filter(unit_id__in=units, is_active=True)
        .exclude(pk=actor.employee_id)
        .select_related("unit")
        .annotate(
            sheet_id=Subquery(sheets.values("pk")[:1]),
            sheet_status=Subquery(sheets.values("status")[:1]),
            sheet_total=Subquery(sheets.values("final_total")[:1]),
            interview_on=Subquery(
                ProgressInterview.objects.filter(employee=OuterRef("pk"), cycle=cycle).values("held_on")[:1]
            ),
            sheet_part1=Subquery(
                EvaluationSheet.objects.filter(employee=OuterRef("pk"), cycle=cycle)
                .annotate(p1=_part1_subquery())
                .values("p1")[:1]
            ),
        )
        .order_by("unit__name", "given_name")
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    waiting = {S.SUBMITTED, S.VERIFIED}
    rows = []
    for p in page:
        rows.append(
            {
                "person": p,
                "status": SheetStatus(p.sheet_status).label if p.sheet_status else _("No sheet yet"),
                "late": _late(p.sheet_status, cycle),
                "waits": p.sheet_status in waiting,
                "part1": p.sheet_part1,
            }
        )
    return render(request, "performance/unit.html", {"page": page, "rows": rows, "cycle": cycle})


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "performance.view_team_queue")
    actor = actor_for(request.user)
    team_orgs = actor.org_ids(EVALUATION_TEAM_ROLES)
    head_orgs = actor.org_ids((Role.ORG_HEAD,))
    q = Q(employee__organization_id__in=team_orgs, status__in=[S.ACKNOWLEDGED, S.DISPUTED, S.REVIEWED])
    q |= Q(employee__organization_id__in=head_orgs, status=S.REVIEWED)
    if actor.is_admin:
        q = Q(status__in=[S.ACKNOWLEDGED, S.DISPUTED, S.REVIEWED])
    sheets = (
        EvaluationSheet.objects.for_actor(actor)
        .filter(q)
        .select_related("employee__unit", "cycle")
        .annotate(open_disagreements=Count("disagreements", filter=Q(disagreements__answer="")))
        .order_by("cycle__review_due", "status", "employee__given_name")
    )
    page = Paginator(sheets, 50).get_page(request.GET.get("page"))
    rows = [{"sheet": s, "late": _late(s.status, s.cycle)} for s in page]
    return render(request, "performance/queue.html", {"page": page, "rows": rows})


BINS = [(0, 50), (50, 60), (60, 70), (70, 80), (80, 90), (90, 101)]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    require(request.user, "performance.view_overview")
    actor = actor_for(request.user)
    org_ids = (
        actor.org_ids()
        if not actor.is_admin
        else set(EvaluationCycle.objects.values_list("organization_id", flat=True))
    )
    cycle = _cycle_for(request, org_ids)
    sheets = EvaluationSheet.objects.for_actor(actor).filter(cycle=cycle)
    agg = sheets.aggregate(
        count=Count("pk"),
        confirmed=Count("pk", filter=Q(status=S.CONFIRMED)),
        mean=Avg("final_total"),
        **{
            f"bin{i}": Count("pk", filter=Q(final_total__gte=lo, final_total__lt=hi))
            for i, (lo, hi) in enumerate(BINS)
        },
    )
    by_status = {row["status"]: row["n"] for row in sheets.values("status").annotate(n=Count("pk"))}
    by_rating = {
        row["final_rating"]: row["n"]
        for row in sheets.exclude(final_rating="").values("final_rating").annotate(n=Count("pk"))
    }
    labels = [f"{lo}–{min(hi, 100)}" for lo, hi in BINS]
    chart = {
        "type": "bar",
        "labels": labels,
        "datasets": [{"label": _("Confirmed sheets"), "data": [agg[f"bin{i}"] for i in range(len(BINS))]}],
        "options": {
            "plugins": {"legend": {"display": False}},
            "scales": {"y": {"beginAtZero": True, "ticks": {"precision": 0}}},
        },
    }
    statuses = [(label, by_status.get(value, 0)) for value, label in SheetStatus.choices]
    bands = cycle.methodology.rating_bands if cycle else []
    ratings = [(b["letter"], b["label"], by_rating.get(b["letter"], 0)) for b in bands]
    cycles = EvaluationCycle.objects.filter(organization_id__in=org_ids).select_related("organization")
    return render(
        request,
        "performance/overview.html",
        {
            "cycle": cycle,
            "cycles": cycles,
            "agg": agg,
            "chart": chart,
            "statuses": statuses,
            "ratings": ratings,
        },
    )


# --- Evaluation cycles (HR officer, organization administrator) ---------------------------


@login_required
def cycles(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "performance.manage_cycles", code=code)
    form = CycleCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.open_cycle(
                request.user, org, form.cleaned_data["year"], form.cleaned_data["period"]
            )
        except PerformanceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Evaluation cycle opened with the default deadlines."))
            return redirect("performance:cycle_edit", pk=cycle.pk)
    rows = (
        EvaluationCycle.objects.filter(organization=org)
        .select_related("methodology")
        .annotate(sheet_count=Count("sheets"))
        .order_by("-year", "period")
    )
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(request, "performance/cycles.html", {"org": org, "form": form, "page": page})


@login_required
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_for_user(
        request.user,
        EvaluationCycle.objects.select_related("organization", "methodology"),
        "performance.manage_cycles",
        pk=pk,
    )
    form = CycleDeadlinesForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_cycle_deadlines(request.user, form)
        except PerformanceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Deadlines saved."))
            return redirect("performance:cycles", code=cycle.organization.code)
    changes = cycle.history.select_related("history_user").order_by("-history_date")[:20]
    return render(request, "performance/cycle_edit.html", {"cycle": cycle, "form": form, "changes": changes})


# --- Progress interview (the unit head) -----------------------------------------------------


@login_required
def interview(request: HttpRequest, employee_pk: int, cycle_pk: int) -> HttpResponse:
    employee = get_for_user(
        request.user,
        Employee.objects.select_related("organization", "unit"),
        "performance.record_interview",
        pk=employee_pk,
    )
    cycle = EvaluationCycle.objects.filter(pk=cycle_pk, organization_id=employee.organization_id).first()
    if cycle is None:
        raise Http404
    instance = ProgressInterview.objects.filter(employee=employee, cycle=cycle).first()
    form = InterviewForm(request.POST or None, instance=instance, cycle=cycle, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            services.record_interview(request.user, employee, cycle, form)
        except PerformanceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Progress interview saved."))
            return redirect("performance:unit")
    changes = (
        instance.history.select_related("history_user").order_by("-history_date")[:10] if instance else []
    )
    return render(
        request,
        "performance/interview.html",
        {"employee": employee, "cycle": cycle, "form": form, "changes": changes},
    )
