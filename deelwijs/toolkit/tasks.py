"""Background jobs of the toolkit: reminders about guides out of date."""

from django.utils import translation
from django_tasks import task

from deelwijs.orgs.tenancy import each_organisation

from . import domain


@task()
def remind_about_guides():
    """Run every week: communications hears of each guide not checked for six months. Returns how many guides."""
    with translation.override("nl"):
        return sum(domain.remind_old_guides() for _ in each_organisation())
