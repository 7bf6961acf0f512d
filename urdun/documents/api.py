"""The same files as the pages, for integrations: /api/v1/documents/…"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from urdun.documents.services import FORM_FORMATS, plan_document, sheet_document
from urdun.organizations.permissions import actor_for, get_for_user
from urdun.performance.models import EvaluationSheet
from urdun.plans.models import Plan


def _file(document) -> HttpResponse:  # type: ignore[no-untyped-def]
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


class SheetDocumentView(APIView):
    permission = "performance.view_sheet"

    @extend_schema(responses={200: OpenApiTypes.BINARY}, summary="A form of an evaluation sheet as a file")
    def get(self, request: Request, pk: int, form: str, fmt: str) -> HttpResponse:
        if fmt not in FORM_FORMATS.get(form, ()):
            raise Http404
        sheet = get_for_user(request.user, EvaluationSheet.objects.all(), self.permission, pk=pk)
        return _file(sheet_document(sheet, form, fmt, request.LANGUAGE_CODE, viewer=actor_for(request.user)))


class PlanDocumentView(APIView):
    permission = "plans.view_plan"

    @extend_schema(responses={200: OpenApiTypes.BINARY}, summary="An organizational plan as a file")
    def get(self, request: Request, pk: int, fmt: str) -> HttpResponse:
        if fmt not in FORM_FORMATS["plan"]:
            raise Http404
        plan = get_for_user(request.user, Plan.objects.select_related("organization"), self.permission, pk=pk)
        return _file(plan_document(plan, fmt, language=request.LANGUAGE_CODE))


urlpatterns = [
    path(
        "documents/sheets/<int:pk>/<slug:form>/<slug:fmt>/",
        SheetDocumentView.as_view(),
        name="api-sheet-document",
    ),
    path("documents/plans/<int:pk>/<slug:fmt>/", PlanDocumentView.as_view(), name="api-plan-document"),
]
