from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _

from .keys import InvalidKey, vapid


class PushConfig(AppConfig):
    name = "deelwijs.push"
    verbose_name = _("Notifications on your phone")

    def ready(self):
        # Connects what signing in, signing out and closing an account mean for a person's devices.
        from . import domain  # noqa: F401

        checks.register(check_vapid_key)


def check_vapid_key(app_configs, **kwargs):
    """A VAPID key that is set must be one: a typo would otherwise only show as pushes that never arrive."""
    if not settings.DEELWIJS_VAPID_PRIVATE_KEY:
        return []
    try:
        vapid(settings.DEELWIJS_VAPID_PRIVATE_KEY)
    except InvalidKey:
        return [
            checks.Error(
                "DEELWIJS_VAPID_PRIVATE_KEY is not a P-256 private key",
                hint="manage.py vapid_keys prints a new key pair.",
                id="push.E001",
            )
        ]
    return []
