"""The nightly retention job: every organisation's periods applied, and the installation's own clean-up.

Each app keeps its own rule (webcare.domain.forget_*, stories.domain.forget_declined_photos,
insight.rollup.forget_counted_clicks, consent.domain.forget_ended, community.domain.forget_closed_help,
content.photochecks.forget_originals); this module sits above them all and calls each with the day before which
things have been kept long enough, inside the organisation's scope. What it removed is recorded per kind in a
RetentionRun, shown on the Bewaartermijnen page.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from deelwijs.community.domain import forget_closed_help
from deelwijs.consent.domain import forget_ended as forget_ended_consent
from deelwijs.content.photochecks import forget_originals
from deelwijs.insight.rollup import forget_counted_clicks
from deelwijs.orgs.models import Organisation, RetentionRun
from deelwijs.orgs.tenancy import runs_in_organisation
from deelwijs.stories.domain import forget_declined_photos
from deelwijs.webcare import domain as webcare

FINISHED = ("SUCCESSFUL", "FAILED")


def apply(organisation, now=None):
    """Remove what the organisation has kept longer than its periods say, and record the counts.

    Runs inside the organisation's scope. Each kind is removed in its own transaction and its files leave the
    disk when it commits; should one fail, what was removed before it stays removed and the next night tries
    again. Returns the RetentionRun.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)

    def months(field):
        return now - relativedelta(months=getattr(organisation, field))

    photos = now - timedelta(days=organisation.keep_photos_days)
    # Whole items first, so the content and screenshots of the items that go are not counted twice.
    removed = {
        "inbox_items": webcare.forget_handled_items(months("keep_inbox_months")),
        "mentions": webcare.forget_mentions(months("keep_mentions_months")),
        "screenshots": webcare.forget_screenshots(photos),
        "conversations": webcare.forget_conversations(today - relativedelta(months=organisation.keep_register_months)),
        "clicks": forget_counted_clicks(today - relativedelta(months=organisation.keep_clicks_months)),
        "story_photos": forget_declined_photos(photos),
        "consent_records": forget_ended_consent(today - relativedelta(years=organisation.keep_consent_years)),
        "help_requests": forget_closed_help(today - relativedelta(months=organisation.keep_help_months)),
        "photo_originals": forget_originals(now - timedelta(days=organisation.keep_originals_days)),
    }
    return RetentionRun.objects.create(organisation=organisation, ran_at=now, removed=removed)


def forget_installation_rows(now=None):
    """Expired sessions and finished task rows older than TASK_RESULTS_KEEP_DAYS, for the whole
    installation (neither belongs to one organisation). Returns (sessions, tasks) deleted."""
    now = now or timezone.now()
    sessions, _per_model = Session.objects.filter(expire_date__lt=now).delete()
    finished_before = now - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    tasks, _per_model = DBTaskResult.objects.filter(status__in=FINISHED, finished_at__lt=finished_before).delete()
    return sessions, tasks


@task()
@runs_in_organisation
def apply_retention_for(organisation_id):
    """One organisation's retention. Returns the counts per kind."""
    return apply(Organisation.objects.get(pk=organisation_id)).removed


@task()
def apply_retention():
    """Every night: queue each organisation's retention (a task each) and clear the installation's
    expired sessions and old task rows. Returns a line for the Scheduled jobs page."""
    organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
    for organisation_id in organisation_ids:
        apply_retention_for.enqueue(organisation_id)
    sessions, tasks = forget_installation_rows()
    return f"{len(organisation_ids)} org., {sessions} sessions, {tasks} tasks"
