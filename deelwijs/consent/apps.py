from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "deelwijs.consent"
    verbose_name = _("Photo consent")

    def ready(self):
        # Registers who may be chosen on a consent record (orgs.pickers) and the words of its audit entries.
        from . import domain  # noqa: F401
