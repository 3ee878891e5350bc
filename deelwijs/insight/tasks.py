"""Background jobs for insight: the roll-ups and the quarterly report."""

from django_tasks import task

from deelwijs.orgs.tenancy import across_organisations, runs_in_organisation

from . import rollup


@task()
def roll_up_recent():
    """Run every hour: yesterday's and today's figures."""
    # One pass of aggregate queries fills the tables of every organisation (rows keep their organisation).
    with across_organisations():
        return rollup.roll_up_recent()


@task()
@runs_in_organisation
def build_report(organisation_id, report_id):
    # WeasyPrint takes seconds to import: only the worker that builds a report pays for it.
    from .report import build

    return build(report_id)
