from django.apps import AppConfig


class WebcareConfig(AppConfig):
    name = "deelwijs.webcare"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import domain  # noqa: F401 - connects its part of closing an account (orgs.offboarding)
