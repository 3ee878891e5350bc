"""Background jobs for webcare: polling the sources."""

from django_tasks import task

from . import domain


@task()
def poll_sources():
    """Run every few minutes; each source is read on its own interval, with back-off when it fails."""
    return domain.poll_due()
