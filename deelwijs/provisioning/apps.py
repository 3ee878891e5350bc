from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisioningConfig(AppConfig):
    name = "deelwijs.provisioning"
    verbose_name = _("Provisioning (SCIM)")

    def ready(self):
        from . import domain  # noqa: F401 - connects its part of closing an account (orgs.offboarding)
