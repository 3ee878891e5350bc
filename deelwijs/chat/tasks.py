"""Background jobs for the Teams and Slack channels: one task per message, the five-minute run, the weekly digest."""

from django_tasks import task

from deelwijs.orgs.tenancy import each_organisation, runs_in_organisation

# domain imports this module too; each uses the other's names only when called.
from . import domain


@task()
@runs_in_organisation
def send_delivery(organisation_id, delivery_id):
    """One attempt at one message. Returns its status afterwards."""
    return domain.deliver(delivery_id)


@task()
def send_due():
    """Every five minutes: the items that went live since the last run, and the messages whose retry is due.
    Returns how many messages were handed to a task."""
    return sum(domain.announce_new_items() + domain.retry_due() for _ in each_organisation())


@task()
def send_weekly_digests():
    """Monday morning, with the e-mail: the digest card for every channel that takes it. Returns how many."""
    return sum(domain.queue_digests() for _ in each_organisation())
