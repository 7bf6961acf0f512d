from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urdun.organizations.forms import (
    EmployeeForm,
    LanguageForm,
    OrganizationForm,
    RoleAssignmentForm,
    UnitForm,
)
from urdun.organizations.models import ApiToken, Employee, Organization, RoleAssignment, Unit
from urdun.organizations.permissions import actor_for, get_for_user, require
from urdun.organizations.services import save_employee


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "organizations/home.html", {})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        from django.conf import settings

        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


@login_required
def account(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created")
    new_key = request.session.pop("new_api_key", None)
    return render(request, "organizations/account.html", {"tokens": tokens, "new_key": new_key})


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name", "").strip()[:100] or _("Integration")
    scope = request.POST.get("scope")
    if scope not in ApiToken.Scope.values:
        scope = ApiToken.Scope.READ
    _token, key = ApiToken.issue(request.user, name, scope)
    request.session["new_api_key"] = key
    messages.success(request, _("Token created. Copy it now: it is shown only once."))
    return redirect("account")


@login_required
@require_POST
def token_delete(request: HttpRequest, pk: int) -> HttpResponse:
    ApiToken.objects.filter(user=request.user, pk=pk).delete()
    messages.success(request, _("Token revoked."))
    return redirect("account")


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "organizations.administer")

    # Counted per organization on the page (correlated subqueries on indexed columns), not by
    # joining every unit with every employee and counting distinct pairs before paging.
    def count_of(model: type[Unit] | type[Employee]) -> Coalesce:
        per_org = model.objects.filter(organization=OuterRef("pk")).order_by().values("organization")
        return Coalesce(Subquery(per_org.annotate(n=Count("pk")).values("n")), 0)

    qs = (
        Organization.objects.for_user(request.user)
        .select_related("parent")
        .annotate(unit_count=count_of(Unit), employee_count=count_of(Employee))
        .order_by("name")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "organizations/organization_list.html", {"page": page})


@login_required
def organization_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "organizations.manage_organization", None)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = form.save()
        messages.success(request, _("Organization saved."))
        return redirect("organization_detail", code=org.code)
    return render(request, "organizations/form.html", {"form": form, "title": _("New organization")})


@login_required
def organization_detail(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "organizations.view_organization", code=code)
    actor = actor_for(request.user)
    employees = actor.scope_employees(org.employees.select_related("unit", "user"))
    if query := request.GET.get("q", "").strip():
        employees = employees.filter(
            Q(given_name__icontains=query) | Q(family_name__icontains=query) | Q(position__icontains=query)
        )
    page = Paginator(employees, 50).get_page(request.GET.get("page"))
    roles = RoleAssignment.objects.filter(organization=org).select_related("employee", "unit")
    context = {
        "org": org,
        "units": org.units.annotate(employee_count=Count("employees")),
        "page": page,
        "query": query,
        "roles": roles,
        "can_manage": actor.is_admin or actor.has_role("org_admin", org.pk),
        "can_manage_people": actor.is_admin or actor.has_role(("org_admin", "hr_officer"), org.pk),
    }
    return render(request, "organizations/organization_detail.html", context)


@login_required
def organization_edit(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(
        request.user, Organization.objects.all(), "organizations.manage_organization", code=code
    )
    form = OrganizationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organization saved."))
        return redirect("organization_detail", code=org.code)
    return render(request, "organizations/form.html", {"form": form, "title": org.name, "org": org})


@login_required
def unit_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    org = get_for_user(
        request.user, Organization.objects.all(), "organizations.manage_organization", code=code
    )
    # The organization was fetched with its capability; the unit only has to belong to it.
    unit = get_object_or_404(Unit, organization=org, pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit, organization=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Unit saved."))
        return redirect("organization_detail", code=org.code)
    title = unit.name if unit else _("New unit")
    return render(request, "organizations/form.html", {"form": form, "title": title, "org": org})


@login_required
def employee_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "organizations.view_organization", code=code)
    if pk:
        employee = get_for_user(
            request.user, Employee.objects.filter(organization=org), "organizations.manage_employee", pk=pk
        )
    else:
        employee = None
        require(request.user, "organizations.manage_employee", Employee(organization=org))
    form = EmployeeForm(request.POST or None, instance=employee, organization=org)
    if request.method == "POST" and form.is_valid():
        save_employee(form.save(commit=False), form.cleaned_data["username"])
        messages.success(request, _("Employee saved."))
        return redirect("organization_detail", code=org.code)
    title = employee.short_name if employee else _("New employee")
    return render(request, "organizations/form.html", {"form": form, "title": title, "org": org})


@login_required
def role_create(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "organizations.manage_roles", code=code)
    form = RoleAssignmentForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Role assigned."))
        return redirect("organization_detail", code=org.code)
    return render(request, "organizations/form.html", {"form": form, "title": _("Assign a role"), "org": org})


@login_required
@require_POST
def role_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "organizations.manage_roles", code=code)
    with transaction.atomic():
        RoleAssignment.objects.filter(organization=org, pk=pk).delete()
    messages.success(request, _("Role removed."))
    return redirect("organization_detail", code=org.code)
