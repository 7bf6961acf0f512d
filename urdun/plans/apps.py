from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "urdun.plans"
    verbose_name = _("Organizational plans")

    def ready(self) -> None:
        from urdun.organizations.navigation import MenuEntry, register_menu
        from urdun.plans import rules

        register_menu(
            MenuEntry(
                _("Plans"),
                "plans:plan_list",
                lambda actor: actor.is_authenticated and (actor.is_admin or bool(actor.member_org_ids())),
                order=20,
            )
        )
        del rules
