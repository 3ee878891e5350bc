from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "deelwijs.stories"
    verbose_name = "Stories"
