from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "deelwijs.planning"
    verbose_name = "Planning"
