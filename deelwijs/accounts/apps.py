from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "deelwijs.accounts"
    verbose_name = _("Organisation accounts")

    def ready(self):
        from . import domain  # noqa: F401 - connects its part of closing an account (orgs.offboarding)
