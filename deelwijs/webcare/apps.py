from django.apps import AppConfig


class WebcareConfig(AppConfig):
    name = "deelwijs.webcare"
    default_auto_field = "django.db.models.BigAutoField"
