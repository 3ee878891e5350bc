"""Running the schedule: enqueue what is due, claim each occurrence once, sleep until the next one."""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from .models import JobRun
from .schedule import JOBS

logger = logging.getLogger(__name__)
# The loop looks again at least this often, so it stops promptly and sees what another scheduler did.
MAX_SLEEP = 30
MIN_SLEEP = 1


def job_runs(jobs):
    """The JobRun row of every job, created the first time a job is seen."""
    runs = {run.name: run for run in JobRun.objects.filter(name__in=[job.name for job in jobs])}
    for job in jobs:
        if job.name not in runs:
            runs[job.name], _created = JobRun.objects.get_or_create(name=job.name)
    return runs


def claim_and_enqueue(job, run, now):
    """Enqueue the job's task if this occurrence is still unclaimed. Returns the task result, or None.

    The UPDATE only matches while the row holds what we read; it moves next_run on and notes the time.
    The task is enqueued in the same transaction: an occurrence is enqueued once or, on an error, not at
    all (and tried again on the next pass).
    """
    with transaction.atomic():
        claimed = JobRun.objects.filter(pk=run.pk, next_run=run.next_run, last_enqueued=run.last_enqueued).update(
            next_run=job.next_after(now), last_enqueued=now
        )
        if not claimed:
            return None
        result = job.task.enqueue()
        JobRun.objects.filter(pk=run.pk).update(last_task_id=str(result.id))
    return result


def run_due(jobs=JOBS, now=None):
    """One pass: enqueue every job that is due. Returns the names enqueued and the next time one is due.

    A job seen for the first time is enqueued at once when the table says `run_at_start` (and it never
    ran, not even from cron); otherwise it waits for its first time. An occurrence missed while no
    scheduler ran is enqueued once when one comes back.
    """
    now = now or timezone.now()
    enqueued = []
    runs = job_runs(jobs)
    for job in jobs:
        run = runs[job.name]
        first_time = run.next_run is None
        if first_time and not (job.run_at_start and run.last_enqueued is None):
            JobRun.objects.filter(pk=run.pk, next_run=None).update(next_run=job.next_after(now))
            continue
        if not first_time and run.next_run > now:
            continue
        try:
            if claim_and_enqueue(job, run, now) is not None:
                enqueued.append(job.name)
        except Exception:  # one job that cannot be enqueued must not stop the others
            logger.exception("could not enqueue job %s", job.name)
    next_due = JobRun.objects.filter(name__in=[job.name for job in jobs]).aggregate(Min("next_run"))["next_run__min"]
    return enqueued, next_due


def enqueue_now(job, now=None):
    """Enqueue the job's task at once (what the cron lines call), and note it for the page."""
    now = now or timezone.now()
    result = job.task.enqueue()
    JobRun.objects.update_or_create(name=job.name, defaults={"last_enqueued": now, "last_task_id": str(result.id)})
    return result


def sleep_seconds(next_due, now):
    if next_due is None:
        return MAX_SLEEP
    return min(MAX_SLEEP, max(MIN_SLEEP, (next_due - now).total_seconds()))


def _drop_stale_connections():
    """Between passes, drop a connection the database closed or that outlived CONN_MAX_AGE.

    Never inside a transaction: there closing would break the caller's transaction
    (the tests run the loop inside one).
    """
    if not connection.in_atomic_block:
        close_old_connections()


def run(stop, once=False, jobs=JOBS, report=logger.info):
    """The scheduler's loop, until `stop` (a threading.Event) is set; with `once` a single pass."""
    while not stop.is_set():
        _drop_stale_connections()
        try:
            enqueued, next_due = run_due(jobs)
        except DatabaseError:
            # The database went away or stayed locked too long: try again on the next pass.
            logger.exception("scheduler pass failed")
            enqueued, next_due = [], None
        _drop_stale_connections()
        for name in enqueued:
            report(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} enqueued {name}")
        if once:
            return
        stop.wait(sleep_seconds(next_due, timezone.now()))


def cron_lines(jobs=JOBS):
    """The schedule as crontab lines, calling `django-admin schedule --enqueue NAME`."""
    width = max(len(job.cron) for job in jobs)
    lines = [
        f"# Deelwijs scheduled jobs, from `django-admin schedule --cron`. Times are {settings.TIME_ZONE}:",
        f"# cronie reads CRON_TZ; Debian's cron runs in the machine's time zone (set it to {settings.TIME_ZONE}).",
        f"CRON_TZ={settings.TIME_ZONE}",
    ]
    with translation.override("en"):
        for job in jobs:
            lines.append(f"# {job.description}")
            lines.append(f"{job.cron:<{width}}  django-admin schedule --enqueue {job.name}")
    return lines


STATUS_LABELS = {
    "READY": _("waiting for the worker"),
    "RUNNING": _("running"),
    "SUCCESSFUL": _("done"),
    "FAILED": _("failed"),
}
# Longer than this in the queue means no worker is taking tasks.
WORKER_LATE = timedelta(minutes=10)


@dataclass
class JobState:
    """What the administrators' page shows of one job."""

    job: object
    run: JobRun | None
    result: DBTaskResult | None
    now: object

    @property
    def status(self):
        return STATUS_LABELS.get(self.result.status, self.result.status) if self.result else ""

    @property
    def failed(self):
        return bool(self.result and self.result.status == "FAILED")

    @property
    def error(self):
        """The exception's class only: a traceback may carry data that does not belong on a page."""
        return self.result.exception_class_path.rsplit(".", 1)[-1] if self.failed else ""

    @property
    def outcome(self):
        value = self.result.return_value if self.result and self.result.status == "SUCCESSFUL" else None
        return value if isinstance(value, int | str) and len(str(value)) <= 40 else None

    @property
    def waiting_too_long(self):
        return bool(self.result and self.result.status == "READY" and self.result.enqueued_at < self.now - WORKER_LATE)

    @property
    def overdue(self):
        """Due for a while and not claimed: no scheduler is running."""
        return bool(self.run and self.run.next_run and self.run.next_run < self.now - timedelta(minutes=5))


def _is_uuid(value):
    """django-tasks-db's ids are UUIDs; another backend's ids have no stored result to look up."""
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def job_states(jobs=JOBS, now=None):
    now = now or timezone.now()
    runs = {run.name: run for run in JobRun.objects.filter(name__in=[job.name for job in jobs])}
    task_ids = [run.last_task_id for run in runs.values() if _is_uuid(run.last_task_id)]
    results = {str(r.pk): r for r in DBTaskResult.objects.filter(pk__in=task_ids).defer("traceback", "args_kwargs")}
    states = []
    for job in jobs:
        run = runs.get(job.name)
        states.append(JobState(job, run, results.get(run.last_task_id) if run else None, now))
    return states
