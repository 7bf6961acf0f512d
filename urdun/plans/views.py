"""Pages and HTMX fragments of organizational plans. Every view names its capability and fetches
its object through `get_for_user`; state changes go through `services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urdun.organizations.models import Employee, Organization
from urdun.organizations.permissions import actor_for, can, get_for_user, require
from urdun.plans import services
from urdun.plans.aggregates import organization_figure, plan_figures, plan_history, unit_figures
from urdun.plans.forms import (
    ActionForm,
    AssessmentForm,
    ObjectiveForm,
    PlanForm,
    ProgressForm,
    ResolveForm,
    ScaleForm,
    SectionForm,
    YearForm,
)
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
from urdun.plans.services import NAME_RE, PlanError
from urdun.plans.tree import default_period, load_tree

# --- helpers --------------------------------------------------------------------------------


def _plan(request: HttpRequest, pk: int, capability: str = "plans.view_plan") -> Plan:
    return get_for_user(request.user, Plan.objects.select_related("organization"), capability, pk=pk)


def _action(request: HttpRequest, pk: int, capability: str = "plans.view_plan") -> Action:
    action = get_object_or_404(
        Action.objects.select_related("plan__organization", "objective__section"), pk=pk
    )
    if not Plan.objects.for_user(request.user).filter(pk=action.plan_id).exists():
        raise Http404
    require(request.user, capability, action)
    return action


def _periods(org_id: int, year: int | None = None) -> list[ReportingPeriod]:
    qs = ReportingPeriod.objects.filter(organization_id=org_id)
    if year is not None:
        qs = qs.filter(year=year)
    return list(qs.order_by("year", "end", "kind"))


def _chosen_period(
    request: HttpRequest, plan: Plan, periods: list[ReportingPeriod]
) -> ReportingPeriod | None:
    wanted = request.GET.get("period") or request.POST.get("period")
    for p in periods:
        if str(p.pk) == wanted or p.code == wanted:
            return p
    default = default_period(plan)
    return default if default is None or default in periods else (periods[0] if periods else None)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _chart(kind: str, labels: list[str], label: str, data: list[Any], **options: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "labels": labels,
        "datasets": [{"label": label, "data": data}],
        "options": {
            "scales": {"y": {"min": 0, "max": 100}},
            "plugins": {"legend": {"display": False}},
            **options,
        },
    }


def _hx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False)) or request.headers.get("HX-Request") == "true"


def empty(request: HttpRequest) -> HttpResponse:
    """An empty fragment: HTMX swaps it in to drop an unsaved form row."""
    return HttpResponse("")


# --- plans ----------------------------------------------------------------------------------


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = (
        Plan.objects.for_user(request.user)
        .select_related("organization")
        .annotate(action_count=Count("actions"))
        .order_by("organization__name", "-year", "title")
    )
    actor = actor_for(request.user)
    orgs = Organization.objects.for_user(request.user).order_by("name")
    editable = [o for o in orgs if can(request.user, "plans.edit_plan", o)]
    return render(
        request,
        "plans/plan_list.html",
        {"plans": plans, "editable_orgs": editable, "orgs": orgs, "actor": actor},
    )


@login_required
def plan_create(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "plans.edit_plan", code=code)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(org, request.user, **form.cleaned_data)
        except PlanError as e:
            form.add_error(None, e.message)
        else:
            services.standard_periods(org, plan.year)
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "org": org, "plan": None})


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, "plans.edit_plan")
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(plan, request.user, **form.cleaned_data)
        except PlanError as e:
            form.add_error(None, e.message)
        else:
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "org": plan.organization, "plan": plan})


def _plan_context(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    periods = _periods(plan.organization_id, plan.year)
    period = _chosen_period(request, plan, periods)
    tree = load_tree(plan, period)
    figures = plan_figures(plan, period)
    for s in tree.sections:
        s.figure = figures.section(s.pk)
        for o in s.objective_list:
            o.figure = figures.objective(o.pk)
    return {
        "plan": plan,
        "periods": periods,
        "period": period,
        "tree": tree,
        "figures": figures,
        "can_edit": can(request.user, "plans.edit_plan", plan),
        "can_publish": can(request.user, "plans.publish", plan),
        "can_assess": can(request.user, "plans.assess", plan),
        "unresolved": sum(1 for a in tree.actions for r in a.responsibles.all() if not r.resolved),
    }


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return render(request, "plans/plan_detail.html", _plan_context(request, plan))


@login_required
@require_POST
def plan_renumber(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, "plans.edit_plan")
    try:
        n = services.renumber_rows(plan, request.user)
    except PlanError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Rows renumbered 1–%(n)d.") % {"n": n})
    if _hx(request):
        return render(request, "plans/_tree.html", _plan_context(request, plan))
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, "plans.publish")
    publish = request.POST.get("publish") == "1"
    try:
        services.set_published(plan, request.user, publish)
    except PlanError as e:
        messages.error(request, e.message)
    else:
        messages.success(
            request, _("The plan is published.") if publish else _("The plan is no longer published.")
        )
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
def plan_history_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    entries: list[Any] = []
    for rec in plan.history.select_related("history_user").order_by("-history_date")[:50]:
        entries.append(
            (rec.history_date, rec.history_user, _("Plan"), rec.title[:80], rec.get_history_type_display())
        )
    for rec in (
        Action.history.filter(plan_id=plan.pk).select_related("history_user").order_by("-history_date")[:200]
    ):
        entries.append(
            (
                rec.history_date,
                rec.history_user,
                _("Action"),
                f"{rec.code} {rec.text[:60]}",
                rec.get_history_type_display(),
            )
        )
    for rec in (
        Assessment.history.filter(action__plan=plan)
        .select_related("history_user", "period")
        .order_by("-history_date")[:200]
    ):
        what = f"{rec.get_status_display()} {rec.percent if rec.percent is not None else ''} ({rec.period})"
        entries.append(
            (rec.history_date, rec.history_user, _("Assessment"), what, rec.get_history_type_display())
        )
    entries.sort(key=lambda e: e[0], reverse=True)
    return render(
        request,
        "plans/plan_history.html",
        {"plan": plan, "entries": entries[:300], "series": plan_history(plan)},
    )


# --- inline editing (HTMX) ------------------------------------------------------------------


def _row_context(request: HttpRequest, action: Action, period: ReportingPeriod | None) -> dict[str, Any]:
    action = (
        Action.objects.select_related("plan__organization")
        .prefetch_related(
            Prefetch(
                "responsibles",
                queryset=Responsible.objects.select_related("unit", "organization", "employee"),
            )
        )
        .get(pk=action.pk)
    )
    action.assessment = Assessment.objects.filter(action=action, period=period).first() if period else None
    action.report = (
        ProgressReport.objects.filter(action=action, period=period)
        .annotate(evidence_count=Count("evidence"))
        .first()
        if period
        else None
    )
    return {
        "a": action,
        "plan": action.plan,
        "period": period,
        "can_edit": can(request.user, "plans.edit_plan", action.plan),
    }


def _period_of(request: HttpRequest, plan: Plan) -> ReportingPeriod | None:
    return _chosen_period(request, plan, _periods(plan.organization_id, plan.year))


def _action_initial(a: Action) -> dict[str, Any]:
    return {
        "row": a.row,
        "code": a.code,
        "text": a.text,
        "quarters": [str(q) for q in quarters_from_text(a.quarters)],
        "baseline": a.baseline,
        "target": a.target,
        "responsibles": ", ".join(r.text for r in a.responsibles.all()),
    }


def _save_action(
    request: HttpRequest, form: ActionForm, objective: Objective, action: Action | None
) -> Action:
    d = form.cleaned_data
    return services.save_action(
        objective,
        request.user,
        action=action,
        code=d["code"],
        text=d["text"],
        quarters=[int(q) for q in d["quarters"]],
        baseline=d["baseline"],
        target=d["target"],
        responsibles=services.split_responsibles(d["responsibles"]),
        row=d["row"],
    )


@login_required
def action_row(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    return render(
        request, "plans/_action_row.html", _row_context(request, action, _period_of(request, action.plan))
    )


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk, "plans.edit_plan")
    period = _period_of(request, action.plan)
    if request.method == "POST":
        form = ActionForm(request.POST)
        if form.is_valid():
            try:
                action = _save_action(request, form, action.objective, action)
            except PlanError as e:
                form.add_error(None, e.message)
            else:
                return render(request, "plans/_action_row.html", _row_context(request, action, period))
    else:
        form = ActionForm(initial=_action_initial(action))
    return render(
        request,
        "plans/_action_form.html",
        {
            "form": form,
            "a": action,
            "objective": action.objective,
            "period": period,
            "post_url": reverse("plans:action_edit", args=[action.pk]),
        },
    )


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_object_or_404(Objective.objects.select_related("section__plan__organization"), pk=pk)
    plan = _plan(request, objective.section.plan_id, "plans.edit_plan")
    period = _period_of(request, plan)
    form = ActionForm(request.POST or None, initial={"code": f"{objective.code}."})
    if request.method == "POST" and form.is_valid():
        try:
            action = _save_action(request, form, objective, None)
        except PlanError as e:
            form.add_error(None, e.message)
        else:
            return render(request, "plans/_action_row.html", _row_context(request, action, period))
    return render(
        request,
        "plans/_action_form.html",
        {
            "form": form,
            "a": None,
            "objective": objective,
            "period": period,
            "post_url": reverse("plans:action_create", args=[objective.pk]),
        },
    )


@login_required
@require_POST
def action_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    action = _action(request, pk, "plans.edit_plan")
    if direction not in ("up", "down"):
        raise Http404
    try:
        services.move_action(action, request.user, direction)
    except PlanError as e:
        return HttpResponse(e.message, status=400)
    plan = action.plan
    ctx = _plan_context(request, plan)
    objective = next(o for s in ctx["tree"].sections for o in s.objective_list if o.pk == action.objective_id)
    return render(request, "plans/_objective_rows.html", {**ctx, "o": objective})


@login_required
@require_POST
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk, "plans.edit_plan")
    try:
        services.delete_action(action, request.user)
    except PlanError as e:
        if _hx(request):
            return HttpResponse(e.message, status=400)
        messages.error(request, e.message)
        return redirect("plans:plan_detail", pk=action.plan_id)
    if _hx(request):
        return HttpResponse("")
    return redirect("plans:plan_detail", pk=action.plan_id)


@login_required
def section_form(request: HttpRequest, pk: int, section_id: int | None = None) -> HttpResponse:
    plan = _plan(request, pk, "plans.edit_plan")
    section = get_object_or_404(Section, pk=section_id, plan=plan) if section_id else None
    initial = {"code": section.code, "title": section.title} if section else {}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_section(plan, request.user, section=section, **form.cleaned_data)
        except PlanError as e:
            form.add_error(None, e.message)
        else:
            if _hx(request):
                return render(request, "plans/_tree.html", _plan_context(request, plan))
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "plans/_small_form.html",
        {"form": form, "plan": plan, "post_url": request.path, "title": _("Section")},
    )


@login_required
def objective_form(request: HttpRequest, pk: int, objective_id: int | None = None) -> HttpResponse:
    section = get_object_or_404(Section.objects.select_related("plan"), pk=pk)
    plan = _plan(request, section.plan_id, "plans.edit_plan")
    objective = get_object_or_404(Objective, pk=objective_id, section=section) if objective_id else None
    initial = {"code": objective.code, "text": objective.text} if objective else {"code": f"{section.code}."}
    form = ObjectiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_objective(section, request.user, objective=objective, **form.cleaned_data)
        except PlanError as e:
            form.add_error(None, e.message)
        else:
            if _hx(request):
                return render(request, "plans/_tree.html", _plan_context(request, plan))
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "plans/_small_form.html",
        {"form": form, "plan": plan, "post_url": request.path, "title": _("Objective")},
    )


# --- action page: progress, assessment, evidence, cascade -----------------------------------


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    action = (
        Action.objects.select_related("plan__organization", "objective__section")
        .prefetch_related(
            Prefetch(
                "responsibles",
                queryset=Responsible.objects.select_related("unit", "organization", "employee"),
            )
        )
        .get(pk=action.pk)
    )
    plan = action.plan
    periods = _periods(plan.organization_id, plan.year)
    period = _chosen_period(request, plan, periods)
    reports = {
        r.period_id: r
        for r in action.progress_reports.select_related("submitted_by", "period").prefetch_related("evidence")
    }
    assessments = {a.period_id: a for a in action.assessments.select_related("assessed_by", "period")}
    can_file = can(request.user, "plans.file_progress", action)
    can_assess = can(request.user, "plans.assess", action)
    can_see_evidence = (
        any(can(request.user, "plans.view_evidence", r) for r in reports.values()) if reports else False
    )
    report = reports.get(period.pk) if period else None
    assessment = assessments.get(period.pk) if period else None
    progress_form = ProgressForm(
        initial={"done": report.done, "achieved_value": report.achieved_value, "links": report.links}
        if report
        else None
    )
    assess_form = AssessmentForm(
        initial={
            "status": assessment.status if assessment else Assessment.Status.ASSESSED,
            "percent": f"{assessment.percent.normalize():f}"
            if assessment and assessment.percent is not None
            else "",
            "comment": assessment.comment if assessment else "",
        },
        scale=services.scale_for(plan.organization),
    )
    history: list[Any] = []
    for rec in action.history.select_related("history_user").order_by("-history_date")[:20]:
        history.append((rec.history_date, rec.history_user, _("Action"), rec.get_history_type_display(), ""))
    for rec in (
        ProgressReport.history.filter(action_id=action.pk)
        .select_related("history_user", "period")
        .order_by("-history_date")[:30]
    ):
        history.append(
            (
                rec.history_date,
                rec.history_user,
                _("Progress report"),
                str(rec.period),
                rec.get_status_display(),
            )
        )
    for rec in (
        Assessment.history.filter(action_id=action.pk)
        .select_related("history_user", "period")
        .order_by("-history_date")[:30]
    ):
        value = f"{rec.percent.normalize():f}%" if rec.percent is not None else rec.get_status_display()
        history.append((rec.history_date, rec.history_user, _("Assessment"), str(rec.period), value))
    history.sort(key=lambda e: e[0], reverse=True)
    rows = [
        {
            "period": p,
            "report": reports.get(p.pk),
            "assessment": assessments.get(p.pk),
            "due": services.is_due(action, p),
            "past": services.is_past_deadline(p),
        }
        for p in periods
    ]
    return render(
        request,
        "plans/action_detail.html",
        {
            "a": action,
            "plan": plan,
            "periods": periods,
            "period": period,
            "rows": rows,
            "report": report,
            "assessment": assessment,
            "progress_form": progress_form,
            "assess_form": assess_form,
            "can_file": can_file,
            "can_assess": can_assess,
            "can_see_evidence": can_see_evidence or can_file or actor_for(request.user).is_admin,
            "history": history,
            "deadline": services.deadline_moment(period) if period else None,
        },
    )


def _back_to_action(action: Action, period: ReportingPeriod) -> HttpResponse:
    return redirect(f"{reverse('plans:action_detail', args=[action.pk])}?period={period.pk}")


@login_required
@require_POST
def progress_submit(request: HttpRequest, pk: int, period_id: int) -> HttpResponse:
    action = _action(request, pk, "plans.file_progress")
    period = get_object_or_404(ReportingPeriod, pk=period_id, organization_id=action.plan.organization_id)
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_action(action, period)
    try:
        services.submit_progress(
            action,
            period,
            request.user,
            done=form.cleaned_data["done"],
            achieved_value=form.cleaned_data["achieved_value"],
            links=form.cleaned_data["links"],
            files=request.FILES.getlist("files"),
        )
    except PlanError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Progress report saved."))
    return _back_to_action(action, period)


@login_required
@require_POST
def assess_action(request: HttpRequest, pk: int, period_id: int) -> HttpResponse:
    action = _action(request, pk, "plans.assess")
    period = get_object_or_404(ReportingPeriod, pk=period_id, organization_id=action.plan.organization_id)
    try:
        services.assess(
            action,
            period,
            request.user,
            status=request.POST.get("status", ""),
            percent=request.POST.get("percent") or None,
            comment=request.POST.get("comment", ""),
        )
    except PlanError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Assessment saved."))
    return _back_to_action(action, period)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("report__action__plan__organization"), pk=pk)
    if not Plan.objects.for_user(request.user).filter(pk=evidence.report.action.plan_id).exists():
        raise Http404
    require(request.user, "plans.view_evidence", evidence)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(
        Evidence.objects.select_related("report__action__plan", "report__period"), pk=pk
    )
    action = _action(request, evidence.report.action_id, "plans.file_progress")
    try:
        services.delete_evidence(evidence, request.user)
    except PlanError as e:
        messages.error(request, e.message)
    return _back_to_action(action, evidence.report.period)


# --- responsibles ---------------------------------------------------------------------------


def _resolve_choices(plan: Plan) -> list[tuple[str, Any]]:
    org = plan.organization
    units = [(f"u:{u.pk}", f"{u.abbreviation or u.name} — {u.name}") for u in org.units.order_by("name")]
    orgs = [(f"o:{o.pk}", f"{o.short_name or o.name} — {o.name}") for o in org.children.order_by("name")]
    people = [
        (f"e:{e.pk}", f"{e.short_name} — {e.position[:40]}")
        for e in Employee.objects.filter(Q(organization=org) | Q(organization__parent=org), is_active=True)
    ]
    return [(_("Units"), units), (_("Organizations"), orgs), (_("Employees"), people)]


@login_required
def responsibles(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, "plans.edit_plan")
    choices = _resolve_choices(plan)
    if request.method == "POST":
        r = get_object_or_404(Responsible, pk=_int(request.POST.get("responsible")), action__plan=plan)
        form = ResolveForm(request.POST, choices=choices)
        if form.is_valid():
            target = form.cleaned_data["target"]
            kind, _sep, ident = target.partition(":")
            kwargs = (
                {{"u": "unit_id", "o": "organization_id", "e": "employee_id"}[kind]: int(ident)}
                if target
                else {}
            )
            try:
                services.resolve_responsible(r, request.user, **kwargs)
            except PlanError as e:
                messages.error(request, e.message)
            else:
                messages.success(request, _("“%(text)s” is linked.") % {"text": r.text})
        return redirect("plans:responsibles", pk=plan.pk)
    show_all = request.GET.get("all") == "1"
    entries = Responsible.objects.filter(action__plan=plan).select_related(
        "action", "unit", "organization", "employee"
    )
    if not show_all:
        entries = entries.filter(unit__isnull=True, organization__isnull=True, employee__isnull=True)
    entries = list(entries.order_by("action__row", "position"))
    for e in entries:
        e.form = ResolveForm(choices=choices, prefix=f"r{e.pk}")
        e.looks_like_name = bool(NAME_RE.match(e.text))
    return render(
        request,
        "plans/responsibles.html",
        {"plan": plan, "entries": entries, "show_all": show_all, "choices": choices},
    )


# --- dashboards -----------------------------------------------------------------------------


def _status_of(a: Action, period: ReportingPeriod | None) -> set[str]:
    out = set()
    if a.assessment is not None:
        out.add(a.assessment.status)
    else:
        out.add("unassessed")
    due = period is not None and services.is_due(a, period)
    submitted = a.report is not None and a.report.status == ProgressReport.Status.SUBMITTED
    if due and not submitted:
        out.add("not_reported")
        if services.is_past_deadline(period):
            out.add("overdue")
    return out


def status_choices() -> list[tuple[str, str]]:
    return [
        ("assessed", _("Assessed")),
        ("not_due", _("Not yet due")),
        ("cannot_evaluate", _("Cannot be evaluated")),
        ("unassessed", _("Not assessed")),
        ("not_reported", _("Not reported")),
        ("overdue", _("Overdue")),
    ]


@login_required
def plan_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, "plans.view_dashboard")
    periods = _periods(plan.organization_id, plan.year)
    period = _chosen_period(request, plan, periods)
    unit_id = _int(request.GET.get("unit"))
    section_id = _int(request.GET.get("section"))
    objective_id = _int(request.GET.get("objective"))
    status = request.GET.get("status", "")
    action_filter = Q(responsibles__unit_id=unit_id) if unit_id else None
    figures = plan_figures(plan, period, action_filter)
    tree = load_tree(plan, period, action_filter)
    units = list(plan.organization.units.order_by("name"))
    drill = []
    counts = {k: 0 for k, _label in status_choices()}
    for s in tree.sections:
        s.figure = figures.section(s.pk)
        for o in s.objective_list:
            o.figure = figures.objective(o.pk)
            for a in o.action_list:
                a.statuses = _status_of(a, period)
                for st in a.statuses:
                    counts[st] = counts.get(st, 0) + 1
                if section_id and s.pk != section_id:
                    continue
                if objective_id and o.pk != objective_id:
                    continue
                if status and status not in a.statuses:
                    continue
                drill.append(a)
    late = [a for a in tree.actions if "not_reported" in a.statuses]
    sections = [s for s in tree.sections if s.figure.assessed or s.objective_list]
    section_chart = _chart(
        "bar",
        [f"{s.code}. {s.title[:30]}" for s in sections],
        _("Implementation %"),
        [float(s.figure.rounded) if s.figure.rounded is not None else None for s in sections],
    )
    unit_rows = [u for u in figures.units if not unit_id or u["unit_id"] == unit_id]
    unit_chart = _chart(
        "bar",
        [u["abbreviation"] or u["name"] for u in unit_rows],
        _("Implementation %"),
        [float(u["figure"].rounded) if u["figure"].rounded is not None else None for u in unit_rows],
    )
    series = plan_history(plan)
    history_chart = _chart(
        "line",
        [str(p.label) for p, _f in series],
        _("Plan implementation %"),
        [float(f.rounded) if f.rounded is not None else None for _p, f in series],
    )
    return render(
        request,
        "plans/plan_dashboard.html",
        {
            "plan": plan,
            "periods": periods,
            "period": period,
            "figures": figures,
            "sections": sections,
            "unit_rows": unit_rows,
            "units": units,
            "unit_id": unit_id,
            "section_id": section_id,
            "objective_id": objective_id,
            "status": status,
            "statuses": status_choices(),
            "counts": counts,
            "drill": drill,
            "late": late,
            "section_chart": section_chart,
            "unit_chart": unit_chart,
            "history_chart": history_chart,
            "series": series,
            "filtered": bool(unit_id or section_id or objective_id or status),
        },
    )


@login_required
def org_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "plans.view_dashboard", code=code)
    periods = _periods(org.pk)
    wanted = request.GET.get("period")
    period = next((p for p in periods if str(p.pk) == wanted or p.code == wanted), None)
    if period is None:
        period = ReportingPeriod.objects.filter(organization=org, assessments__isnull=False).order_by(
            "-year", "-end", "-kind"
        ).first() or (periods[-1] if periods else None)
    plans = list(Plan.objects.filter(organization=org).order_by("-year", "title"))
    per_plan: dict[int, Any] = {}
    late_counts: dict[int, int] = {}
    units: list[dict[str, Any]] = []
    figure = None
    if period is not None:
        from urdun.plans.aggregates import _annotations, _figure

        per_plan = {
            row["action__plan_id"]: _figure(row)
            for row in Assessment.objects.filter(period=period, action__plan__organization=org)
            .values("action__plan_id")
            .annotate(**_annotations())
            .order_by()
        }
        late_counts = dict(
            Action.objects.filter(
                plan__organization=org, plan__year=period.year, due_quarter__lte=period.through_quarter
            )
            .exclude(
                progress_reports__period=period, progress_reports__status=ProgressReport.Status.SUBMITTED
            )
            .values("plan_id")
            .annotate(n=Count("id"))
            .values_list("plan_id", "n")
        )
        units = unit_figures(
            Responsible.objects.filter(action__plan__organization=org, action__plan__year=period.year), period
        )
        figure = organization_figure(org, period)
    from urdun.plans.aggregates import EMPTY

    for p in plans:
        p.figure = per_plan.get(p.pk, EMPTY)
        p.late = late_counts.get(p.pk, 0)
    unit_chart = _chart(
        "bar",
        [u["abbreviation"] or u["name"] for u in units],
        _("Implementation %"),
        [float(u["figure"].rounded) if u["figure"].rounded is not None else None for u in units],
    )
    plan_chart = _chart(
        "bar",
        [p.title[:40] for p in plans],
        _("Implementation %"),
        [float(p.figure.rounded) if p.figure.rounded is not None else None for p in plans],
    )
    return render(
        request,
        "plans/org_dashboard.html",
        {
            "org": org,
            "periods": periods,
            "period": period,
            "plans": plans,
            "units": units,
            "figure": figure,
            "unit_chart": unit_chart,
            "plan_chart": plan_chart,
        },
    )


# --- periods and settings -------------------------------------------------------------------


@login_required
def periods_view(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "plans.edit_plan", code=code)
    form = YearForm(request.POST or None)
    if request.method == "POST":
        period_id = _int(request.POST.get("period"))
        if period_id:
            p = get_object_or_404(ReportingPeriod, pk=period_id, organization=org)
            from datetime import date

            try:
                p.deadline = date.fromisoformat(request.POST.get("deadline", ""))
            except ValueError:
                messages.error(request, _("Give a date."))
            else:
                p.save()
                messages.success(request, _("Deadline saved."))
            return redirect("plans:periods", code=org.code)
        if form.is_valid():
            services.standard_periods(org, form.cleaned_data["year"])
            messages.success(request, _("Reporting periods created."))
            return redirect("plans:periods", code=org.code)
    return render(request, "plans/periods.html", {"org": org, "form": form, "periods": _periods(org.pk)})


@login_required
def scale_settings(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "plans.manage_settings", code=code)
    instance = PlanSettings.objects.filter(organization=org).first() or PlanSettings(organization=org)
    form = ScaleForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Assessment scale saved."))
        return redirect("plans:scale_settings", code=org.code)
    return render(request, "plans/scale_settings.html", {"org": org, "form": form})


# --- public page ----------------------------------------------------------------------------

PUBLIC_TTL = 60 * 15


def public_plan(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """No login. Only published plans; only the plan text, responsible units and the assessed
    implementation (no officials' names, progress notes, comments or evidence). Cached by plan,
    last change, period and language."""
    plan = get_object_or_404(
        Plan.objects.select_related("organization"), pk=pk, organization__code=code, is_published=True
    )
    wanted = request.GET.get("period", "")
    key = f"{services.public_cache_key(plan.pk)}:{plan.updated_at.timestamp()}:{wanted[:20]}:{get_language()}"
    body = cache.get(key)
    if body is None:
        series = plan_history(plan)
        period = next((p for p, _f in series if p.code == wanted), None) or (
            series[-1][0] if series else None
        )
        tree = load_tree(plan, period, with_reports=False)
        figures = plan_figures(plan, period)
        for s in tree.sections:
            s.figure = figures.section(s.pk)
            for o in s.objective_list:
                o.figure = figures.objective(o.pk)
                for a in o.action_list:
                    a.public_responsibles = [
                        r.text
                        for r in a.responsibles.all()
                        if r.kind in (Responsible.Kind.UNIT, Responsible.Kind.ORGANIZATION)
                        or (r.kind == Responsible.Kind.UNKNOWN and not NAME_RE.match(r.text))
                    ]
        chart = _chart(
            "bar",
            [f"{s.code}. {s.title[:30]}" for s in tree.sections],
            _("Implementation %"),
            [float(s.figure.rounded) if s.figure.rounded is not None else None for s in tree.sections],
        )
        # The body is rendered without the request: no CSRF token or user data is cached.
        body = render_to_string(
            "plans/_public_body.html",
            {
                "plan": plan,
                "period": period,
                "series": series,
                "tree": tree,
                "figures": figures,
                "chart": chart,
            },
        )
        cache.set(key, body, PUBLIC_TTL)
    response = render(request, "plans/public_plan.html", {"plan": plan, "body": body})
    return response
