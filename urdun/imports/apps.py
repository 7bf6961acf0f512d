from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "urdun.imports"
    verbose_name = _("Imports")

    def ready(self) -> None:
        from urdun.imports import rules  # noqa: F401  (registers the capabilities)
        from urdun.plans.hooks import Panel, register_panel

        register_panel(Panel("plan_list.organization", "imports/includes/plan_import_link.html", order=10))
