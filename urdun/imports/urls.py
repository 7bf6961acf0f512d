from django.urls import path

from urdun.imports import views

urlpatterns = [
    path("employees/<slug:code>/", views.employee_import, name="employee_import"),
    path("performance/", views.performance_import, name="performance_import"),
]
