"""Turning a sheet or a plan into a file: one function per document, every format.

The pages, the API, the command line and the bulk job all call these, so every route gives the
same bytes for the same data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from urdun.documents.payloads import assignments_payload, report_payload
from urdun.organizations.permissions import Actor
from urdun.performance.models import EvaluationSheet
from urdun.performance.payload import sheet_payload
from urdun.plans.models import Plan, ReportingPeriod
from urdun.plans.payload import plan_payload

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
# Which formats each form has: the report and assignments forms are print forms only.
FORM_FORMATS = {
    "evaluation_sheet": ("pdf", "docx", "xlsx", "json"),
    "plan": ("pdf", "docx", "xlsx", "json"),
    "performance_report": ("pdf", "docx"),
    "assignments": ("pdf", "docx"),
}


class DocumentError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RenderedFile:
    content: bytes
    content_type: str
    filename: str


def render_payload(kind: str, payload: dict[str, Any], fmt: str) -> bytes:
    if fmt not in FORM_FORMATS.get(kind, ()):
        raise DocumentError(_("This form has no %(format)s version.") % {"format": fmt.upper()})
    if fmt == "json":
        return json.dumps(payload, ensure_ascii=False, indent=2).encode()
    if fmt == "pdf":
        from urdun.documents.render.pdf import render_pdf

        return render_pdf(kind, payload)
    if fmt == "docx":
        from urdun.documents.render.docx import render_docx

        return render_docx(kind, payload)
    from urdun.documents.render.xlsx import render_xlsx

    return render_xlsx(kind, payload)


def sheet_file_name(sheet: EvaluationSheet, kind: str, fmt: str) -> str:
    user = sheet.employee.user.username if sheet.employee.user_id else f"employee-{sheet.employee_id}"
    return f"{kind}-{user}-{sheet.cycle.code}.{fmt}"


def sheet_document(
    sheet: EvaluationSheet, kind: str, fmt: str, language: str = "mn", viewer: Actor | None = None
) -> RenderedFile:
    """The file of one form of a sheet. With `viewer`, the evaluation sheet shows only what that
    person may see at this step (the same rule as the page)."""
    builders = {
        "evaluation_sheet": sheet_payload,
        "performance_report": report_payload,
        "assignments": assignments_payload,
    }
    if kind not in builders:
        raise DocumentError(_("Unknown form."))
    if kind == "evaluation_sheet":
        payload = sheet_payload(sheet, language=language, viewer=viewer)
    else:
        payload = builders[kind](sheet, language=language)
    return RenderedFile(render_payload(kind, payload, fmt), FORMATS[fmt], sheet_file_name(sheet, kind, fmt))


def plan_document(
    plan: Plan, fmt: str, period: ReportingPeriod | None = None, language: str = "mn"
) -> RenderedFile:
    payload = plan_payload(plan, period=period, language=language)
    name = f"plan-{plan.organization.code}-{plan.pk}.{fmt}"
    return RenderedFile(render_payload("plan", payload, fmt), FORMATS[fmt], name)
