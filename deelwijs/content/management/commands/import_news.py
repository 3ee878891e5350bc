from django.core.management.base import BaseCommand

from deelwijs.content.tasks import import_news
from deelwijs.orgs.models import Organisation


class Command(BaseCommand):
    help = "Queue the import of every organisation's news feed as draft items (run hourly, e.g. from cron)."

    def handle(self, *args, **options):
        for organisation in Organisation.objects.exclude(news_feed_url=""):
            import_news.enqueue(organisation.pk)
            self.stdout.write(f"news import queued for {organisation.slug}")
