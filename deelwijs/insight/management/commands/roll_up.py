from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from deelwijs.insight import rollup
from deelwijs.insight.tasks import roll_up_recent
from deelwijs.orgs.tenancy import across_organisations


class Command(BaseCommand):
    help = (
        "Queue the roll-up of the shares and clicks not counted yet (every 5 minutes), "
        "or recompute the quarters since --since now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=date.fromisoformat, help="recompute from this date (YYYY-MM-DD) to today")
        parser.add_argument("--all", action="store_true", help="recompute from the first share to today")

    def handle(self, *args, **options):
        if not (options["all"] or options["since"]):
            result = roll_up_recent.enqueue()
            self.stdout.write(f"roll-up queued ({result.id})")
            return
        # The roll-up fills the figures of every organisation in one pass.
        with across_organisations():
            since = rollup.first_activity() if options["all"] else options["since"]
            kept_from = rollup.recomputable_from()
            rows = rollup.roll_up(since, timezone.localdate())
        if kept_from > rollup.quarter_start(since):
            self.stdout.write(f"the quarters before {kept_from} stay as they are: their counted clicks were deleted")
            since = kept_from
        self.stdout.write(f"rolled up the quarters from {since} to today: {rows} rows")
