from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "deelwijs.consent"
    verbose_name = "Photo consent"
