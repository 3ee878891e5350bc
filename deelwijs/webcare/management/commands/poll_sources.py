from django.core.management.base import BaseCommand

from deelwijs.webcare.tasks import poll_sources


class Command(BaseCommand):
    help = "Queue reading the webcare sources that are due (run every 5 minutes from cron)."

    def handle(self, *args, **options):
        result = poll_sources.enqueue()
        self.stdout.write(f"source polling queued ({result.id})")
