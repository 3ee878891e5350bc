"""Background jobs for privacy: building an export, deleting the files of expired ones."""

from django_tasks import task

from deelwijs.orgs.tenancy import each_organisation, runs_in_organisation

from . import export


@task()
@runs_in_organisation
def build_export(organisation_id, export_id):
    """Write one person's export ZIP; a large history takes a while, so never in a request."""
    return export.build(export_id)


@task()
def remove_expired_exports():
    """Run every night: delete the ZIPs of exports past their date. Returns how many were deleted."""
    return sum(export.remove_expired() for _ in each_organisation())
