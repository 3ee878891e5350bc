from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from deelwijs.orgs.permissions import can_see_jobs, requires

from .scheduler import job_states


@require_safe
@requires(can_see_jobs)
def scheduled_jobs(request):
    """The periodic jobs of the whole installation and how their last task went; no organisation's data."""
    states = job_states()
    return render(
        request,
        "jobs/scheduled.html",
        {
            "states": states,
            "time_zone": settings.TIME_ZONE,
            "scheduler_missing": any(s.overdue for s in states),
            "worker_missing": any(s.waiting_too_long for s in states),
        },
    )
