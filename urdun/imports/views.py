from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urdun.imports.employees import ImportRefused, commit_employees, parse_employees
from urdun.organizations.forms import EmployeeImportForm
from urdun.organizations.models import Employee, Organization
from urdun.organizations.permissions import get_for_user, require


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
