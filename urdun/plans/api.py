"""Plans, actions, progress reports and assessments under /api/v1/. Reads are scoped with
`for_user`; writes call the same service functions as the pages (PlanError → 400)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as drf_action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from urdun.organizations.permissions import can
from urdun.plans import services
from urdun.plans.aggregates import percent_text
from urdun.plans.models import Action, Assessment, Plan, ProgressReport, ReportingPeriod, Responsible
from urdun.plans.payload import plan_payload


class ResponsibleSerializer(serializers.ModelSerializer):
    resolved = serializers.BooleanField(read_only=True)

    class Meta:
        model = Responsible
        fields = ["text", "kind", "resolved", "unit", "organization", "employee"]


class ActionSerializer(serializers.ModelSerializer):
    quarters = serializers.ListField(source="quarter_list", read_only=True)
    responsibles = ResponsibleSerializer(many=True, read_only=True)
    objective_code = serializers.CharField(source="objective.code", read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "plan",
            "objective_code",
            "row",
            "code",
            "text",
            "quarters",
            "baseline",
            "target",
            "responsibles",
        ]


class PlanSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "organization",
            "title",
            "year",
            "legal_basis",
            "is_published",
            "published_at",
            "updated_at",
        ]


class PeriodField(serializers.Field):
    def to_representation(self, value: ReportingPeriod) -> str:
        return value.code

    def to_internal_value(self, data: Any) -> str:
        return str(data)


class ProgressReportSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period.code", read_only=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "action",
            "period",
            "status",
            "done",
            "achieved_value",
            "links",
            "submitted_at",
            "late",
            "evidence",
        ]

    def get_evidence(self, obj: ProgressReport) -> list[dict[str, Any]]:
        request = self.context.get("request")
        if request is None or not can(request.user, "plans.view_evidence", obj):
            return []
        return [
            {"id": e.pk, "name": e.original_name, "size": e.size, "url": f"/plans/evidence/{e.pk}/"}
            for e in obj.evidence.all()
        ]


class AssessmentSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period.code", read_only=True)
    percent = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["id", "action", "period", "status", "percent", "comment", "assessed_at"]

    def get_percent(self, obj: Assessment) -> str | None:
        return percent_text(obj.percent)


def _period(action: Action, code: Any) -> ReportingPeriod:
    code = str(code or "")
    year, _sep, kind = code.partition("-")
    p = ReportingPeriod.objects.filter(
        organization_id=action.plan.organization_id, year=year if year.isdigit() else 0, kind=kind
    ).first()
    if p is None:
        raise ValidationError(
            {"period": _("Unknown reporting period “%(code)s” (use e.g. 2019-Q2).") % {"code": code}}
        )
    return p


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer
    permission = "plans.view_plan"
    write_permission = "plans.publish"

    def get_queryset(self) -> QuerySet[Plan]:
        return Plan.objects.for_user(self.request.user).select_related("organization").order_by("-year", "pk")

    @drf_action(detail=True, methods=["get"])
    def payload(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        period = None
        if request.query_params.get("period"):
            year, _sep, kind = request.query_params["period"].partition("-")
            period = get_object_or_404(
                ReportingPeriod,
                organization_id=plan.organization_id,
                year=int(year) if year.isdigit() else 0,
                kind=kind,
            )
        return Response(plan_payload(plan, period, language=request.query_params.get("language", "mn")))

    @drf_action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        try:
            plan = services.set_published(plan, request.user, bool(request.data.get("published", True)))
        except services.PlanError as e:
            raise ValidationError({"detail": e.message}) from None
        return Response(PlanSerializer(plan).data)


class ActionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ActionSerializer
    permission = "plans.view_plan"

    def get_queryset(self) -> QuerySet[Action]:
        qs = (
            Action.objects.filter(plan__in=Plan.objects.for_user(self.request.user))
            .select_related("objective", "plan")
            .prefetch_related(Prefetch("responsibles", queryset=Responsible.objects.all()))
        )
        if plan := self.request.query_params.get("plan"):
            qs = qs.filter(plan_id=plan if plan.isdigit() else 0)
        return qs.order_by("plan_id", "row", "pk")


class _ActionChildViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission = "plans.view_plan"

    def _base(self, model: Any) -> QuerySet:
        qs = model.objects.filter(action__plan__in=Plan.objects.for_user(self.request.user)).select_related(
            "period", "action__plan"
        )
        params = self.request.query_params
        if a := params.get("action"):
            qs = qs.filter(action_id=a if a.isdigit() else 0)
        if p := params.get("plan"):
            qs = qs.filter(action__plan_id=p if p.isdigit() else 0)
        return qs.order_by("action_id", "period_id")

    def _action(self, request: Request) -> Action:
        pk = request.data.get("action")
        action = (
            Action.objects.filter(
                plan__in=Plan.objects.for_user(request.user), pk=pk if str(pk).isdigit() else 0
            )
            .select_related("plan")
            .first()
        )
        if action is None:
            raise ValidationError({"action": _("Unknown action.")})
        return action


class ProgressReportViewSet(_ActionChildViewSet):
    serializer_class = ProgressReportSerializer
    write_permission = "plans.file_progress"

    def get_queryset(self) -> QuerySet[ProgressReport]:
        return self._base(ProgressReport).prefetch_related("evidence")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        action = self._action(request)
        if not can(request.user, "plans.file_progress", action):
            raise PermissionDenied()
        try:
            report = services.submit_progress(
                action,
                _period(action, request.data.get("period")),
                request.user,
                done=str(request.data.get("done", "")),
                achieved_value=str(request.data.get("achieved_value", "")),
                links=str(request.data.get("links", "")),
                files=request.FILES.getlist("files"),
            )
        except services.PlanError as e:
            raise ValidationError({"detail": e.message}) from None
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)


class AssessmentViewSet(_ActionChildViewSet):
    serializer_class = AssessmentSerializer
    write_permission = "plans.assess"

    def get_queryset(self) -> QuerySet[Assessment]:
        return self._base(Assessment)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        action = self._action(request)
        if not can(request.user, "plans.assess", action):
            raise PermissionDenied()
        try:
            assessment = services.assess(
                action,
                _period(action, request.data.get("period")),
                request.user,
                status=str(request.data.get("status", "")),
                percent=request.data.get("percent"),
                comment=str(request.data.get("comment", "")),
            )
        except services.PlanError as e:
            raise ValidationError({"detail": e.message}) from None
        return Response(self.get_serializer(assessment).data, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("plan-actions", ActionViewSet, basename="plan-action")
router.register("progress-reports", ProgressReportViewSet, basename="progress-report")
router.register("plan-assessments", AssessmentViewSet, basename="plan-assessment")
urlpatterns = router.urls
