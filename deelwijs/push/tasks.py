"""Background jobs for Web Push: sending, in the worker, and the pushes held for quiet hours."""

from django.utils import timezone
from django_tasks import task

from deelwijs.orgs.tenancy import each_organisation, runs_in_organisation

from . import delivery

# Messages one deliver task sends.
BATCH = 100


@task()
@runs_in_organisation
def deliver(organisation_id, message_ids):
    """Send these push messages of one organisation. Returns how many reached at least one device."""
    return delivery.deliver(message_ids)


@task()
def send_due_pushes():
    """Every 5 minutes: the pushes whose quiet hours ended, one deliver task per batch. Returns how many."""
    now = timezone.now()
    count = 0
    for organisation in each_organisation():
        ids = delivery.due(now)
        for start in range(0, len(ids), BATCH):
            deliver.enqueue(organisation.pk, ids[start : start + BATCH])
        count += len(ids)
    return count
