from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from urdun.performance.models import EvaluationCycle, EvaluationSheet, MethodologyVersion, PerformancePlan


@admin.register(MethodologyVersion)
class MethodologyVersionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "effective_from"]
    search_fields = ["code", "name"]


@admin.register(EvaluationCycle)
class EvaluationCycleAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "year", "period", "methodology", "report_due"]
    list_filter = ["organization", "year", "period"]


@admin.register(PerformancePlan)
class PerformancePlanAdmin(SimpleHistoryAdmin):
    list_display = ["employee", "year", "status"]
    list_filter = ["year", "status"]
    raw_id_fields = ["employee", "approved_by"]


@admin.register(EvaluationSheet)
class EvaluationSheetAdmin(SimpleHistoryAdmin):
    # Read-only here: scores and signatures change only through the services.
    list_display = ["employee", "cycle", "status"]
    list_filter = ["status", "cycle__year"]
    readonly_fields = [f.name for f in EvaluationSheet._meta.fields]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
