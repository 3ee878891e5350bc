from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "deelwijs.planning"
    verbose_name = "Planning"

    def ready(self):
        from . import domain  # noqa: F401 - connects its part of closing an account (orgs.offboarding)
