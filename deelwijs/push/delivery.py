"""Sending a push: quiet hours, the daily cap, RFC 8291 encryption and VAPID (pywebpush), through the one door out.

Runs in the worker (deelwijs.push.tasks), never in a request, so a push service that is slow or gone costs a page
nothing. Every request goes through deelwijs/common/outbound.py: a push service is a public host, and an endpoint
that points into our own network is refused like any other address someone typed in.
"""

import json
import logging
from datetime import datetime, timedelta
from email.utils import parseaddr

import requests
from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext, override
from pywebpush import WebPushException, webpush

from deelwijs.common import outbound

from . import keys
from .models import FEED, KINDS, Announcement, PushDay, PushMessage, PushPreferences, PushSubscription

logger = logging.getLogger(__name__)

# A push service answers with a few bytes; anything much larger is not one.
MAX_ANSWER = 64 * 1024
# How long a push service keeps a push for a phone that is off (TTL), at most.
MAX_TTL = 24 * 3600
# Counts of past days and markers of announcements are kept this long, then deleted by the scheduled job.
KEEP_COUNTS = timedelta(days=2)
KEEP_ANNOUNCEMENTS = timedelta(days=30)
ACCEPTED, GONE, FAILED = "accepted", "gone", "failed"


def configured():
    """Whether this installation has a VAPID key: without one no browser can subscribe."""
    return bool(settings.DEELWIJS_VAPID_PRIVATE_KEY)


def public_key():
    return keys.public_key(settings.DEELWIJS_VAPID_PRIVATE_KEY) if configured() else ""


def subject():
    """Whom a push service may contact about our pushes (the VAPID "sub"): a mailto: or https: address."""
    if settings.DEELWIJS_VAPID_SUBJECT:
        return settings.DEELWIJS_VAPID_SUBJECT
    return f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or 'noreply@localhost'}"


def preferences_of(person):
    """The person's saved preferences, or the defaults (unsaved) while they never changed them. Read afresh: a
    person object kept for a while (a worker's loop) may hold what they chose before."""
    return PushPreferences.objects.filter(person=person).first() or PushPreferences(person=person)


def quiet_until(preferences, now):
    """The end of the person's quiet hours when ``now`` falls inside them, else None.

    Quiet hours are local time (Europe/Amsterdam) and may run past midnight (22:00 to 07:00); a start equal to
    the end means no quiet hours at all.
    """
    if not preferences.has_quiet_hours:
        return None
    start, end = preferences.quiet_start, preferences.quiet_end
    local = timezone.localtime(now)
    moment = local.time()
    if start < end:
        inside, day = start <= moment < end, local.date()
    else:
        inside = moment >= start or moment < end
        day = local.date() + timedelta(days=1) if moment >= start else local.date()
    if not inside:
        return None
    return timezone.make_aware(datetime.combine(day, end))


def payload(message):
    """What the service worker receives, decrypted: a title, a short text and a link inside Deelwijs."""
    data = {"title": message.title, "body": message.body, "url": message.url}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def post(subscription, data, ttl, urgency, session):
    """Encrypt ``data`` for one subscription and hand it to its push service. ACCEPTED, GONE (404/410: the
    browser unsubscribed or the subscription expired) or FAILED (anything else; logged without personal data)."""
    try:
        webpush(
            subscription.info(),
            data,
            vapid_private_key=keys.vapid(settings.DEELWIJS_VAPID_PRIVATE_KEY),
            # pywebpush adds "aud" (the endpoint's origin) and "exp" to the claims it is given: a new dict each time.
            vapid_claims={"sub": subject()},
            ttl=ttl,
            headers={"Urgency": urgency},
            timeout=outbound.TIMEOUT,
            requests_session=session,
        )
    except WebPushException as error:
        if error.status_code in (404, 410):
            return GONE
        logger.warning("push service refused subscription %s: HTTP %s", subscription.pk, error.status_code)
        return FAILED
    except (outbound.OutboundError, requests.RequestException) as error:
        logger.warning("push service of subscription %s not reached: %s", subscription.pk, type(error).__name__)
        return FAILED
    except (ValueError, TypeError) as error:  # keys that do not decode (binascii.Error is a ValueError)
        logger.warning("subscription %s has unusable keys: %s", subscription.pk, type(error).__name__)
        return FAILED
    return ACCEPTED


def _count(person, now, cap):
    """Take one from today's cap (None: count without a limit). False when the day is full. One conditional
    UPDATE, so workers sending at the same moment never pass the cap together."""
    row, _created = PushDay.objects.get_or_create(person=person, day=timezone.localdate(now))
    rows = PushDay.objects.filter(pk=row.pk)
    if cap is not None:
        rows = rows.filter(sent__lt=cap)
    return rows.update(sent=F("sent") + 1) == 1


def _give_back(person, now):
    PushDay.objects.filter(person=person, day=timezone.localdate(now), sent__gt=0).update(sent=F("sent") - 1)


def deliver(message_ids, now=None):
    """Send these messages, each once, to every device of its person. Returns how many were sent.

    A message another worker took, or that is not due yet, is left alone. One that expired is deleted. One that
    now falls inside the person's quiet hours (they changed them since) waits for their end. A message over the
    day's cap is dropped (the notification in the app stays), unless its kind is counted beyond the cap. Devices
    whose push service says they are gone (404/410) are removed; the others get their last use. A push no device
    accepted is given back to the day's count. Every message handled is deleted.
    """
    now = now or timezone.now()
    sent = 0
    with outbound.session(max_bytes=MAX_ANSWER) as session:
        for message in PushMessage.objects.filter(pk__in=message_ids).select_related("person"):
            if PushMessage.objects.filter(pk=message.pk, sending=False, due_at__lte=now).update(sending=True) != 1:
                continue  # another worker has it, or its quiet hours moved it on
            sent += _deliver_one(message, now, session)
    return sent


def _deliver_one(message, now, session):
    person, kind = message.person, KINDS[message.kind]
    preferences = preferences_of(person)
    later = quiet_until(preferences, now) if kind.respects_quiet_hours else None
    if message.expires_at <= (later or now) or not person.is_active:
        message.delete()
        return 0
    if later:
        PushMessage.objects.filter(pk=message.pk).update(due_at=later, sending=False)
        return 0
    if not _count(person, now, None if kind.beyond_cap else preferences.daily_cap):
        logger.info("push %s dropped: person %s reached the daily cap", message.pk, person.pk)
        message.delete()
        return 0
    data = payload(message)
    ttl = max(60, min(MAX_TTL, int((message.expires_at - now).total_seconds())))
    accepted = 0
    for subscription in PushSubscription.objects.filter(person=person):
        outcome = post(subscription, data, ttl, kind.urgency, session)
        if outcome == GONE:
            subscription.delete()
        elif outcome == ACCEPTED:
            accepted += 1
            subscription.last_used = now
            subscription.save(update_fields=["last_used"])
    if not accepted:
        _give_back(person, now)
    message.delete()
    return 1 if accepted else 0


def due(now=None):
    """The ids of the messages whose time has come (their quiet hours ended), after tidying up.

    Several feed items waiting for one person become one push ("3 new items to share"), so a morning after a
    busy evening starts with one notification, not a row of them. Expired messages, past days' counts and old
    announcement markers are deleted here too.
    """
    now = now or timezone.now()
    PushMessage.objects.filter(expires_at__lte=now).delete()
    PushDay.objects.filter(day__lt=timezone.localdate(now - KEEP_COUNTS)).delete()
    Announcement.objects.filter(created__lt=now - KEEP_ANNOUNCEMENTS).delete()
    waiting = PushMessage.objects.filter(due_at__lte=now, sending=False)
    feed = {}
    for message in waiting.filter(kind=FEED).order_by("person_id", "-created"):
        feed.setdefault(message.person_id, []).append(message)
    for messages in feed.values():
        if len(messages) > 1:
            _merge(messages)
    return list(waiting.values_list("pk", flat=True))


def _merge(messages):
    """Keep the newest feed message of one person, saying how many items there are; delete the others."""
    newest, *older = messages
    with override("nl"):
        newest.body = ngettext("%(n)s new item to share", "%(n)s new items to share", len(messages)) % {
            "n": len(messages)
        }
    newest.url = reverse("feed")  # the feed itself: a list of the items, not one of them
    newest.expires_at = max(m.expires_at for m in messages)
    newest.save(update_fields=["body", "url", "expires_at"])
    PushMessage.objects.filter(pk__in=[m.pk for m in older]).delete()
