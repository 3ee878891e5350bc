from django.shortcuts import render
from django.utils import timezone

from deelwijs.orgs.access import MANAGES_ACCOUNTS, role_required, scoped

from .models import PlannedPost


@role_required(*MANAGES_ACCOUNTS)
def planned_posts(request):
    """Upcoming planned posts; the calendar views come with the planning capability."""
    posts = scoped(PlannedPost.objects.select_related("account", "responsible"), request).filter(
        scheduled_at__gte=timezone.now() - timezone.timedelta(days=1)).exclude(status=PlannedPost.CANCELLED)[:200]
    return render(request, "planning/list.html", {"posts": posts})
