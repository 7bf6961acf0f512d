from django.urls import path

from urdun.documents import views

urlpatterns = [
    path("", views.documents_home, name="documents_home"),
    path("sheets/<int:pk>/<slug:form>.<slug:fmt>", views.sheet_download, name="sheet_download"),
    path("plans/<int:pk>.<slug:fmt>", views.plan_download, name="plan_download"),
    path("org/<slug:code>/bulk/", views.bulk_start, name="bulk_start"),
    path("org/<slug:code>/totals.xlsx", views.totals_xlsx, name="totals_xlsx"),
    path("jobs/<uuid:pk>/", views.job_detail, name="document_job"),
    path("jobs/<uuid:pk>/status/", views.job_status, name="document_job_status"),
    path("jobs/<uuid:pk>/download/", views.job_download, name="document_job_download"),
]
