from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "deelwijs.stories"
    verbose_name = _("Stories")

    def ready(self):
        from . import domain  # noqa: F401 - connects its answer to a consent ending (consent.uses)
