"""Business rules for the Teams and Slack channels: which channel hears of what, sending with retries, the pause.

Which items go where:

- a channel without a team hears of the items for everyone: no team and no location chosen;
- a team's channel hears of the items that team's members see in their feed: for everyone, or for that team,
  or for its location;
- items meant only for clients go to no channel (clients are not in the organisation's Teams or Slack).

An item is announced once per channel, when it is live and it was made, or became visible, after the channel was
added and less than ANNOUNCE_WITHIN ago. Saving a live item announces it when the save commits; an item planned
for later, and anything a save missed, is announced by the job that runs every five minutes (tasks.send_due).
Urgent inbox items (webcare.signals.urgent_item) go to every channel that takes them, whatever its team.

Every message is a Delivery sent by its own task. Teams or Slack asking to wait (429, with Retry-After), failing
(5xx) or not answering is tried again after BACKOFF, MAX_ATTEMPTS times in all; any other refusal is final.
The channel shows the last error; after PAUSE_AFTER messages in a row that failed for good it is paused and
communications is notified.
"""

from datetime import timedelta
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from deelwijs.common import outbound
from deelwijs.content.domain import digest_items, digest_since
from deelwijs.content.models import ContentItem
from deelwijs.orgs import audit
from deelwijs.orgs.domain import log, notify
from deelwijs.orgs.models import User
from deelwijs.orgs.roles import COMMUNICATIONS, STAFF_ROLES, VOLUNTEER
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.webcare.signals import urgent_item

# tasks imports this module too; each uses the other's names only when called.
from . import cards, tasks
from .models import ChatChannel, Delivery

ANNOUNCE_WITHIN = timedelta(days=2)
# A new item is left to the next run for this long: its teams and locations are saved just after the item itself.
SETTLE = timedelta(seconds=30)
# How long a delivery is taken by the task that sends it, before the job may hand it to another.
LEASE = timedelta(minutes=10)
BACKOFF = (timedelta(minutes=2), timedelta(minutes=10), timedelta(minutes=30), timedelta(hours=2))
MAX_ATTEMPTS = len(BACKOFF) + 1
MAX_WAIT = timedelta(hours=6)  # the longest a Retry-After is followed
PAUSE_AFTER = 3
KEEP_DELIVERIES = timedelta(days=30)
# Roles whose items may go to a channel: everyone but clients.
CHANNEL_ROLES = sorted(STAFF_ROLES | {VOLUNTEER})
WHERE = dict(ChatChannel.KINDS)

# The form's fields in words, for the audit log ("changed the channel ...: name, team").
audit.register_labels(
    chat_field={f.name: f.verbose_name for f in ChatChannel._meta.fields},
    chat_kind=WHERE,
)


# Which items, for which channel


def channel_items(channel):
    """The items a channel hears of (see the module's docstring), live or not."""
    roles = Q(audience_roles="")
    for role in CHANNEL_ROLES:
        roles |= Q(audience_roles__contains=f",{role},")
    items = ContentItem.objects.filter(roles)
    team = channel.team
    if team is None:
        return items.filter(audience_teams__isnull=True, audience_locations__isnull=True)
    items = items.filter(Q(audience_teams__isnull=True) | Q(audience_teams=team.pk))
    if team.location_id:
        items = items.filter(Q(audience_locations__isnull=True) | Q(audience_locations=team.location_id))
    else:
        items = items.filter(audience_locations__isnull=True)
    return items.distinct()


def new_items_for(channel, now):
    """The live items the channel has not heard of yet and should."""
    since = max(channel.created, now - ANNOUNCE_WITHIN)
    announced = Delivery.objects.filter(channel=channel, kind=Delivery.ITEM, item__isnull=False).values("item")
    new = Q(starts_at__gte=since) | Q(created__gte=since)
    return channel_items(channel).live(now).filter(new).exclude(pk__in=announced).order_by("starts_at", "pk")


def receiving(**wanted):
    return ChatChannel.objects.filter(active=True, paused_at__isnull=True, **wanted).select_related("team")


def queue(channel, kind, item=None, inbox_item=None, now=None):
    """A delivery for the channel, sent by its own task. An item (or inbox item) already announced to the channel
    gets no second one: returns None then."""
    now = now or timezone.now()
    try:
        with transaction.atomic():  # a savepoint: the constraint may refuse a second announcement
            delivery = Delivery.objects.create(
                channel=channel, kind=kind, item=item, inbox_item=inbox_item, next_attempt_at=now + LEASE
            )
    except IntegrityError:
        return None
    tasks.send_delivery.enqueue(channel.organisation_id, delivery.pk)
    return delivery


def announce_new_items(now=None):
    """Queue every live item that a channel should hear of and has not (the job every five minutes). Returns how
    many deliveries were queued."""
    now = now or timezone.now()
    queued = 0
    for channel in receiving(sends_items=True):
        for item in new_items_for(channel, now).filter(created__lte=now - SETTLE):
            queued += queue(channel, Delivery.ITEM, item=item, now=now) is not None
    return queued


def announce_item(organisation_id, item_id):
    """Queue one item that was just saved for the channels that should hear of it now."""
    with organisation_scope(organisation_id):
        now = timezone.now()
        item = ContentItem.objects.filter(pk=item_id).first()
        if item is None or not item.is_live(now):
            return 0
        return sum(
            queue(channel, Delivery.ITEM, item=item, now=now) is not None
            for channel in receiving(sends_items=True)
            if new_items_for(channel, now).filter(pk=item.pk).exists()
        )


@receiver(post_save, sender=ContentItem, dispatch_uid="chat_item_saved")
def _item_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.is_live():
        return
    if not transaction.get_connection().in_atomic_block:
        return  # its teams may be saved after this, outside any transaction: the next run announces it
    organisation_id, item_id = instance.organisation_id, instance.pk
    transaction.on_commit(lambda: announce_item(organisation_id, item_id))


@receiver(urgent_item, dispatch_uid="chat_urgent_item")
def _urgent_item(sender, item, **kwargs):
    for channel in receiving(sends_webcare=True):
        queue(channel, Delivery.WEBCARE, inbox_item=item)


def queue_digests(now=None):
    """The weekly digest for every channel that takes it and has items this week; deliveries older than
    KEEP_DELIVERIES go. Returns how many digests were queued."""
    now = now or timezone.now()
    Delivery.objects.filter(created__lt=now - KEEP_DELIVERIES).exclude(status=Delivery.PENDING).delete()
    queued = 0
    for channel in receiving(sends_digest=True):
        if digest_items(channel_items(channel), digest_since(now)):
            queued += queue(channel, Delivery.DIGEST, now=now) is not None
    return queued


def retry_due(now=None):
    """Hand every delivery whose next attempt is due to a task of its own. Returns how many."""
    now = now or timezone.now()
    handed = 0
    for delivery in Delivery.objects.filter(status=Delivery.PENDING, next_attempt_at__lte=now).select_related(
        "channel"
    ):
        # Taken with a conditional update, so two runs of the job never hand one delivery out twice.
        taken = Delivery.objects.filter(pk=delivery.pk, next_attempt_at=delivery.next_attempt_at).update(
            next_attempt_at=now + LEASE
        )
        if taken:
            tasks.send_delivery.enqueue(delivery.channel.organisation_id, delivery.pk)
            handed += 1
    return handed


# Sending


def card_for(delivery, now):
    """The card of a delivery, made from its object as it is now; None when there is nothing to send any more."""
    channel = delivery.channel
    policy = channel.organisation.guard_policy
    if delivery.kind == Delivery.TEST:
        return cards.trial_card(channel)
    if delivery.kind == Delivery.ITEM:
        item = delivery.item
        return cards.item_card(item, policy(), channel.team) if item and item.is_live(now) else None
    if delivery.kind == Delivery.DIGEST:
        items = digest_items(channel_items(channel), digest_since(delivery.created))
        return cards.digest_card(items, policy(), channel.team) if items else None
    inbox_item = delivery.inbox_item
    return cards.webcare_card(inbox_item, policy()) if inbox_item and inbox_item.is_open else None


def deliver(delivery_id, now=None):
    """One attempt at one delivery: made into a card, posted through the one door out (common.outbound), and the
    outcome recorded on the delivery and its channel (see the module's docstring). Returns the delivery's status,
    or None when another task had taken this attempt."""
    now = now or timezone.now()
    delivery = Delivery.objects.select_related("channel__team", "channel__organisation").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.PENDING:
        return None
    taken = Delivery.objects.filter(pk=delivery.pk, status=Delivery.PENDING, attempts=delivery.attempts).update(
        attempts=F("attempts") + 1, next_attempt_at=now + LEASE
    )
    if not taken:
        return None
    delivery.attempts += 1
    channel = delivery.channel
    with translation.override(settings.LANGUAGE_CODE):
        if delivery.kind != Delivery.TEST and not channel.receiving:
            return _finish(delivery, Delivery.CANCELLED, _("Not sent: the channel is paused or switched off."))
        card = card_for(delivery, now)
        if card is None:
            return _finish(delivery, Delivery.CANCELLED, _("Not sent: there is nothing to tell any more."))
        try:
            response = outbound.post_json(channel.webhook_url, cards.render(card, channel.kind))
        except outbound.OutboundError as error:
            return _failed(delivery, str(error), retry=True, wait=None, now=now)
        if 200 <= response.status_code < 300:
            return _delivered(delivery, now)
        problem, retry = explain(response, channel.kind)
        return _failed(delivery, problem, retry=retry, wait=retry_after(response, now), now=now)


def explain(response, kind):
    """What an answer other than 2xx means, in words for communications, and whether trying again may help."""
    code, where = response.status_code, WHERE.get(kind, kind)
    values = {"code": code, "where": where}
    if 300 <= code < 400:
        text = _(
            "The address sends the message on to another address (HTTP %(code)s). Deelwijs does not follow it: "
            "fill in the address it leads to."
        )
        return text % values, False
    if code == 429:
        return _("%(where)s asks us to wait: too many messages at once (HTTP 429).") % values, True
    if code >= 500:
        return _("%(where)s had a problem of its own (HTTP %(code)s); the message is tried again.") % values, True
    if code in (404, 410):
        text = _(
            "%(where)s no longer knows this address (HTTP %(code)s): the workflow or webhook was removed, or the "
            "channel archived. Make a new one and fill in its address."
        )
    elif code in (401, 403):
        text = _(
            "%(where)s refuses messages on this address (HTTP %(code)s): the webhook was switched off or its rights "
            "changed."
        )
    else:
        text = _("%(where)s did not accept the message (HTTP %(code)s).")
    text %= values
    # Slack names its refusal in one short code ("channel_not_found", "invalid_blocks"): worth passing on. Any
    # other answer stays out: the page is no place for what a remote server says.
    reason = response.content[:40].decode("ascii", "replace").strip()
    if kind == ChatChannel.SLACK and reason.replace("_", "").isalpha() and reason.islower():
        text += " " + _("Slack says: %(reason)s.") % {"reason": reason}
    return text, False


def retry_after(response, now):
    """How long a 429 or 503 asks us to wait (Retry-After in seconds or as a date), or None."""
    value = (response.headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return timedelta(seconds=min(int(value[:9]), MAX_WAIT.total_seconds()))
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return max(min(moment - now, MAX_WAIT), timedelta(0))


def _finish(delivery, status, error=""):
    delivery.status, delivery.error, delivery.next_attempt_at = status, error[:300], None
    delivery.save(update_fields=["status", "error", "next_attempt_at", "attempts", "sent_at"])
    return status


def _delivered(delivery, now):
    delivery.sent_at = now
    channel = delivery.channel
    channel.last_sent_at, channel.failures, channel.last_error, channel.last_error_at = now, 0, "", None
    fields = ["last_sent_at", "failures", "last_error", "last_error_at"]
    if delivery.kind == Delivery.TEST and channel.paused_at:
        channel.paused_at = None  # the test arrived: whatever was wrong is fixed
        fields.append("paused_at")
    channel.save(update_fields=fields)
    return _finish(delivery, Delivery.SENT)


def _failed(delivery, problem, retry, wait, now):
    channel = delivery.channel
    channel.last_error, channel.last_error_at = problem[:300], now
    channel.save(update_fields=["last_error", "last_error_at"])
    # A test message is not tried again: whoever sent it is looking at the page.
    if retry and delivery.kind != Delivery.TEST and delivery.attempts < MAX_ATTEMPTS:
        wait_for = max(BACKOFF[delivery.attempts - 1], wait or timedelta(0))
        delivery.error, delivery.next_attempt_at = problem[:300], now + min(wait_for, MAX_WAIT)
        delivery.save(update_fields=["error", "next_attempt_at", "attempts"])
        return Delivery.PENDING
    if delivery.kind != Delivery.TEST:
        ChatChannel.objects.filter(pk=channel.pk).update(failures=F("failures") + 1)
        channel.refresh_from_db(fields=["failures", "paused_at"])
        if channel.failures >= PAUSE_AFTER and channel.paused_at is None:
            _pause(channel, now)
    return _finish(delivery, Delivery.FAILED, problem)


def _pause(channel, now):
    """No more messages until someone looks: communications hears of it, in the app and by e-mail."""
    # Conditional, so two messages failing at the same moment pause (and tell) once.
    if not ChatChannel.objects.filter(pk=channel.pk, paused_at__isnull=True).update(paused_at=now):
        return
    channel.paused_at = now
    log(
        channel.organisation,
        None,
        "chat_channel_paused",
        name=channel.name,
        kind=channel.kind,
        failures=channel.failures,
    )
    text = _(
        "The %(where)s channel “%(name)s” is paused: %(n)s messages in a row could not be delivered. Last error: "
        "%(error)s"
    ) % {"where": WHERE[channel.kind], "name": channel.name, "n": channel.failures, "error": channel.last_error}
    link = reverse("chat_channel", args=[channel.pk])
    for person in User.members.filter(is_active=True, role_assignments__role=COMMUNICATIONS).distinct():
        notify(person, text, link=link, email_subject=_("Deelwijs: a Teams or Slack channel is paused"))


# The channels themselves

AUDITED = ["name", "kind", "webhook_url", "team", "sends_items", "sends_digest", "sends_webcare", "active"]


@transaction.atomic
def save_channel(actor, form):
    """Save a channel from its form and write the change in the audit log (which fields, never the address).

    A new address, or saving a paused channel as active, starts afresh: no pause, no failures counted. Returns the
    channel.
    """
    channel = form.save(commit=False)
    new = channel.pk is None
    channel.organisation = actor.organisation
    changed = [name for name in AUDITED if name in form.changed_data]
    if new or "webhook_url" in changed or (channel.active and channel.paused_at):
        channel.paused_at, channel.failures = None, 0
    channel.save()
    log(
        actor.organisation,
        actor,
        "chat_channel",
        name=channel.name,
        kind=channel.kind,
        team=channel.team.name if channel.team else "",
        new=new,
        fields=changed,
    )
    return channel


@transaction.atomic
def delete_channel(actor, channel):
    """Remove a channel with its deliveries; the audit log keeps its name."""
    log(actor.organisation, actor, "chat_channel_deleted", name=channel.name, kind=channel.kind)
    channel.delete()


def send_test(channel):
    """A test message, sent at once by a task, also to a paused or switched-off channel."""
    return queue(channel, Delivery.TEST)


def preview_cards(channel, now=None):
    """The cards this channel would get, for its page: [(label, card)]. Real items where there are some (they
    are the organisation's own, shown to communications); for webcare always a made-up example, so no inbox
    content is shown on this page."""
    now = now or timezone.now()
    policy = channel.organisation.guard_policy()
    shown = []
    items = (
        digest_items(channel_items(channel), digest_since(now)) if channel.sends_items or channel.sends_digest else []
    )
    if channel.sends_items:
        card = cards.item_card(items[0], policy, channel.team) if items else cards.example_item_card(channel.team)
        shown.append((_("A new item"), card))
    if channel.sends_digest:
        card = cards.digest_card(items, policy, channel.team) if items else cards.example_digest_card(channel.team)
        shown.append((_("The weekly digest"), card))
    if channel.sends_webcare:
        shown.append((_("An urgent webcare item"), cards.example_webcare_card(now)))
    shown.append((_("The test message"), cards.trial_card(channel)))
    return shown
