from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "deelwijs.insight"
    default_auto_field = "django.db.models.BigAutoField"
