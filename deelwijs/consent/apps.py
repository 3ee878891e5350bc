from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "deelwijs.consent"
    verbose_name = _("Photo consent")

    def ready(self):
        from . import domain  # noqa: F401 - registers the words of its audit entries (orgs.audit)
