from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "deelwijs.learning"
    verbose_name = "Learning"
