"""Background jobs of the toolkit: reminders about guides out of date, and uploads left behind by forms."""

from datetime import timedelta

from django.utils import timezone, translation
from django_tasks import task

from deelwijs.orgs.tenancy import each_organisation

from . import domain

# A file kept for a form that was never sent again goes after this long.
KEEP_UPLOADS = timedelta(days=1)


@task()
def remind_about_guides():
    """Run every week: communications hears of each guide not checked for six months. Returns how many guides."""
    with translation.override("nl"):
        return sum(domain.remind_old_guides() for _ in each_organisation())


@task()
def forget_kept_uploads():
    """Run every night: files kept for forms that were left unfinished. Returns how many were deleted."""
    before = timezone.now() - KEEP_UPLOADS
    return sum(domain.forget_kept_uploads(before) for _ in each_organisation())
