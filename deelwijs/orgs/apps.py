from django.apps import AppConfig
from django.core import checks

from deelwijs.common import encryption, lookups


class OrgsConfig(AppConfig):
    name = "deelwijs.orgs"
    verbose_name = "Organisations"

    def ready(self):
        # Connects the sign-in signal that starts a session's clock.
        from . import sessions  # noqa: F401

        lookups.register()
        checks.register(encryption.check_keys)
