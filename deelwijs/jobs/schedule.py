"""The periodic jobs, in one table: what is enqueued when.

`manage.py scheduler` runs this table (one service next to the worker); `manage.py schedule --cron` prints
it as cron lines for those who prefer cron. Times are local time (settings.TIME_ZONE, Europe/Amsterdam)
written as cron expressions, read by cronsim with Debian cron's rules, also on the nights the clocks
change. Each job names a task without arguments by its dotted path, so this module imports no other app.
"""

from dataclasses import dataclass
from datetime import UTC
from zoneinfo import ZoneInfo

from cronsim import CronSim
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Job:
    name: str
    cron: str
    task_path: str
    description: str
    # Enqueue at the scheduler's first start when the job never ran, so a fresh installation shows results
    # within minutes instead of at the next occurrence.
    run_at_start: bool = False

    @property
    def task(self):
        return import_string(self.task_path)

    def next_after(self, moment):
        """The first time after `moment` that this job is due, in UTC."""
        local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
        return next(CronSim(self.cron, local)).astimezone(UTC)


JOBS = (
    Job(
        "poll_sources",
        "*/5 * * * *",
        "deelwijs.webcare.tasks.poll_sources",
        _("Every 5 minutes: read the webcare sources that are due"),
        run_at_start=True,
    ),
    Job(
        "roll_up",
        "*/5 * * * *",
        "deelwijs.insight.tasks.roll_up_recent",
        _("Every 5 minutes: the shares and clicks not counted yet in the figures"),
        run_at_start=True,
    ),
    Job(
        "send_due_pushes",
        "*/5 * * * *",
        "deelwijs.push.tasks.send_due_pushes",
        _("Every 5 minutes: push notifications held for someone's quiet hours, now they are over"),
        run_at_start=True,
    ),
    Job(
        "announce_feed_items",
        "*/5 * * * *",
        "deelwijs.content.tasks.announce_feed_items",
        _("Every 5 minutes: a push to the people an item is meant for when it went live in the feed"),
    ),
    Job(
        "send_reminders",
        "*/15 * * * *",
        "deelwijs.planning.tasks.send_planning_reminders",
        _("Every 15 minutes: reminders for planned posts that are due soon; feed posts that went live are published"),
        run_at_start=True,
    ),
    Job(
        "send_chat",
        "*/5 * * * *",
        "deelwijs.chat.tasks.send_due",
        _("Every 5 minutes: items that went live to the Teams and Slack channels, and messages to try again"),
    ),
    Job(
        "import_news",
        "15 * * * *",
        "deelwijs.content.tasks.import_all_news",
        _("Every hour at a quarter past: the organisations' news feeds to draft items"),
    ),
    Job(
        "plan_ahead",
        "30 1 * * *",
        "deelwijs.planning.tasks.plan_ahead",
        _("Every night at 01:30: recurring posts two months ahead, the next meetings"),
        run_at_start=True,
    ),
    Job(
        "remove_expired_exports",
        "45 2 * * *",
        "deelwijs.privacy.tasks.remove_expired_exports",
        _("Every night at 02:45: delete the files of data exports past their date"),
    ),
    Job(
        "forget_salts",
        "5 0 * * *",
        "deelwijs.sharing.tasks.forget_salts",
        _("Every night at 00:05: forget the click salts of past days"),
    ),
    Job(
        "handle_consent_dates",
        "30 6 * * *",
        "deelwijs.consent.tasks.handle_consent_dates",
        _("Every morning at 06:30: photos of ended consent out of the feed and the plan, reminders before it ends"),
    ),
    Job(
        "apply_retention",
        "15 3 * * *",
        "deelwijs.jobs.retention.apply_retention",
        _("Every night at 03:15: delete what was kept longer than the retention periods"),
    ),
    Job(
        "forget_kept_uploads",
        "30 3 * * *",
        "deelwijs.content.tasks.forget_kept_uploads",
        _("Every night at 03:30: delete files kept for forms that were never sent again"),
    ),
    Job(
        "send_digest",
        "0 7 * * 1",
        "deelwijs.content.tasks.send_weekly_digest",
        _("Monday at 07:00: the weekly digest"),
    ),
    Job(
        "send_chat_digest",
        "0 7 * * 1",
        "deelwijs.chat.tasks.send_weekly_digests",
        _("Monday at 07:00: the weekly digest card in the Teams and Slack channels"),
    ),
    Job(
        "remind_about_guides",
        "0 8 * * 1",
        "deelwijs.toolkit.tasks.remind_about_guides",
        _("Monday at 08:00: remind communications of network guides not checked for six months"),
    ),
)


def get_job(name):
    for job in JOBS:
        if job.name == name:
            return job
    raise KeyError(name)
