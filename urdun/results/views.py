"""Results pages: the organization's publications and its inflation signal (signed in), and the
public pages and open data of published results (no login)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from urdun.organizations.models import Organization
from urdun.organizations.permissions import can, get_for_user
from urdun.performance.models import EvaluationCycle, Period
from urdun.results import inflation, publication, raters
from urdun.results.models import Publication


def _cycle(org: Organization, code: str) -> EvaluationCycle:
    year, _sep, half = code.partition("-")
    if not year.isdigit() or half not in ("", "H1"):
        raise Http404
    try:
        return EvaluationCycle.objects.select_related("organization", "methodology").get(
            organization=org, year=int(year), period=Period.H1 if half else Period.ANNUAL
        )
    except EvaluationCycle.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def organization_results(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "results.view", code=code)
    cycles = list(
        EvaluationCycle.objects.filter(organization=org)
        .select_related("methodology")
        .order_by("-year", "-period")[:12]
    )
    current = {
        p.cycle_id: p
        for p in Publication.objects.filter(organization=org, cycle__in=cycles, superseded=False)
    }
    rows = [
        {
            "cycle": c,
            "closed": publication.is_closed(c),
            "publication": current.get(c.pk),
            "figures": publication.table(c) if publication.is_closed(c) else None,
        }
        for c in cycles
    ]
    return render(
        request,
        "results/organization.html",
        {
            "org": org,
            "rows": rows,
            "may_publish": can(request.user, "results.publish", org),
            "may_see_signal": can(request.user, "results.view_signal", org),
        },
    )


@login_required
@require_POST
def publish(request: HttpRequest, code: str, cycle: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "results.publish", code=code)
    target = _cycle(org, cycle)
    try:
        publication.publish(request.user, target)
    except publication.PublicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("The results of %(cycle)s are published.") % {"cycle": target.label})
    return redirect("results:organization", code=org.code)


@login_required
@require_GET
def signal(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "results.view_signal", code=code)
    key = request.GET.get("sort", "gap")
    if key not in inflation.SORT_KEYS:
        return HttpResponseBadRequest(
            _("Unknown sort order “%(key)s”: use one of %(keys)s.")
            % {"key": key[:40], "keys": ", ".join(inflation.SORT_KEYS)}
        )
    rows = inflation.sort(inflation.signals(org), key)
    latest = rows and max(r.cycle for r in rows)
    chart_rows = [r for r in rows if r.cycle == latest]
    chart = {
        "type": "bar",
        "labels": [r.unit[:40] for r in chart_rows],
        "datasets": [
            {"label": _("Mean total of its people"), "data": [_num(r.mean_total) for r in chart_rows]},
            {
                "label": _("Implementation of its plan actions %"),
                "data": [_num(r.implementation) for r in chart_rows],
            },
        ],
        "options": {"scales": {"y": {"min": 0, "max": 100}}},
    }
    return render(
        request,
        "results/signal.html",
        {"org": org, "rows": rows, "sort": key, "chart": chart, "latest": latest},
    )


def _num(value: Any) -> float | None:
    return float(round(value, 1)) if value is not None else None


@login_required
@require_GET
def rater_analytics(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "results.view_raters", code=code)
    cycles = list(EvaluationCycle.objects.filter(organization=org).order_by("-year", "-period")[:12])
    wanted = request.GET.get("cycle")
    if wanted is not None and wanted not in {c.code for c in cycles}:
        return HttpResponseBadRequest(
            _("No evaluation cycle “%(code)s” in this organization.") % {"code": wanted[:20]}
        )
    cycle = next((c for c in cycles if c.code == wanted), cycles[0] if cycles else None)
    data = raters.analytics(cycle) if cycle else {"raters": [], "organization_mean": None, "team": []}
    return render(
        request,
        "results/raters.html",
        {
            "org": org,
            "cycles": cycles,
            "cycle": cycle,
            "rows": [r.as_dict() for r in data["raters"]],
            "organization_mean": publication.fmt(data["organization_mean"]),
            "team": data["team"],
        },
    )


# --- public (no login) -----------------------------------------------------------------------


def _published(code: str, cycle: str) -> Publication:
    found = publication.current(code, cycle)
    if found is None:
        raise Http404
    return found


@require_GET
def public_catalogue(request: HttpRequest) -> HttpResponse:
    items = list(
        Publication.objects.filter(superseded=False)
        .select_related("organization", "cycle")
        .order_by("organization__name", "-cycle__year", "-cycle__period")
    )
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "datasets": [
                    {
                        "organization": p.organization.code,
                        "cycle": p.cycle.code,
                        "published_at": p.published_at.isoformat(),
                        "page": request.build_absolute_uri(_public_url(p, "")),
                        "csv": request.build_absolute_uri(_public_url(p, "results.csv")),
                        "json": request.build_absolute_uri(_public_url(p, "results.json")),
                        "datapackage": request.build_absolute_uri(_public_url(p, "datapackage.json")),
                    }
                    for p in items
                ]
            },
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "results/public_catalogue.html", {"items": items})


def _public_url(p: Publication, name: str) -> str:
    from django.urls import reverse

    base = reverse("results:public", kwargs={"code": p.organization.code, "cycle": p.cycle.code})
    return base + name


@require_GET
def public_results(request: HttpRequest, code: str, cycle: str) -> HttpResponse:
    p = _published(code, cycle)
    return render(request, "results/public.html", {"p": p, "f": p.figures})


@require_GET
def public_csv(request: HttpRequest, code: str, cycle: str) -> HttpResponse:
    p = _published(code, cycle)
    response = HttpResponse(publication.to_csv(p.figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="results-{p.organization.code}-{p.cycle.code}.csv"'
    return response


@require_GET
def public_json(request: HttpRequest, code: str, cycle: str) -> HttpResponse:
    p = _published(code, cycle)
    body = {**p.figures, "published_at": p.published_at.isoformat(), "published_by": p.publisher_name}
    return HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json")


@require_GET
def public_datapackage(request: HttpRequest, code: str, cycle: str) -> HttpResponse:
    p = _published(code, cycle)
    return HttpResponse(
        json.dumps(publication.datapackage(p), ensure_ascii=False, indent=1), content_type="application/json"
    )
