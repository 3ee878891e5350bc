from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "deelwijs.planning"
    verbose_name = _("Planning")

    def ready(self):
        from . import domain  # noqa: F401 - connects its part of closing an account (orgs.offboarding)
