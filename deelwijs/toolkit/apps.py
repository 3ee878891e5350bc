from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "deelwijs.toolkit"
    verbose_name = "Toolkit"

    def ready(self):
        # The directory's marks (accounts.domain.directory_marks); files that leave the disk with their row.
        from . import domain, files  # noqa: F401
