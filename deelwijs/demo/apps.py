from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo organisation: the top layer, built from every app's own demo data."""

    name = "deelwijs.demo"
    label = "demo"
