from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core import checks
from django.utils.translation import gettext_lazy as _

from deelwijs.common import encryption, lookups


class OrgsConfig(AppConfig):
    name = "deelwijs.orgs"
    verbose_name = _("Organisations")

    def ready(self):
        # Connects the sign-in signal that starts a session's clock; registers who may be chosen in a team
        # (orgs.pickers).
        from . import domain, sessions  # noqa: F401

        lookups.register()
        checks.register(encryption.check_keys)


class OperatorAdminConfig(admin_apps.AdminConfig):
    """Django's admin with a site that requires a second factor (installed in place of django.contrib.admin)."""

    # Not this module's default app: deelwijs.orgs stays OrgsConfig.
    default = False
    default_site = "deelwijs.orgs.twofactor.VerifiedAdminSite"
