from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "deelwijs.consent"
    verbose_name = "Photo consent"

    def ready(self):
        from . import domain  # noqa: F401 - registers the words of its audit entries (orgs.audit)
