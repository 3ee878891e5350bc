from urllib.parse import urlsplit

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.common.encryption import EncryptedTextField
from deelwijs.content.models import ContentItem
from deelwijs.orgs.models import Organisation, Team
from deelwijs.orgs.tenancy import OrganisationManager
from deelwijs.webcare.models import InboxItem

# The hosts Teams (Workflows, the older Office 365 connectors) and Slack give webhook addresses on. Another https
# host is accepted with a warning: an organisation may route the messages through a relay of its own.
KNOWN_HOSTS = {
    "teams": (".logic.azure.com", ".powerplatform.com", ".webhook.office.com"),
    "slack": ("hooks.slack.com", "hooks.slack-gov.com"),
}


class ChatChannel(models.Model):
    """A Teams or Slack channel that hears of new items, the weekly digest or urgent webcare items.

    The webhook address is a secret (whoever has it posts in the channel): stored encrypted and shown masked.
    A channel of a team hears of the items that team's members see; one without a team, of the items for
    everyone. After PAUSE_AFTER messages in a row could not be delivered it is paused (``paused_at``) until
    someone changes it or a test message arrives.
    """

    TEAMS, SLACK = "teams", "slack"
    KINDS = [(TEAMS, "Microsoft Teams"), (SLACK, "Slack")]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="chat_channels")
    name = models.CharField(_("name"), max_length=100, help_text=_("For yourselves, e.g. “Teams: Wijkteam Oost”."))
    kind = models.CharField(_("where"), max_length=10, choices=KINDS, default=TEAMS)
    webhook_url = EncryptedTextField(_("webhook address"), max_length=2000)
    # A team's channel goes with its team: left behind, it would hear of every item as an organisation's channel.
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chat_channels",
        verbose_name=_("team"),
    )
    sends_items = models.BooleanField(_("new items to share"), default=True)
    sends_digest = models.BooleanField(_("the weekly digest (Monday morning)"), default=True)
    sends_webcare = models.BooleanField(_("urgent webcare items"), default=False)
    active = models.BooleanField(_("active"), default=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0)  # messages in a row that could not be delivered
    last_sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def receiving(self):
        """Whether messages go out to it now (a test message goes out anyway)."""
        return self.active and self.paused_at is None

    @property
    def host(self):
        return (urlsplit(self.webhook_url).hostname or "").lower()

    @property
    def masked_url(self):
        """The address as the pages show it: its host and the last four characters, never the whole secret."""
        if not self.webhook_url:
            return ""
        parts = urlsplit(self.webhook_url)
        return f"{parts.scheme}://{parts.netloc}/…{self.webhook_url[-4:]}"

    @property
    def known_host(self):
        return host_is_known(self.kind, self.host)


def host_is_known(kind, host):
    return any(host == known.lstrip(".") or host.endswith(known) for known in KNOWN_HOSTS.get(kind, ()))


class Delivery(models.Model):
    """One message for one channel: a new item, the digest, an urgent webcare item or a test message.

    Sent by a task; when Teams or Slack asks to wait (429) or fails (5xx, no answer) it is tried again at
    ``next_attempt_at``. One row per item and channel, so an item is announced once however often it is saved.
    The card is made when it is sent, from the item as it is then: nothing of it is kept here.
    """

    ITEM, DIGEST, WEBCARE, TEST = "item", "digest", "webcare", "test"
    KINDS = [
        (ITEM, _("New item")),
        (DIGEST, _("Weekly digest")),
        (WEBCARE, _("Urgent webcare item")),
        (TEST, _("Test message")),
    ]
    PENDING, SENT, FAILED, CANCELLED = "pending", "sent", "failed", "cancelled"
    STATUSES = [(PENDING, _("Waiting")), (SENT, _("Delivered")), (FAILED, _("Failed")), (CANCELLED, _("Not sent"))]

    channel = models.ForeignKey(ChatChannel, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=10, choices=KINDS)
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    inbox_item = models.ForeignKey(InboxItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("channel__organisation")

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "item"], condition=Q(kind="item"), name="chat_one_announcement_per_item"
            ),
            models.UniqueConstraint(
                fields=["channel", "inbox_item"], condition=Q(kind="webcare"), name="chat_one_card_per_inbox_item"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.pk}"
