"""Background jobs for planning: reminders before posts are due, and planning recurring work ahead."""

from django.utils import translation
from django_tasks import task

from deelwijs.orgs.tenancy import each_organisation

from . import domain


@task()
def send_planning_reminders():
    """Run every quarter of an hour: reminders, and feed posts that went live marked published. Returns how many
    reminders were sent."""
    with translation.override("nl"):
        sent = 0
        for _ in each_organisation():
            sent += domain.send_reminders()
            domain.publish_feed_posts()
        return sent


@task()
def plan_ahead():
    """Run every night: recurring activities two months ahead, and the next team meetings."""
    return sum(domain.plan_ahead() for _ in each_organisation())
