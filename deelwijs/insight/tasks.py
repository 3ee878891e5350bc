"""Background jobs for insight: the roll-ups and the quarterly report."""

from django_tasks import task

from . import rollup


@task()
def roll_up_recent():
    """Run every 5 minutes: the shares and clicks not counted yet. Returns (shares, clicks) counted."""
    return rollup.roll_up_new()


@task()
def build_report(report_id):
    from .report import build

    return build(report_id)
