"""Background jobs for webcare: polling the sources."""

from django_tasks import task

from deelwijs.orgs.tenancy import each_organisation

from . import domain


@task()
def poll_sources():
    """Run every few minutes; each source is read on its own interval, with back-off when it fails."""
    return sum(domain.poll_due() for _ in each_organisation())
