from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "deelwijs.sharing"
    verbose_name = "Sharing"
