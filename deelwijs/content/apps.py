from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "deelwijs.content"
    verbose_name = "Content"
