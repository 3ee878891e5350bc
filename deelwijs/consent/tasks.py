"""The consent register's daily job: consent that ended is acted on, and communications is reminded before."""

from django.utils import translation
from django_tasks import task

from deelwijs.orgs.tenancy import each_organisation

from . import domain


@task()
def handle_consent_dates():
    """Every morning: in every organisation, the photos of consent that ended go out of the feed and the plan,
    and communications hears of consent that ends within a month; signed forms left waiting by a page with
    errors are deleted after a day. Returns a line for the jobs page."""
    ended = reminded = 0
    with translation.override("nl"):
        for _organisation in each_organisation():
            done, told = domain.handle_dates()
            ended, reminded = ended + done, reminded + told
    domain.forget_pending_forms()
    return f"{ended} ended, {reminded} reminders"
