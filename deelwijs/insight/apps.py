from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "deelwijs.insight"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
