from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "deelwijs.stories"
    verbose_name = "Stories"

    def ready(self):
        from . import domain  # noqa: F401 - connects its answer to a consent ending (consent.uses)
