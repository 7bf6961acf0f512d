from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    """Published results, the inflation signal and calibration: what paper cannot do.

    Stands on top of plans and performance (it reads both), beside documents and imports.
    """

    name = "urdun.results"
    label = "results"
    verbose_name = _("Results")

    def ready(self) -> None:
        from urdun.results import rules  # noqa: F401  (registers the capabilities)
