from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_POST

from urdun.documents.jobs import start_bulk_job
from urdun.documents.models import DocumentJob
from urdun.documents.rules import BULK_ROLES
from urdun.documents.services import FORM_FORMATS, DocumentError, RenderedFile, plan_document, sheet_document
from urdun.organizations.models import Organization, Unit
from urdun.organizations.permissions import actor_for, can, get_for_user, require
from urdun.performance.models import EvaluationCycle, EvaluationSheet
from urdun.performance.payload import SheetNotFound, parse_period, sheet_totals
from urdun.plans.models import Plan, ReportingPeriod


def _attachment(document: RenderedFile) -> HttpResponse:
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _language() -> str:
    return translation.get_language() or "mn"


@login_required
def sheet_download(request: HttpRequest, pk: int, form: str, fmt: str) -> HttpResponse:
    if fmt not in FORM_FORMATS.get(form, ()):
        raise Http404
    sheet = get_for_user(request.user, EvaluationSheet.objects.all(), "performance.view_sheet", pk=pk)
    try:
        return _attachment(sheet_document(sheet, form, fmt, _language(), viewer=actor_for(request.user)))
    except DocumentError as e:
        messages.error(request, e.message)
        return redirect("performance:sheet", pk=sheet.pk)


@login_required
def plan_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORM_FORMATS["plan"]:
        raise Http404
    plan = get_for_user(request.user, Plan.objects.select_related("organization"), "plans.view_plan", pk=pk)
    period = None
    if request.GET.get("period"):
        period = ReportingPeriod.objects.filter(
            organization=plan.organization_id, pk=request.GET["period"]
        ).first()
        if period is None:
            raise Http404
    return _attachment(plan_document(plan, fmt, period, _language()))


def _scope(request: HttpRequest, code: str) -> tuple[Organization, Unit | None]:
    org = get_for_user(request.user, Organization.objects.all(), "organizations.view_organization", code=code)
    unit = None
    if request.POST.get("unit") or request.GET.get("unit"):
        unit = Unit.objects.filter(
            organization=org, pk=request.POST.get("unit") or request.GET.get("unit")
        ).first()
        if unit is None:
            raise Http404
    require(request.user, "documents.bulk_export", unit or org)
    return org, unit


def _period(request: HttpRequest) -> tuple[int, str]:
    try:
        return parse_period(request.POST.get("period") or request.GET.get("period") or "")
    except SheetNotFound as e:
        raise Http404(str(e)) from e


@login_required
def documents_home(request: HttpRequest) -> HttpResponse:
    """Bulk exports the user may start: whole organizations (evaluation team, HR, head,
    administrators; paginated, as a national administrator sees every organization) and the
    units they head. The period field starts at the latest evaluation cycle among them."""
    require(request.user, "documents.bulk_export", None)
    actor = actor_for(request.user)
    orgs = Organization.objects.for_user(request.user).order_by("name")
    if not actor.is_admin:
        orgs = orgs.filter(pk__in=actor.org_ids(BULK_ROLES))
    page = Paginator(orgs, 30).get_page(request.GET.get("page"))
    scopes = [{"org": org, "unit": None} for org in page]
    if page.number == 1:
        units = (
            Unit.objects.filter(pk__in=actor.unit_ids())
            .exclude(organization__in=orgs)
            .select_related("organization")
            .order_by("organization__name", "name")
        )
        scopes += [{"org": unit.organization, "unit": unit} for unit in units]
    latest = (
        EvaluationCycle.objects.filter(organization__in=[scope["org"] for scope in scopes])
        .order_by("-year", "-period")
        .first()
    )
    period = latest.code if latest else f"{timezone.localdate().year}-H1"
    jobs = DocumentJob.objects.filter(requested_by=request.user).select_related("organization", "unit")[:20]
    return render(
        request, "documents/home.html", {"scopes": scopes, "page": page, "jobs": jobs, "period": period}
    )


@login_required
@require_POST
def bulk_start(request: HttpRequest, code: str) -> HttpResponse:
    org, unit = _scope(request, code)
    year, period = _period(request)
    job = start_bulk_job(request.user, org, unit, year, period)
    return redirect("document_job", pk=job.pk)


def _job(request: HttpRequest, pk: str) -> DocumentJob:
    job = DocumentJob.objects.select_related("organization", "unit").filter(pk=pk).first()
    if job is None or not can(request.user, "documents.view_job", job):
        raise Http404
    return job


@login_required
def job_detail(request: HttpRequest, pk: str) -> HttpResponse:
    return render(request, "documents/job.html", {"job": _job(request, pk)})


@login_required
def job_status(request: HttpRequest, pk: str) -> HttpResponse:
    return render(request, "documents/job_status.html", {"job": _job(request, pk)})


@login_required
def job_download(request: HttpRequest, pk: str) -> FileResponse:
    job = _job(request, pk)
    if job.status != DocumentJob.Status.DONE or not job.path.exists():
        raise Http404
    return FileResponse(
        open(job.path, "rb"), as_attachment=True, filename=job.file_name, content_type="application/zip"
    )


@login_required
def totals_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    from urdun.documents.render.xlsx import render_totals_xlsx

    org, unit = _scope(request, code)
    year, period = _period(request)
    sheets = EvaluationSheet.objects.filter(
        employee__organization=org, cycle__year=year, cycle__period=period
    )
    if unit:
        sheets = sheets.filter(employee__unit=unit)
    sheets = sheets.order_by("employee__unit__name", "employee__given_name", "pk")
    rows = [
        {k: v for k, v in r.items() if k != "sheet"} for r in sheet_totals(sheets, actor_for(request.user))
    ]
    content = render_totals_xlsx(rows, language=_language())
    name = f"totals-{org.code}{'-' + unit.abbreviation if unit else ''}-{year}-{period}.xlsx"
    return _attachment(
        RenderedFile(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name)
    )
