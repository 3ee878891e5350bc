from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "deelwijs.chat"
    verbose_name = _("Teams and Slack")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Listens for items that go live (content) and urgent inbox items (webcare.signals).
        from . import domain  # noqa: F401
