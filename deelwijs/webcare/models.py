from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.content.models import Image
from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import OrganisationManager


class Source(models.Model):
    """A place webcare watches: a news or alert feed, a Mastodon hashtag or search, a Bluesky search."""

    RSS, MASTODON, BLUESKY = "rss", "mastodon", "bluesky"
    KINDS = [(RSS, _("RSS or Atom feed")), (MASTODON, _("Mastodon")), (BLUESKY, _("Bluesky"))]
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=KINDS, default=RSS)
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_(
            "The feed's address; for Mastodon the server (https://mastodon.nl); for "
            "Bluesky the search service (https://public.api.bsky.app)."
        ),
    )
    query = models.CharField(
        _("hashtag or search"),
        max_length=200,
        blank=True,
        help_text=_("For Mastodon #hashtag or search words; for Bluesky search words."),
    )
    interval_minutes = models.PositiveIntegerField(_("check every (minutes)"), default=30)
    active = models.BooleanField(_("active"), default=True)
    next_poll = models.DateTimeField(default=timezone.now)
    last_polled = models.DateTimeField(null=True, blank=True)
    last_success = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    # Where the source left off: a Mastodon id, or a feed's ETag and Last-Modified.
    cursor = models.CharField(max_length=200, blank=True)
    etag = models.CharField(max_length=200, blank=True)
    modified = models.CharField(max_length=100, blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def failing(self):
        return self.failures > 0


class InboxItem(models.Model):
    """One thing for webcare to handle: a mention found in a source, or a signal a colleague reported."""

    MENTION, SIGNAL = "mention", "signal"
    KINDS = [(MENTION, _("Mention")), (SIGNAL, _("Report from a colleague"))]
    NEW, IN_PROGRESS, ANSWERED, CLOSED, ESCALATED = "new", "in_progress", "answered", "closed", "escalated"
    STATUSES = [
        (NEW, _("New")),
        (IN_PROGRESS, _("In progress")),
        (ANSWERED, _("Answered")),
        (CLOSED, _("Closed")),
        (ESCALATED, _("Escalated")),
    ]
    OPEN = (NEW, IN_PROGRESS, ESCALATED)
    HANDLED = (ANSWERED, CLOSED)
    LOW, NORMAL, HIGH, URGENT = "low", "normal", "high", "urgent"
    PRIORITIES = [(LOW, _("Low")), (NORMAL, _("Normal")), (HIGH, _("High")), (URGENT, _("Urgent"))]
    DUE_HOURS = {LOW: 72, NORMAL: 24, HIGH: 4, URGENT: 1}
    TO_COMMUNICATIONS, TO_MANAGER = "communications", "manager"
    ESCALATIONS = [(TO_COMMUNICATIONS, _("Communications")), (TO_MANAGER, _("A manager"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="inbox_items")
    kind = models.CharField(max_length=10, choices=KINDS)
    source = models.ForeignKey(Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="items")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    url = models.URLField(_("link"), max_length=1000, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("what it says"), blank=True)
    screenshot = models.ForeignKey(Image, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    published = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=NEW)
    priority = models.CharField(_("priority"), max_length=10, choices=PRIORITIES, default=NORMAL)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_items",
        verbose_name=_("assigned to"),
    )
    escalated_to = models.CharField(max_length=20, choices=ESCALATIONS, blank=True)
    escalated_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="escalated_items"
    )
    due_at = models.DateTimeField()
    created = models.DateTimeField(default=timezone.now, db_index=True)
    # For the quarterly report's response times: the first time webcare took it up (changed its status, wrote
    # to the reporter or escalated it), and when it was answered or closed (empty again once it is reopened).
    responded_at = models.DateTimeField(null=True, blank=True, editable=False)
    handled_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["due_at"]
        indexes = [models.Index(fields=["organisation", "status", "due_at"])]

    def __str__(self):
        return self.text[:60] or self.url

    def save(self, *args, **kwargs):
        if self.due_at is None:
            self.due_at = (self.created or timezone.now()) + timedelta(hours=self.DUE_HOURS[self.priority])
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in self.OPEN

    @property
    def overdue(self):
        return self.is_open and self.due_at < timezone.now()


class InboxEvent(models.Model):
    """What happened to an item: an internal note, a change, or feedback the reporter sees."""

    NOTE, CHANGE, FEEDBACK = "note", "change", "feedback"
    item = models.ForeignKey(InboxItem, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=10, default=NOTE)
    text = models.TextField()
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("item__organisation")

    class Meta:
        ordering = ["created"]

    def __str__(self):
        return f"{self.kind} {self.pk}"


class ResponseTemplate(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="response_templates")
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("text"), help_text=_("{naam} is replaced by the name of the person you answer."))

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class Conversation(models.Model):
    """The aanspreken register: a conversation with an employee about a problematic post. Confidential."""

    UNAWARE, SERIOUS = "unaware", "serious"
    SEVERITIES = [(UNAWARE, _("An unaware mistake: we help")), (SERIOUS, _("A serious breach: formal warning"))]
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conversations_about",
        verbose_name=_("employee"),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    post = models.TextField(_("the post"), help_text=_("A link or a description. Never copy client data here."))
    severity = models.CharField(_("severity"), max_length=10, choices=SEVERITIES, default=UNAWARE)
    held_on = models.DateField(_("date of the conversation"), default=timezone.localdate)
    conversation = models.TextField(_("the conversation"))
    follow_up = models.TextField(_("agreed follow-up"), blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # The day the outcome was first written down: the register's retention counts from it.
    outcome_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-held_on", "-created"]

    def __str__(self):
        return f"register entry {self.pk}"

    def save(self, *args, **kwargs):
        if not self.outcome.strip():
            self.outcome_on = None
        elif self.outcome_on is None:
            self.outcome_on = timezone.localdate()
        super().save(*args, **kwargs)


class ConversationView(models.Model):
    """Every time someone opens a register entry."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("conversation__organisation")

    class Meta:
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"view {self.pk}"
