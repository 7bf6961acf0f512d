from django.urls import path

from urdun.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/<slug:code>/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("<int:pk>/renumber/", views.plan_renumber, name="plan_renumber"),
    path("<int:pk>/history/", views.plan_history_view, name="plan_history"),
    path("<int:pk>/dashboard/", views.plan_dashboard, name="plan_dashboard"),
    path("<int:pk>/responsibles/", views.responsibles, name="responsibles"),
    path("<int:pk>/sections/new/", views.section_form, name="section_create"),
    path("<int:pk>/sections/<int:section_id>/", views.section_form, name="section_edit"),
    path("sections/<int:pk>/objectives/new/", views.objective_form, name="objective_create"),
    path("sections/<int:pk>/objectives/<int:objective_id>/", views.objective_form, name="objective_edit"),
    path("objectives/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/row/", views.action_row, name="action_row"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/move/<slug:direction>/", views.action_move, name="action_move"),
    path("actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
    path("actions/<int:pk>/progress/<int:period_id>/", views.progress_submit, name="progress_submit"),
    path("actions/<int:pk>/assess/<int:period_id>/", views.assess_action, name="assess"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("org/<slug:code>/dashboard/", views.org_dashboard, name="org_dashboard"),
    path("org/<slug:code>/periods/", views.periods_view, name="periods"),
    path("org/<slug:code>/settings/", views.scale_settings, name="scale_settings"),
    path("empty/", views.empty, name="empty"),
    path("public/<slug:code>/<int:pk>/", views.public_plan, name="public_plan"),
]
