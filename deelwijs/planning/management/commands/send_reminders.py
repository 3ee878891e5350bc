from django.core.management.base import BaseCommand

from deelwijs.planning.tasks import send_planning_reminders


class Command(BaseCommand):
    help = "Queue the reminders for planned posts that are due soon (run every 15 minutes from cron)."

    def handle(self, *args, **options):
        result = send_planning_reminders.enqueue()
        self.stdout.write(f"planning reminders queued ({result.id})")
