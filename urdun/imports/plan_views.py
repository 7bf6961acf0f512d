"""The plan upload page: parse, preview the tree with every problem, then commit.

The page lives in the imports app (imports stand above plans); its address stays under
/plans/org/<code>/import/ and the plan list links to it through the plans page hook
(`urdun.plans.hooks`, registered in ImportsConfig.ready())."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urdun.imports.forms import PlanImportForm
from urdun.imports.plan_import import (
    ParseError,
    commit_plan_summary,
    plan_preview,
    preview_lines,
    problem_text,
    read_plan,
)
from urdun.organizations.models import Organization
from urdun.organizations.permissions import get_for_user
from urdun.plans.services import PlanError

PENDING_TTL = 30 * 60


def _key(user_id: int, token: str) -> str:
    return f"plans:import:{user_id}:{token}"


@login_required
def plan_import(request: HttpRequest, code: str) -> HttpResponse:
    org = get_for_user(request.user, Organization.objects.all(), "plans.edit_plan", code=code)
    form = PlanImportForm(request.POST or None, request.FILES or None)
    parsed = None
    fatal: list[str] = []
    token = ""
    if request.method == "POST" and request.POST.get("token"):
        pending = cache.get(_key(request.user.pk, request.POST["token"][:64]))
        if pending is None:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("plan_import", code=org.code)
        data, name, legal_basis = pending
        try:
            summary = commit_plan_summary(
                read_plan(data, name), org, request.user, legal_basis=legal_basis or None
            )
        except (ParseError, PlanError) as e:
            messages.error(request, getattr(e, "message", str(e)))
            return redirect("plan_import", code=org.code)
        cache.delete(_key(request.user.pk, request.POST["token"][:64]))
        messages.success(request, summary.line())
        return redirect("plans:plan_detail", pk=summary.plan.pk)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            form.add_error("file", _("The file is too large."))
        else:
            data = upload.read()
            try:
                parsed = read_plan(data, upload.name)
            except ParseError as e:
                fatal = [problem_text(p) for p in e.problems]
            else:
                if not parsed.errors:
                    token = uuid.uuid4().hex
                    cache.set(
                        _key(request.user.pk, token),
                        (data, upload.name, form.cleaned_data["legal_basis"]),
                        PENDING_TTL,
                    )
    problems = [(p, problem_text(p)) for p in parsed.problems] if parsed else []
    preview = plan_preview(parsed, org) if parsed else None
    return render(
        request,
        "imports/plan_import.html",
        {
            "org": org,
            "form": form,
            "parsed": parsed,
            "problems": problems,
            "fatal": fatal,
            "token": token,
            "preview": preview,
            "preview_lines": preview_lines(preview) if preview else [],
        },
    )
