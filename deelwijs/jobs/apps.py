import inspect

from cronsim import CronSim, CronSimError
from django.apps import AppConfig
from django.core import checks
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks.base import Task


class JobsConfig(AppConfig):
    name = "deelwijs.jobs"
    verbose_name = _("Scheduled jobs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        checks.register(check_schedule)


def check_schedule(app_configs, **kwargs):
    """Every job in the table has a valid cron expression and names a task that takes no arguments."""
    # The table names its tasks by path; importing it here, not when the app registry loads, keeps that so.
    from .schedule import JOBS

    errors, names = [], set()
    for job in JOBS:
        if job.name in names:
            errors.append(checks.Error(f"job {job.name} is in the schedule twice", id="jobs.E001"))
        names.add(job.name)
        try:
            CronSim(job.cron, timezone.now())
        except CronSimError as e:
            errors.append(checks.Error(f"job {job.name}: bad cron expression {job.cron!r} ({e})", id="jobs.E002"))
        try:
            task = job.task
        except ImportError as e:
            errors.append(checks.Error(f"job {job.name}: cannot import {job.task_path} ({e})", id="jobs.E003"))
            continue
        if not isinstance(task, Task):
            errors.append(checks.Error(f"job {job.name}: {job.task_path} is not a task", id="jobs.E004"))
        elif any(p.default is p.empty for p in inspect.signature(task.func).parameters.values()):
            errors.append(checks.Error(f"job {job.name}: {job.task_path} needs arguments", id="jobs.E005"))
    return errors
