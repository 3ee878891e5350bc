"""Who may do what, in one place: role predicates, the view decorator and tenant scoping."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import ADMINISTRATOR, AMBASSADOR, COMMUNICATIONS, MANAGER, WEBCARE

MANAGES_PEOPLE = (ADMINISTRATOR,)
MANAGES_ACCOUNTS = (COMMUNICATIONS, ADMINISTRATOR)
SEES_AUDIT = (ADMINISTRATOR,)
SEES_JOBS = (ADMINISTRATOR,)  # the scheduled jobs of the whole installation
SEES_TEAMS = (MANAGER, COMMUNICATIONS, ADMINISTRATOR)
ALL_STAFF_ROLES = (AMBASSADOR, COMMUNICATIONS, WEBCARE, MANAGER, ADMINISTRATOR)


def role_required(*roles):
    """Signed in, in an organisation, and (when roles are given) holding one of them."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if request.user.organisation_id is None:
                raise PermissionDenied
            if roles and not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def scoped(model_or_queryset, request):
    """Only the signed-in person's organisation's rows. Every view reads through this."""
    queryset = getattr(model_or_queryset, "objects", model_or_queryset)
    return queryset.filter(organisation_id=request.user.organisation_id)


def get_scoped(model_or_queryset, request, **lookup):
    return get_object_or_404(scoped(model_or_queryset, request), **lookup)
