from django.core.management.base import BaseCommand

from deelwijs.planning.tasks import plan_ahead


class Command(BaseCommand):
    help = "Queue planning ahead: recurring activities and the next meetings (run nightly from cron)."

    def handle(self, *args, **options):
        result = plan_ahead.enqueue()
        self.stdout.write(f"planning ahead queued ({result.id})")
