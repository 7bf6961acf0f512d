from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "urdun.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from urdun.documents import rules  # noqa: F401  (registers the capabilities)
        from urdun.organizations.navigation import MenuEntry, register_menu
        from urdun.organizations.permissions import RULES
        from urdun.plans.hooks import Panel, register_panel

        register_panel(Panel("plan_detail.tools", "documents/includes/plan_downloads.html"))

        register_menu(
            MenuEntry(
                _("Documents"), "documents_home", lambda a: RULES["documents.bulk_export"](a, None), order=80
            )
        )
