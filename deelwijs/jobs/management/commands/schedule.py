from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from deelwijs.jobs import scheduler
from deelwijs.jobs.schedule import JOBS, get_job


class Command(BaseCommand):
    help = "Show the periodic jobs, print them as cron lines (--cron), or enqueue one now (--enqueue NAME)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--cron", action="store_true", help="print the schedule as crontab lines")
        group.add_argument("--enqueue", metavar="NAME", help="enqueue this job's task now (what cron calls)")

    def handle(self, *args, cron=False, enqueue=None, **options):
        if cron:
            self.stdout.write("\n".join(scheduler.cron_lines()))
        elif enqueue:
            try:
                job = get_job(enqueue)
            except KeyError as e:
                names = ", ".join(job.name for job in JOBS)
                raise CommandError(f"no job {enqueue!r}; the jobs are {names}") from e
            result = scheduler.enqueue_now(job)
            self.stdout.write(f"{job.name} enqueued ({result.id})")
        else:
            now = timezone.now()
            for job in JOBS:
                next_time = timezone.localtime(job.next_after(now))
                self.stdout.write(f"{job.name:<16} {job.cron:<14} next {next_time:%Y-%m-%d %H:%M}  {job.description}")
