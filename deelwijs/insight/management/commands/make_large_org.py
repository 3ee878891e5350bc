import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from deelwijs.insight import rollup
from deelwijs.insight.synthetic import make_large_org
from deelwijs.orgs.tenancy import across_organisations


class Command(BaseCommand):
    help = "Create (again) the synthetic organisation for the benchmarks and roll up its figures."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=20000)
        parser.add_argument("--items", type=int, default=5000)
        parser.add_argument("--shares", type=int, default=1_000_000)
        parser.add_argument("--clicks", type=int, default=1_000_000)
        parser.add_argument("--days", type=int, default=730)

    def handle(self, *args, **options):
        # A benchmark tool: it builds a whole organisation in bulk and rolls up every organisation's figures.
        with across_organisations():
            self._make(options)

    def _make(self, options):
        started = time.perf_counter()
        org, login = make_large_org(
            options["people"],
            options["items"],
            options["shares"],
            options["clicks"],
            options["days"],
            say=self.stdout.write,
        )
        made = time.perf_counter()
        rows = rollup.roll_up(rollup.first_activity(), timezone.localdate())
        self.stdout.write(
            f"made in {made - started:.0f} s; rolled up {rows} rows in {time.perf_counter() - made:.0f} s"
        )
        self.stdout.write(f"communications login: {login} (no password; use it in the benchmark)")
