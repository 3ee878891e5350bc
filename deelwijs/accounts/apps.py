from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "deelwijs.accounts"
    verbose_name = "Corporate accounts"
