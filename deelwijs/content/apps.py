from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "deelwijs.content"
    verbose_name = _("Content")

    def ready(self):
        # domain registers the words of its audit entries; uploads: kept files leave the disk with their row.
        from . import domain, signals, uploads  # noqa: F401

        # Every app's models are loaded by now, so every model that uses an image is found.
        signals.connect()
