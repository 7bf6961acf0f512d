from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "urdun.organizations"
    verbose_name = _("Organizations and people")

    def ready(self) -> None:
        from urdun.organizations import permissions  # noqa: F401  (registers the rules)
        from urdun.organizations.navigation import MenuEntry, register_menu

        register_menu(
            MenuEntry(
                _("Organizations"),
                "organization_list",
                lambda actor: permissions.RULES["organizations.administer"](actor, None),
                order=90,
            )
        )
