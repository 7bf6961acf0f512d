from django.urls import path

from urdun.regions import views

app_name = "regions"

urlpatterns = [
    path("", views.national, name="national"),
    path("<slug:code>/", views.region, name="region"),
]
