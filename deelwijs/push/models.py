"""Web Push: the devices a person switched notifications on for, what they want to receive, and what waits."""

from dataclasses import dataclass
from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.orgs.tenancy import OrganisationManager

FEED, STORY, REMINDER, REPORT, URGENT, TEST = "feed", "story", "reminder", "report", "urgent", "test"


@dataclass(frozen=True)
class Kind:
    """A kind of push: the preference that switches it, and how quiet hours and the daily cap treat it."""

    code: str
    field: str
    label: str
    # Held during the quiet hours and sent when they end (unless it expired by then); else sent at once.
    respects_quiet_hours: bool = True
    # Counted in the day's pushes but never stopped by the cap.
    beyond_cap: bool = False
    # RFC 8030 Urgency: how hard a phone on battery saving should try to deliver it at once.
    urgency: str = "normal"


KINDS = {
    kind.code: kind
    for kind in (
        Kind(FEED, "wants_feed", _("New items in my feed")),
        Kind(STORY, "wants_story", _("The decision on my story")),
        # A reminder for a post due before the quiet hours end is useless afterwards: it carries its post's time as
        # the moment it expires (domain.send), and is dropped when that passes while it is held.
        Kind(REMINDER, "wants_reminder", _("A reminder for a post I am responsible for")),
        Kind(REPORT, "wants_report", _("An answer to something I reported to webcare")),
        # An urgent webcare item is rare and should be seen within the hour; a capped day must not hide it.
        Kind(URGENT, "wants_urgent", _("An urgent item in the webcare inbox"), beyond_cap=True, urgency="high"),
        # Asked for on the settings page, to see that this device receives: at once, whatever the hour or count.
        Kind(TEST, "", _("A test notification"), respects_quiet_hours=False, beyond_cap=True),
    )
}
KIND_CHOICES = [(kind.code, kind.label) for kind in KINDS.values()]
# The kinds a person chooses (the test notification is always welcome).
CHOSEN_KINDS = [kind for kind in KINDS.values() if kind.field]

QUIET_START, QUIET_END = time(22, 0), time(7, 0)
DAILY_CAP, DAILY_CAP_MAX = 5, 20
# A person keeps this many devices; the one used least recently goes when another is added.
MAX_DEVICES = 10


class PushSubscription(models.Model):
    """One browser on one device that accepted notifications: where its push service takes them, and its keys."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    # Unique over the installation: a browser has one subscription, whoever signs in on it.
    endpoint = models.URLField(max_length=1000, unique=True)
    # The browser's P-256 public key and auth secret (RFC 8291), base64url: the payload is encrypted for them.
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=40)
    device = models.CharField(_("device"), max_length=100, blank=True)
    # SHA-256 of the random device cookie set when notifications were switched on: signing out on that browser
    # finds its subscription again, and another person signing in there removes it (domain.py).
    device_key = models.CharField(max_length=64, blank=True, db_index=True)
    created = models.DateTimeField(_("switched on"), default=timezone.now)
    last_used = models.DateTimeField(_("last notification"), null=True, blank=True)

    objects = OrganisationManager("person__organisation")

    class Meta:
        ordering = ["-created"]
        verbose_name = _("device for notifications")
        verbose_name_plural = _("devices for notifications")

    def __str__(self):
        return self.device or f"subscription {self.pk}"

    def info(self):
        """What pywebpush wants: the endpoint and the browser's keys."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class PushPreferences(models.Model):
    """What one person wants on their devices, and when not. Absent until they first save it: the defaults hold."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_preferences")
    wants_feed = models.BooleanField(KINDS[FEED].label, default=True)
    wants_story = models.BooleanField(KINDS[STORY].label, default=True)
    wants_reminder = models.BooleanField(KINDS[REMINDER].label, default=True)
    wants_report = models.BooleanField(KINDS[REPORT].label, default=True)
    wants_urgent = models.BooleanField(KINDS[URGENT].label, default=True)
    quiet_start = models.TimeField(_("quiet from"), default=QUIET_START)
    quiet_end = models.TimeField(_("quiet until"), default=QUIET_END)
    daily_cap = models.PositiveSmallIntegerField(
        _("at most this many notifications a day"),
        default=DAILY_CAP,
        validators=[MinValueValidator(1), MaxValueValidator(DAILY_CAP_MAX)],
    )

    objects = OrganisationManager("person__organisation")

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"push preferences {self.person_id}"

    def wants(self, kind):
        field = KINDS[kind].field
        return getattr(self, field) if field else True

    @property
    def has_quiet_hours(self):
        return self.quiet_start != self.quiet_end


class PushMessage(models.Model):
    """A push on its way: made beside the notification in the app, deleted once sent or dropped."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_messages")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    title = models.CharField(max_length=100)
    body = models.CharField(max_length=200)
    url = models.CharField(max_length=300)
    created = models.DateTimeField(default=timezone.now)
    # Not before: the end of the quiet hours it fell in (or now).
    due_at = models.DateTimeField(db_index=True)
    # Of no use after this: dropped when it is still waiting.
    expires_at = models.DateTimeField()
    # Taken by a worker: two workers never send it twice.
    sending = models.BooleanField(default=False)

    objects = OrganisationManager("person__organisation")

    class Meta:
        ordering = ["due_at", "pk"]

    def __str__(self):
        return f"push {self.pk} ({self.kind})"


class PushDay(models.Model):
    """How many pushes reached a person on one day (Europe/Amsterdam): the daily cap counts here."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent = models.PositiveSmallIntegerField(default=0)

    objects = OrganisationManager("person__organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "day"], name="one_push_count_per_day")]

    def __str__(self):
        return f"{self.day}: {self.sent}"


class Announcement(models.Model):
    """Something announced to many people at once (a feed item going live), so it is announced only once."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="announced_once")]

    def __str__(self):
        return self.key
