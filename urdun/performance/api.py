"""`/api/v1/performance/…`: plans, reports and sheets, calling the same services as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from urdun.organizations.permissions import actor_for, require
from urdun.performance import services
from urdun.performance.forms import ReportEntryForm
from urdun.performance.models import (
    EvaluationSheet,
    Indicator,
    PerformancePlan,
    PlanAction,
    PlanObjective,
    ReportEntry,
)
from urdun.performance.payload import sheet_payload


class PerformanceIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "name", "baseline", "target_half", "target_annual"]


class PerformanceActionSerializer(serializers.ModelSerializer):
    indicators = PerformanceIndicatorSerializer(many=True, read_only=True)
    org_action = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = PlanAction
        fields = ["id", "number", "text", "planned_start", "planned_end", "org_action", "indicators"]


class PerformanceObjectiveSerializer(serializers.ModelSerializer):
    actions = PerformanceActionSerializer(many=True, read_only=True)

    class Meta:
        model = PlanObjective
        fields = ["id", "number", "text", "actions"]


class PerformancePlanSerializer(serializers.ModelSerializer):
    employee = serializers.CharField(source="employee.short_name", read_only=True)
    objectives = PerformanceObjectiveSerializer(many=True, read_only=True)
    assignments = serializers.SerializerMethodField()
    knowledge_goals = serializers.SerializerMethodField()

    class Meta:
        model = PerformancePlan
        fields = [
            "id",
            "employee",
            "year",
            "status",
            "version",
            "objectives",
            "assignments",
            "knowledge_goals",
        ]

    def get_assignments(self, plan: PerformancePlan) -> list[dict[str, Any]]:
        return [
            {
                "id": a.pk,
                "number": a.number,
                "text": a.text,
                "assigned_by": a.assigned_by.short_name if a.assigned_by else a.assigned_by_text,
                "indicator": a.indicator,
                "baseline": a.baseline,
                "target": a.target,
            }
            for a in plan.assignments.all()
        ]

    def get_knowledge_goals(self, plan: PerformancePlan) -> list[dict[str, Any]]:
        return [
            {
                "id": k.pk,
                "number": k.number,
                "text": k.text,
                "indicator": k.indicator,
                "baseline": k.baseline,
                "target": k.target,
            }
            for k in plan.knowledge_goals.all()
        ]


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PerformancePlanSerializer
    permission = "performance.view_plan"

    def get_queryset(self) -> QuerySet[PerformancePlan]:
        return (
            PerformancePlan.objects.for_user(self.request.user)
            .select_related("employee")
            .prefetch_related(
                "objectives__actions__indicators", "assignments__assigned_by", "knowledge_goals"
            )
            .order_by("-year", "pk")
        )


class PerformanceReportEntrySerializer(serializers.ModelSerializer):
    subject = serializers.SerializerMethodField()

    class Meta:
        model = ReportEntry
        fields = [
            "id",
            "subject",
            "achieved_text",
            "achieved_value",
            "actual_start",
            "actual_end",
            "completion",
            "status",
            "version",
        ]

    def get_subject(self, e: ReportEntry) -> dict[str, Any]:
        if e.indicator_id:
            return {"type": "indicator", "action": e.indicator.action.number, "indicator": e.indicator.name}
        if e.assignment_id:
            return {"type": "assignment", "number": e.assignment.number, "text": e.assignment.text}
        return {"type": "knowledge", "number": e.knowledge_goal.number, "text": e.knowledge_goal.text}


class ReportEntryViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Report entries. PATCH with the ``version`` you read; a stale version gets 409."""

    serializer_class = PerformanceReportEntrySerializer
    permission = "performance.view_sheet"
    write_permission = "performance.edit_report"
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[ReportEntry]:
        qs = ReportEntry.objects.filter(
            actor_for(self.request.user).employee_filter("sheet__employee__")
        ).select_related("sheet__employee", "indicator__action", "assignment", "knowledge_goal")
        if sheet := self.request.query_params.get("sheet"):
            qs = qs.filter(sheet_id=sheet)
        return qs.order_by("sheet_id", "order", "pk")

    def check_object_permissions(self, request: Request, obj: ReportEntry) -> None:  # type: ignore[override]
        super().check_object_permissions(request, obj.sheet)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entry = self.get_object()
        data = dict(request.data.items())
        if "version" not in data:
            raise ValidationError({"version": [_("Send the version you read.")]})
        initial = {f: getattr(entry, f) for f in services.REPORT_FIELDS}
        form = ReportEntryForm(
            {**{k: ("" if v is None else v) for k, v in initial.items()}, **data},
            instance=ReportEntry.objects.get(pk=entry.pk),
        )
        if not form.is_valid():
            raise ValidationError(form.errors)
        try:
            saved = services.save_report_entry(
                request.user,
                entry,
                form.cleaned_data["version"],
                {k: form.cleaned_data.get(k) for k in services.REPORT_FIELDS},
            )
        except services.ConflictError as e:
            return Response({"detail": e.message}, status=status.HTTP_409_CONFLICT)
        except services.PerformanceError as e:
            raise ValidationError({"detail": e.message}) from e
        return Response(self.get_serializer(saved).data)


class EvaluationSheetSerializer(serializers.ModelSerializer):
    employee = serializers.CharField(source="employee.short_name", read_only=True)
    period = serializers.CharField(source="cycle.code", read_only=True)

    class Meta:
        model = EvaluationSheet
        fields = ["id", "employee", "period", "status", "version", "final_total", "final_rating"]


class SheetTransitionSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=list(services.TRANSITIONS))
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class SheetViewSet(viewsets.ReadOnlyModelViewSet):
    """Sheets. The detail is the full contract payload with every computed figure, as the
    requesting user may see it. POST ``transition/`` runs one step of the sign-off chain."""

    serializer_class = EvaluationSheetSerializer
    permission = "performance.view_sheet"
    write_permission = "performance.view_sheet"  # each transition checks its own capability

    def get_queryset(self) -> QuerySet[EvaluationSheet]:
        return (
            EvaluationSheet.objects.for_user(self.request.user)
            .select_related(
                "employee__user", "employee__organization", "employee__unit", "cycle__methodology"
            )
            .order_by("-cycle__year", "pk")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        sheet = self.get_object()
        language = request.query_params.get("language") or getattr(request, "LANGUAGE_CODE", "mn")
        payload = sheet_payload(sheet, language=language, viewer=actor_for(request.user))
        if sheet.confirmed_payload and sheet.status == "confirmed":
            payload = {**sheet.confirmed_payload, "language": language}
        return Response({"id": sheet.pk, "version": sheet.version, **payload})

    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        sheet = self.get_object()
        s = SheetTransitionSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        require(request.user, services.TRANSITIONS[s.validated_data["step"]].capability, sheet)
        try:
            services.transition(request.user, sheet, s.validated_data["step"], s.validated_data["comment"])
        except services.PerformanceError as e:
            raise ValidationError({"detail": e.message}) from e
        return Response({"id": sheet.pk, "status": sheet.status, "version": sheet.version})


router = SimpleRouter()
router.register("performance/plans", PlanViewSet, basename="performance-plan")
router.register("performance/report-entries", ReportEntryViewSet, basename="performance-report-entry")
router.register("performance/sheets", SheetViewSet, basename="performance-sheet")
urlpatterns = router.urls
