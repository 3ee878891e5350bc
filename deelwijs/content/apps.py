from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "deelwijs.content"
    verbose_name = "Content"

    def ready(self):
        from . import signals, uploads  # noqa: F401  (uploads: kept files leave the disk with their row)

        # Every app's models are loaded by now, so every model that uses an image is found.
        signals.connect()
