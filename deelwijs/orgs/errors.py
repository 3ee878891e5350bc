"""The pages for 403, 404 and 500: in the interface language, with a way forward and no technical detail."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token

from .models import User
from .permissions import NoRole
from .roles import ADMINISTRATOR, ROLE_LABELS

log = logging.getLogger(__name__)

# Shown when even the 500 template cannot be rendered (a broken install): plain Dutch, nothing technical.
BARE_500 = (
    '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Er ging iets mis · Deelwijs</title>'
    "<h1>Er ging iets mis</h1><p>Probeer het over een paar minuten opnieuw.</p>"
    '<p><a href="/">Naar de startpagina</a></p></html>'
)


def _back(request):
    """The page the person came from, when it is one of ours and not this one."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer or referer == request.build_absolute_uri():
        return ""
    if url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return referer
    return ""


def administrators_of(person):
    """The active administrators of the person's own organisation (never another's), the person left out."""
    if not person.is_authenticated or person.organisation_id is None:
        return []
    return list(
        User.objects.filter(
            organisation_id=person.organisation_id, is_active=True, role_assignments__role=ADMINISTRATOR
        )
        .exclude(pk=person.pk)
        .distinct()
        .order_by("first_name", "last_name")
    )


@requires_csrf_token
def permission_denied(request, exception):
    """Which role the page needs (RoleRequired carries it) and which administrators can give it.

    A person without any role (NoRole) gets one page that says so, whatever they asked for.
    """
    roles = dict.fromkeys(getattr(exception, "roles", ()) or ())
    person = getattr(request, "user", None)
    signed_in = bool(person and person.is_authenticated)
    context = {
        "no_role": isinstance(exception, NoRole),
        "roles": [ROLE_LABELS[role] for role in roles if role in ROLE_LABELS],
        "administrators": administrators_of(person) if signed_in else [],
        "signed_in": signed_in,
        "back": _back(request),
    }
    return render(request, "403.html", context, status=403)


@requires_csrf_token
def page_not_found(request, exception):
    # Django's own page shows the path and the reason; ours explains in plain words and shows neither.
    return render(request, "404.html", {"back": _back(request)}, status=404)


@requires_csrf_token
def server_error(request):
    """A calm page with no context processors and no queries: it must show when the database is down."""
    try:
        body = loader.get_template("500.html").render()
    except Exception:  # the error page must never fail in turn
        log.exception("the 500 page could not be rendered")
        body = BARE_500
    return HttpResponseServerError(body)
