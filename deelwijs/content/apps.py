from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "deelwijs.content"
    verbose_name = "Content"

    def ready(self):
        from . import domain, signals  # noqa: F401 - domain registers the words of its audit entries

        # Every app's models are loaded by now, so every model that uses an image is found.
        signals.connect()
