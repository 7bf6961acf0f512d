from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "urdun.performance"
    verbose_name = _("Individual performance")

    def ready(self) -> None:
        from urdun.organizations.navigation import MenuEntry, register_menu
        from urdun.organizations.permissions import RULES
        from urdun.performance import rules  # noqa: F401  (registers the capabilities)
        from urdun.performance.plan_panels import cascade_context
        from urdun.plans.hooks import Panel, register_panel

        register_panel(Panel("action_detail", "performance/includes/plan_cascade.html", cascade_context))

        register_menu(
            MenuEntry(
                _("My performance"), "performance:mine", lambda actor: actor.employee is not None, order=20
            )
        )
        register_menu(
            MenuEntry(
                _("My unit"),
                "performance:unit",
                lambda actor: RULES["performance.view_unit"](actor, None),
                order=21,
            )
        )
        register_menu(
            MenuEntry(
                _("Evaluation queue"),
                "performance:queue",
                lambda actor: RULES["performance.view_team_queue"](actor, None),
                order=22,
            )
        )
        register_menu(
            MenuEntry(
                _("Evaluation overview"),
                "performance:overview",
                lambda actor: RULES["performance.view_overview"](actor, None),
                order=23,
            )
        )
