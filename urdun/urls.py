from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from urdun.core import health
from urdun.imports.plan_views import plan_import

api_v1 = [
    path("", include("urdun.organizations.api")),
    path("", include("urdun.plans.api")),
    path("", include("urdun.performance.api")),
    path("", include("urdun.documents.api")),
    path("", include("urdun.imports.api")),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    # The plan upload page belongs to the imports app but keeps its address beside the plans.
    path("plans/org/<slug:code>/import/", plan_import, name="plan_import"),
    path("plans/", include("urdun.plans.urls")),
    path("performance/", include("urdun.performance.urls")),
    path("documents/", include("urdun.documents.urls")),
    path("imports/", include("urdun.imports.urls")),
    path("results/", include("urdun.results.urls")),
    path("regions/", include("urdun.regions.urls")),
    path("", include("urdun.organizations.urls")),
]
