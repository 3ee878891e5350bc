from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "deelwijs.accounts"
    verbose_name = "Corporate accounts"

    def ready(self):
        from . import domain  # noqa: F401 - connects its part of closing an account (orgs.offboarding)
