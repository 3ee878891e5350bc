from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "deelwijs.community"
    verbose_name = "Community"

    def ready(self):
        from . import domain  # noqa: F401 - connects its part of closing an account (orgs.offboarding)
