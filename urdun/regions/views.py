"""The aimag and country pages: figures per organization below, sortable, with drill-down."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from urdun.organizations.models import Organization
from urdun.organizations.permissions import can, get_for_user
from urdun.regions.figures import SORT_KEYS, figures, sort_rows

PERIODS = ("H1", "Y")


def _choices(request: HttpRequest) -> dict[str, Any]:
    """The year (from the last ten years that have cycles) and the period asked for."""
    cycle = apps.get_model("performance", "EvaluationCycle")
    years = list(cycle.objects.order_by("-year").values_list("year", flat=True).distinct()[:10])
    if not years:
        years = [timezone.localdate().year]
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0]
    if year not in years:
        year = years[0]
    period = request.GET.get("period")
    if period not in PERIODS:
        period = "H1"
    sort = request.GET.get("sort", "name")
    if sort not in SORT_KEYS:
        sort = "name"
    return {
        "years": years,
        "year": year,
        "period": period,
        "sort": sort,
        "desc": request.GET.get("desc") == "1",
    }


def _letters() -> list[str]:
    method = apps.get_model("performance", "MethodologyVersion").current()
    return [band["letter"] for band in method.rating_bands]


def _page(
    request: HttpRequest, org: Organization | None, roots: list[Organization], country: bool
) -> HttpResponse:
    ctx = _choices(request)
    letters = _letters()
    rows = figures(roots, org, ctx["year"], ctx["period"], letters)
    ctx.update(
        org=org,
        country=country,
        letters=letters,
        rows=sort_rows(rows, ctx["sort"], ctx["desc"]),
    )
    return render(request, "regions/region.html", ctx)


@login_required
def national(request: HttpRequest) -> HttpResponse:
    """The country: every top-level organization the user reaches, each over its subtree. With
    one national body at the top, its own page."""
    roots = [
        o
        for o in Organization.objects.filter(parent__isnull=True, is_active=True).order_by("name")
        if can(request.user, "organizations.view_region", o)
    ]
    if not roots:
        raise PermissionDenied("organizations.view_region")
    if len(roots) == 1:
        root = roots[0]
        children = list(Organization.objects.filter(parent=root, is_active=True).order_by("name"))
        return _page(request, root, children, country=True)
    return _page(request, None, roots, country=True)


@login_required
def region(request: HttpRequest, code: str) -> HttpResponse:
    """An aimag (or any organization with organizations under it): its own office and each
    organization below, over their subtrees."""
    orgs = Organization.objects.select_related("parent")
    org = get_for_user(request.user, orgs, "organizations.view_region", code=code)
    children = list(Organization.objects.filter(parent=org, is_active=True).order_by("name"))
    return _page(request, org, children, country=False)
