"""Web Push as the other apps use it: ``send`` beside a notification in the app, ``send_to_many`` for an
announcement; and the devices: switching on, removing, and what signing in, signing out and closing an account do.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.signals import user_logged_in
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deelwijs.orgs.offboarding import Effect, closing
from deelwijs.orgs.sessions import signed_out
from deelwijs.orgs.tenancy import across_organisations

from . import tasks
from .delivery import configured, preferences_of, quiet_until
from .models import KINDS, MAX_DEVICES, Announcement, PushMessage, PushPreferences, PushSubscription

# A push is of no use after a day, unless the caller says when it expires sooner.
DEFAULT_LIFETIME = timedelta(days=1)
DEVICE_COOKIE = "deelwijs_apparaat"
DEVICE_COOKIE_DAYS = 365


def _limited(title, body, link):
    return str(title)[:100], str(body)[:200], str(link)[:300]


def _timing(preferences, kind, now, expires_at):
    """(due, expires) of a push for a person with these preferences now, or None when it would only arrive after
    it is of use."""
    later = quiet_until(preferences, now) if KINDS[kind].respects_quiet_hours else None
    due = later or now
    expires = expires_at or now + DEFAULT_LIFETIME
    return (due, expires) if expires > due else None


def send(person, kind, title, body, link, *, expires_at=None, now=None):
    """Push a short notification to the person's devices, beside (never instead of) the one in the app.

    Nothing happens when the installation has no VAPID key, the account is closed, the person switched on no
    device or turned this kind off, or when it would only arrive after ``expires_at`` (a reminder for a post due
    during the quiet hours). Otherwise a PushMessage is made: due now, or at the end of the quiet hours it falls
    in. One due now is handed to the worker at once (tasks.deliver); a held one is sent by the scheduled job
    (tasks.send_due_pushes). The texts must hold no client data: a lock screen shows them. Returns the message,
    or None.
    """
    now = now or timezone.now()
    if not configured() or not person.is_active or not person.push_subscriptions.exists():
        return None
    preferences = preferences_of(person)
    if not preferences.wants(kind):
        return None
    timing = _timing(preferences, kind, now, expires_at)
    if timing is None:
        return None
    title, body, link = _limited(title, body, link)
    message = PushMessage.objects.create(
        person=person, kind=kind, title=title, body=body, url=link, due_at=timing[0], expires_at=timing[1]
    )
    if message.due_at <= now:
        tasks.deliver.enqueue(person.organisation_id, [message.pk])
    return message


def send_to_many(organisation, people, kind, title, body, link, *, key, expires_at=None, now=None):
    """Announce something to many people at once (a feed item going live), once per ``key`` ever.

    Of ``people`` (a queryset of the organisation's people) those who are active, switched on a device and want
    this kind get a message, each timed by their own quiet hours as ``send`` does; the ones due now go to the
    worker in batches. A second call with the same key does nothing, also when two run at the same moment (the
    marker is unique). Returns how many messages were made.
    """
    now = now or timezone.now()
    if not configured():
        return 0
    try:
        with transaction.atomic():
            Announcement.objects.create(organisation=organisation, key=key)
    except IntegrityError:
        return 0  # announced before
    field = KINDS[kind].field
    recipients = (
        people.filter(is_active=True, push_subscriptions__isnull=False)
        .exclude(**{f"push_preferences__{field}": False})
        .select_related("push_preferences")
        .distinct()
    )
    title, body, link = _limited(title, body, link)
    messages = []
    for person in recipients.iterator(chunk_size=500):
        try:
            preferences = person.push_preferences  # read with the people (select_related)
        except PushPreferences.DoesNotExist:
            preferences = PushPreferences(person=person)
        timing = _timing(preferences, kind, now, expires_at)
        if timing:
            messages.append(
                PushMessage(
                    person=person, kind=kind, title=title, body=body, url=link, due_at=timing[0], expires_at=timing[1]
                )
            )
    # bulk_create gives the rows their primary keys on PostgreSQL and on SQLite 3.35 and later.
    PushMessage.objects.bulk_create(messages, batch_size=500)
    made = [m.pk for m in messages if m.due_at <= now]
    for start in range(0, len(made), tasks.BATCH):
        tasks.deliver.enqueue(organisation.pk, made[start : start + tasks.BATCH])
    return len(messages)


def announced(keys):
    """Which of these keys were announced already (in the organisation of the scope)."""
    return set(Announcement.objects.filter(key__in=keys).values_list("key", flat=True))


# Devices
def device_key(token):
    return hashlib.sha256(token.encode()).hexdigest() if token else ""


def new_device_token():
    return secrets.token_urlsafe(32)


def device_label(user_agent):
    """A short name for the device in the person's list ("Chrome op Android"); the user agent itself is not kept."""
    agent = user_agent or ""
    browsers = [
        ("SamsungBrowser", "Samsung Internet"),
        ("Edg", "Edge"),
        ("Firefox", "Firefox"),
        ("FxiOS", "Firefox"),
        ("CriOS", "Chrome"),
        ("Chrome", "Chrome"),
        ("Chromium", "Chromium"),
        ("Safari", "Safari"),
    ]
    systems = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "Mac"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    browser = next((name for token, name in browsers if f"{token}/" in agent), "")
    system = next((name for token, name in systems if token in agent), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown device")


@transaction.atomic
def subscribe(person, endpoint, p256dh, auth, device="", key="", now=None):
    """This browser receives the person's pushes from now on. Returns the subscription.

    A browser has one subscription: when someone else had this endpoint (another person signed in on the same
    browser), it moves to this person. The device's label and ``key``, the hash of its device cookie, are kept; the
    user agent itself is not. A person keeps at most MAX_DEVICES: adding one more removes the one used least recently.
    """
    now = now or timezone.now()
    with across_organisations():  # an endpoint is unique over the installation: someone else's goes first
        PushSubscription.objects.filter(endpoint=endpoint).exclude(person=person).delete()
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"person": person, "p256dh": p256dh, "auth": auth, "device": device[:100], "device_key": key},
        create_defaults={
            "person": person,
            "p256dh": p256dh,
            "auth": auth,
            "device": device[:100],
            "device_key": key,
            "created": now,
        },
    )
    # Least recently used: its last push, or when it was switched on if it never had one.
    used = Coalesce("last_used", "created")
    devices = list(person.push_subscriptions.order_by(used.desc(), "-pk").values_list("pk", flat=True))
    PushSubscription.objects.filter(pk__in=devices[MAX_DEVICES:]).delete()
    return subscription


def remove_device(person, pk):
    """Remove one of the person's own devices; another's (or one that is gone) is not found: False."""
    subscription = PushSubscription.objects.filter(person=person, pk=pk).first()
    if subscription is None:
        return False
    subscription.delete()
    return True


@receiver(signed_out)
def _signed_out(sender, request, person, **kwargs):
    """Signing out on a browser ends its pushes: the browser forgets the subscription too (Clear-Site-Data)."""
    key = device_key(request.COOKIES.get(DEVICE_COOKIE, ""))
    if key:
        PushSubscription.objects.filter(person=person, device_key=key).delete()


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    """Someone else signing in on a browser takes it over: the pushes of whoever used it before stop there.

    On a shared ward PC the session of the person before may have ended by itself, without signing out.
    """
    key = device_key(getattr(request, "COOKIES", {}).get(DEVICE_COOKIE, "")) if request is not None else ""
    if key:
        with across_organisations():  # whoever it was, of whichever organisation
            PushSubscription.objects.filter(device_key=key).exclude(person=user).delete()


@receiver(closing)
def _closing(sender, person, apply, **kwargs):
    """Closing an account removes its devices: a leaver's phone gets nothing more."""
    devices = PushSubscription.objects.filter(person=person)
    count = devices.count()
    if not count:
        return []
    if apply:
        devices.delete()
        PushMessage.objects.filter(person=person).delete()
    text = ngettext(
        "%(n)s device no longer receives notifications.", "%(n)s devices no longer receive notifications.", count
    ) % {"n": count}
    return [Effect(text, key="push_devices", count=count)]
