from django.core.management.base import BaseCommand

from deelwijs.content.tasks import send_weekly_digest


class Command(BaseCommand):
    help = "Queue the weekly digest of new items (run weekly, e.g. from cron on Monday morning)."

    def handle(self, *args, **options):
        result = send_weekly_digest.enqueue()
        self.stdout.write(f"weekly digest queued ({result.id})")
