"""Session limits for shared ward PCs: an idle timeout per organisation and an absolute lifetime.

The session remembers when someone signed in and when they were last active.
A session past either limit is ended (logout) and the person lands on the
sign-in page with a notice saying why. The notice travels as a query
parameter because logout empties the session, and with it any message stored
there.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.dispatch import Signal, receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SESSION_IDLE_DEFAULT

SIGNED_IN_AT = "deelwijs_signed_in_at"
LAST_SEEN = "deelwijs_last_seen"
# Last activity is written at most this often, so most requests leave the session unchanged (no write).
LAST_SEEN_RESOLUTION = 60
# The value of ?afgemeld= on the sign-in page, and the notice it shows.
IDLE = "inactief"
TOO_LONG = "te-lang"
# Paths that never count as activity nor end a session: static files, the public tracked-link redirect and
# the public photos; the service worker, the web manifest and the offline page, which a browser fetches by itself
# (to check for an update when a push arrives, say), not the person.
UNTRACKED_PREFIXES = ("/static/", "/s/", "/openbaar/", "/sw.js", "/manifest.webmanifest", "/offline/")

# Sent when a person signs out on purpose (the sign-out button), before the session ends; not when a session
# ends by itself. Receivers: def receiver(sender, request, person, **kwargs). The apps above answer for what
# belongs to that browser (push.domain: its subscription).
signed_out = Signal()


def _now():
    return timezone.now().timestamp()


def idle_limit_seconds(user):
    """How long this person may do nothing before being signed out: their organisation's setting."""
    organisation = user.organisation if user.organisation_id else None
    minutes = organisation.session_idle_minutes if organisation else SESSION_IDLE_DEFAULT
    return minutes * 60


def expired(session, user, now):
    """Why this session has ended (IDLE or TOO_LONG), or None while it is still good."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen = session.get(LAST_SEEN)
    if signed_in_at is None or last_seen is None:
        return None
    if now - signed_in_at > settings.SESSION_MAX_HOURS * 3600:
        return TOO_LONG
    if now - last_seen > idle_limit_seconds(user):
        return IDLE
    return None


def notice(reason):
    """The Dutch notice on the sign-in page for ?afgemeld=<reason>, or None."""
    if reason == IDLE:
        return _("You were signed out because you did nothing for a while.")
    if reason == TOO_LONG:
        return _("You were signed in for more than %(hours)s hours. Sign in again.") % {
            "hours": settings.SESSION_MAX_HOURS
        }
    return None


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = _now()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


class SessionLimitMiddleware:
    """Ends sessions past the idle timeout or the absolute lifetime. Placed after authentication and tenancy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path_info.startswith(UNTRACKED_PREFIXES):
            return self.get_response(request)
        session = request.session
        now = _now()
        reason = expired(session, user, now)
        if reason:
            logout(request)
            query = {"afgemeld": reason}
            if request.method == "GET":
                query["next"] = request.get_full_path()
            return redirect(f"{reverse('login')}?{urlencode(query)}")
        if SIGNED_IN_AT not in session:
            # A session from before these limits existed: its clock starts now.
            session[SIGNED_IN_AT] = now
        if now - session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN] = now
        return self.get_response(request)


def session_keys_of(person):
    """The keys of every live session of this person (all their browsers and devices).

    Sessions are rows of django.contrib.sessions with the person's id inside the signed, encoded data, so
    each live session is decoded to find theirs; closing an account is rare enough for that. Should one be
    missed (another session engine), its next request is signed out all the same: Django's ModelBackend
    no longer returns a person whose account is closed.
    """
    target = str(person.pk)
    live = Session.objects.filter(expire_date__gt=timezone.now()).only("session_key", "session_data")
    return [session.session_key for session in live.iterator() if session.get_decoded().get(SESSION_KEY) == target]


def end_sessions(keys):
    """Delete these sessions: whoever uses one is signed out at their next request."""
    Session.objects.filter(session_key__in=keys).delete()
