"""Background jobs for insight: the roll-ups and the quarterly report."""

from django_tasks import task

from deelwijs.orgs.tenancy import runs_in_organisation

from . import rollup


@task()
def roll_up_recent():
    """Run every 5 minutes: the shares and clicks not counted yet. Returns (shares, clicks) counted."""
    return rollup.roll_up_new()


@task()
@runs_in_organisation
def build_report(organisation_id, report_id):
    # WeasyPrint takes seconds to import: only the worker that builds a report pays for it.
    from .report import build

    return build(report_id)
