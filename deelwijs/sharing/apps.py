from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "deelwijs.sharing"
    verbose_name = "Sharing"

    def ready(self):
        from . import domain  # noqa: F401 - connects its answer to a consent ending (consent.uses)
