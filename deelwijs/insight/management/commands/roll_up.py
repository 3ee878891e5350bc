from datetime import date

from django.core.management.base import BaseCommand

from deelwijs.insight import rollup
from deelwijs.insight.tasks import roll_up_recent


class Command(BaseCommand):
    help = (
        "Queue the roll-up of the shares and clicks not counted yet (every 5 minutes), "
        "or recompute the quarters since --since now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=date.fromisoformat, help="recompute from this date (YYYY-MM-DD) to today")
        parser.add_argument("--all", action="store_true", help="recompute from the first share to today")

    def handle(self, *args, **options):
        from django.utils import timezone

        since = rollup.first_activity() if options["all"] else options["since"]
        if since:
            rows = rollup.roll_up(since, timezone.localdate())
            self.stdout.write(f"rolled up the quarters from {since} to today: {rows} rows")
        else:
            result = roll_up_recent.enqueue()
            self.stdout.write(f"roll-up queued ({result.id})")
