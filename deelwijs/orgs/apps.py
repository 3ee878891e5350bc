from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "deelwijs.orgs"
    verbose_name = "Organisations"
