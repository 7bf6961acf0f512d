from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urdun.imports.employees import ImportRefused, commit_employees, parse_employees
from urdun.organizations.forms import EmployeeImportForm
from urdun.organizations.models import Employee, Organization
from urdun.organizations.permissions import can, get_for_user, require


@login_required
def employee_import(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "organizations.view_organization", code=code)
    require(request.user, "organizations.manage_employee", Employee(organization=org))
    form = EmployeeImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = upload.read()
            result = parse_employees(data, upload.name, org)
            if not result.problems:
                commit_employees(result, org)
                messages.success(
                    request,
                    _("Imported: %(created)d new, %(updated)d updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("organization_detail", code=org.code)
            form.add_error("file", _("Nothing was imported: correct the rows listed and upload again."))
        except ImportRefused as e:
            form.add_error("file", e.message)
    return render(request, "imports/employee_import.html", {"form": form, "org": org, "result": result})


@login_required
def performance_import(request: HttpRequest) -> HttpResponse:
    """Upload a person's report and evaluation sheet (DOCX, XLSX as Urdun exports it, or the text form of seed 002), see
    what was read and every problem, then commit it all in one transaction."""
    from urdun.imports.forms import RESCORE_CHOICES, PerformanceImportForm
    from urdun.imports.pending import stash, take
    from urdun.imports.performance_import import (
        ParseError,
        commit_performance,
        preview,
        problem_text,
        read_performance,
    )
    from urdun.performance.services import PerformanceError

    require(request.user, "imports.import_performance", None)
    employees = Employee.objects.for_user(request.user).active().select_related("unit", "organization")
    allowed = [e.pk for e in employees if can(request.user, "imports.import_performance", e)]
    form = PerformanceImportForm(
        request.POST or None, request.FILES or None, employees=employees.filter(pk__in=allowed)
    )
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and request.POST.get("token"):
        pending = take("performance", request.user.pk, request.POST["token"])
        if pending is None:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("performance_import")
        data, name, employee_id, period, rescores = pending
        if request.POST.get("rescores") in ("rule", "apply", "ignore"):
            rescores = request.POST["rescores"]
        employee = get_for_user(
            request.user, Employee.objects.all(), "imports.import_performance", pk=employee_id
        )
        try:
            summary = commit_performance(
                read_performance(data, name, rescores), employee, period, actor=request.user
            )
        except (ParseError, PerformanceError) as e:
            messages.error(
                request, getattr(e, "message", "") or _("Nothing was imported: the file has errors.")
            )
            return redirect("performance_import")
        messages.success(request, summary.line())
        return redirect("performance:sheet", pk=summary.sheet.pk)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        employee = form.cleaned_data["employee"]
        period = form.cleaned_data["period"]
        data = upload.read()
        rescores = form.cleaned_data["rescores"]
        try:
            parsed = read_performance(data, upload.name, rescores)
        except ParseError as e:
            context["fatal"] = [problem_text(p) for p in e.problems]
        else:
            context["preview"] = preview(parsed, employee, period)
            context["rescores"] = rescores
            context["rescore_choices"] = RESCORE_CHOICES
            context["problems"] = [(p.severity, problem_text(p)) for p in parsed.problems]
            if not parsed.errors:
                context["token"] = stash(
                    "performance", request.user.pk, (data, upload.name, employee.pk, period, rescores)
                )
    return render(request, "imports/performance_import.html", context)
