from django.core.management.base import BaseCommand

from deelwijs.content.tasks import import_all_news


class Command(BaseCommand):
    help = "Queue the import of every organisation's news feed as draft items (the scheduler does this hourly)."

    def handle(self, *args, **options):
        result = import_all_news.enqueue()
        self.stdout.write(f"news import queued ({result.id})")
