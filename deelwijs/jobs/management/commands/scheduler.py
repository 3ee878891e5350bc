import signal
import threading

from django.core.management.base import BaseCommand

from deelwijs.jobs import scheduler


class Command(BaseCommand):
    help = (
        "Run the periodic jobs of deelwijs/jobs/schedule.py: enqueue each task when it is due, for db_worker "
        "to run. One scheduler is enough; a second one by mistake enqueues nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one pass: enqueue what is due now, then stop")

    def handle(self, *args, once=False, **options):
        stop = threading.Event()
        if not once:
            # Ctrl-C and a service manager's TERM end the wait at once; a pass in progress finishes first.
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stop.set())
            self.stdout.write("scheduler started")
        scheduler.run(stop, once=once, report=self.stdout.write)
        if not once:
            self.stdout.write("scheduler stopped")
