from django.urls import path

from urdun.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("start/", views.start, name="start"),
    path("reminders/<int:pk>/read/", views.reminder_read, name="reminder_read"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/add/<slug:kind>/", views.plan_add, name="plan_add"),
    path("plans/<int:pk>/do/<slug:name>/", views.plan_do, name="plan_do"),
    path("plans/<int:pk>/<slug:kind>/<int:item_pk>/", views.plan_item_edit, name="plan_item_edit"),
    path("plans/<int:pk>/<slug:kind>/<int:item_pk>/delete/", views.plan_item_delete, name="plan_item_delete"),
    path("sheets/<int:pk>/", views.sheet_detail, name="sheet"),
    path("sheets/<int:pk>/report/", views.report, name="report"),
    path("sheets/<int:pk>/score/", views.score, name="score"),
    path("sheets/<int:pk>/colleague/", views.colleague, name="colleague"),
    path("sheets/<int:pk>/history/", views.sheet_history, name="history"),
    path("sheets/<int:pk>/do/<slug:name>/", views.sheet_do, name="sheet_do"),
    path("sheets/<int:pk>/adjustments/", views.adjustment_add, name="adjustment_add"),
    path("adjustments/<int:pk>/delete/", views.adjustment_delete, name="adjustment_delete"),
    path("entries/<int:pk>/", views.report_entry_save, name="entry_save"),
    path("disagreements/<int:pk>/answer/", views.disagreement_answer, name="answer"),
    path("unit/", views.my_unit, name="unit"),
    path("interviews/<int:employee_pk>/<int:cycle_pk>/", views.interview, name="interview"),
    path("queue/", views.queue, name="queue"),
    path("overview/", views.overview, name="overview"),
    path("org/<slug:code>/cycles/", views.cycles, name="cycles"),
    path("cycles/<int:pk>/", views.cycle_edit, name="cycle_edit"),
]
