from django.urls import path

from urdun.results import views

app_name = "results"

urlpatterns = [
    path("public/", views.public_catalogue, name="public_catalogue"),
    path("public/<slug:code>/<str:cycle>/", views.public_results, name="public"),
    path("public/<slug:code>/<str:cycle>/results.csv", views.public_csv, name="public_csv"),
    path("public/<slug:code>/<str:cycle>/results.json", views.public_json, name="public_json"),
    path(
        "public/<slug:code>/<str:cycle>/datapackage.json", views.public_datapackage, name="public_datapackage"
    ),
    path("<slug:code>/", views.organization_results, name="organization"),
    path("<slug:code>/signal/", views.signal, name="signal"),
    path("<slug:code>/raters/", views.rater_analytics, name="raters"),
    path("<slug:code>/<str:cycle>/publish/", views.publish, name="publish"),
]
