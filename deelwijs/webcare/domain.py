"""Business rules for webcare: matching and de-duplication, polling with back-off, the inbox, themes, the register."""

import difflib
import hashlib
import logging
import re
from collections import Counter
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.dispatch import receiver as connect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from stop_words import get_stop_words

from deelwijs.common.batches import batches
from deelwijs.content.domain import release_images
from deelwijs.orgs import pickers
from deelwijs.orgs.domain import notify
from deelwijs.orgs.models import Team, User
from deelwijs.orgs.offboarding import Effect, closing
from deelwijs.orgs.permissions import (
    can_handle_inbox,
    can_keep_register,
    can_manage_content,
    can_read_every_register_entry,
)
from deelwijs.orgs.roles import COMMUNICATIONS, MANAGER, WEBCARE
from deelwijs.push import domain as push
from deelwijs.push.models import REPORT, URGENT

from .adapters import READERS, RateLimited, SourceError
from .models import Conversation, ConversationView, InboxEvent, InboxItem, Source
from .signals import URGENT_PRIORITIES, urgent_item

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=24)
SIMILAR = 0.9  # texts this alike count as the same post (a repost, a copied news item)


# Matching and de-duplication
def watch_terms(organisation):
    """The organisation's names, its locations, and the extra terms communications added."""
    terms = {organisation.name, *organisation.locations.values_list("name", flat=True)}
    terms |= {line.strip() for line in organisation.monitor_terms.splitlines() if line.strip()}
    return sorted(t for t in terms if len(t) >= 3)


def matcher(terms):
    if not terms:
        return lambda text: False
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE)
    return lambda text: bool(pattern.search(text or ""))


def normalise(text):
    text = re.sub(r"https?://\S+", " ", (text or "").lower())
    return " ".join(re.findall(r"\w+", text))[:500]


def fingerprint(text):
    return hashlib.sha256(normalise(text).encode()).hexdigest()


def is_duplicate(organisation, mention, recent):
    """Seen before: the same link, the same text, or a text at least 90% alike among the recent ones."""
    if mention.url and InboxItem.objects.filter(url=mention.url).exists():
        return True
    if InboxItem.objects.filter(fingerprint=fingerprint(mention.text)).exists():
        return True
    words = normalise(mention.text)
    return any(_alike(words, other) for other in recent)


def _alike(words, other):
    matcher = difflib.SequenceMatcher(None, words, other)
    return matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR  # the cheap bound first


def store_mentions(source, mentions):
    """Keep the mentions that name the organisation and are new. Returns the items made."""
    organisation = source.organisation
    matches = matcher(watch_terms(organisation))
    since = timezone.now() - timedelta(days=3)
    recent = [normalise(t) for t in InboxItem.objects.filter(created__gte=since).values_list("text", flat=True)[:300]]
    made = []
    for mention in mentions:
        if not matches(f"{mention.text} {mention.author}") or is_duplicate(organisation, mention, recent):
            continue
        made.append(
            InboxItem.objects.create(
                organisation=organisation,
                kind=InboxItem.MENTION,
                source=source,
                url=mention.url[:1000],
                author=mention.author[:200],
                text=mention.text[:5000],
                published=mention.published,
                fingerprint=fingerprint(mention.text),
            )
        )
        recent.append(normalise(mention.text))
    return made


# Polling
# What a poll changes on a source: saved alone, so an edit on the sources page meanwhile is kept.
POLLED_FIELDS = ["last_polled", "last_success", "failures", "last_error", "next_poll", "cursor", "etag", "modified"]


def backoff(source):
    return min(timedelta(minutes=source.interval_minutes) * (2 ** min(source.failures, 10)), MAX_BACKOFF)


def claim(source, now):
    """Take the source for this worker, so two workers never poll it at once (works on SQLite and PostgreSQL)."""
    lease = now + timedelta(minutes=5)
    return Source.objects.filter(pk=source.pk, next_poll=source.next_poll).update(next_poll=lease) == 1


def poll(source, now=None):
    """Read one source and store what is new. A failure is recorded on the source and never raised."""
    now = now or timezone.now()
    source.last_polled = now
    try:
        mentions = READERS[source.kind](source)
        made = store_mentions(source, mentions)
    except RateLimited as limited:
        source.next_poll = max(limited.retry_at, now + timedelta(minutes=1))
        source.last_error = _("The network asks us to wait until %(time)s.") % {
            "time": timezone.localtime(source.next_poll).strftime("%H:%M")
        }
        source.save(update_fields=POLLED_FIELDS)
        return 0
    except SourceError as error:
        source.failures += 1
        source.last_error = str(error)[:300]
        source.next_poll = now + backoff(source)
        source.save(update_fields=POLLED_FIELDS)
        return 0
    except Exception as error:  # one broken source must not stop the others
        logger.exception("source %s failed", source.pk)
        source.failures += 1
        source.last_error = type(error).__name__
        source.next_poll = now + backoff(source)
        source.save(update_fields=POLLED_FIELDS)
        return 0
    source.failures, source.last_error, source.last_success = 0, "", now
    source.next_poll = now + timedelta(minutes=source.interval_minutes)
    source.save(update_fields=POLLED_FIELDS)
    return len(made)


def poll_due(now=None):
    """Poll every active source whose time has come. Returns the number of new items."""
    now = now or timezone.now()
    found = 0
    for source in Source.objects.filter(active=True, next_poll__lte=now).select_related("organisation"):
        if claim(source, now):
            found += poll(source, now)
    return found


# The inbox
def log_event(item, actor, text, kind=InboxEvent.CHANGE):
    return InboxEvent.objects.create(item=item, actor=actor, kind=kind, text=text[:2000])


@transaction.atomic
def report_signal(person, url, description, urgency, screenshot=None):
    """A colleague reports something they saw online: webcare is notified, and told elsewhere too when it cannot
    wait (webcare.signals.urgent_item)."""
    item = InboxItem.objects.create(
        organisation=person.organisation,
        kind=InboxItem.SIGNAL,
        reporter=person,
        url=url,
        text=description,
        screenshot=screenshot,
        priority=urgency,
        fingerprint=fingerprint(description),
    )
    handlers = list(User.members.filter(is_active=True, role_assignments__role=WEBCARE).distinct())
    for handler in handlers:
        notify(handler, _("A colleague reported something seen online."), link=reverse("inbox_item", args=[item.pk]))
    if item.priority in URGENT_PRIORITIES:
        urgent_item.send(sender=InboxItem, item=item)
    # The reporter's most urgent choice is "now: it is spreading or it hurts someone" (high).
    if urgency in (InboxItem.HIGH, InboxItem.URGENT):
        _push_urgent(handlers, item, URGENT_REPORTED)
    return item


# What webcare's phones say of an urgent item: what kind of thing it is, never what was reported.
URGENT_REPORTED = gettext_lazy("A colleague reported something urgent seen online.")
MADE_URGENT = gettext_lazy("An item in the webcare inbox was made urgent.")


def _push_urgent(handlers, item, text):
    with override("nl"):
        for handler in handlers:
            push.send(handler, URGENT, _("Urgent in webcare"), str(text), reverse("inbox_item", args=[item.pk]))


@transaction.atomic
def update(actor, item, status=None, priority=None, assigned_to=None, feedback=""):
    """Change what changed, with an event for each; the reporter hears when their signal is answered or closed;
    an item raised to high or urgent is told elsewhere too (webcare.signals.urgent_item).

    One transaction: the fields, the events and the notifications are saved together or not at all.
    """
    changes, fields = [], []
    if assigned_to is not None and assigned_to != item.assigned_to:
        item.assigned_to = assigned_to
        fields.append("assigned_to")
        changes.append(_("Assigned to %(name)s.") % {"name": assigned_to.full_name})
        if assigned_to != actor:
            notify(assigned_to, _("A webcare item was assigned to you."), link=reverse("inbox_item", args=[item.pk]))
    if priority and priority != item.priority:
        item.priority = priority
        item.due_at = item.created + timedelta(hours=InboxItem.DUE_HOURS[priority])
        fields += ["priority", "due_at"]
        changes.append(_("Priority: %(p)s.") % {"p": item.get_priority_display()})
        if priority == InboxItem.URGENT and item.status not in InboxItem.HANDLED:
            others = User.members.filter(is_active=True, role_assignments__role=WEBCARE).exclude(pk=actor.pk)
            _push_urgent(others.distinct(), item, MADE_URGENT)
    if status and status != item.status:
        item.status = status
        fields.append("status")
        changes.append(_("Status: %(s)s.") % {"s": item.get_status_display()})
        fields += _mark_handled(item)
    # Taken up: the first change of status, or the first word to the reporter (assigning alone is not).
    if ("status" in fields or feedback.strip()) and item.responded_at is None:
        item.responded_at = timezone.now()
        fields.append("responded_at")
    if fields:
        item.save(update_fields=fields)
    if "priority" in fields and item.priority in URGENT_PRIORITIES:
        urgent_item.send(sender=InboxItem, item=item)
    for text in changes:
        log_event(item, actor, text)
    if feedback.strip():
        log_event(item, actor, feedback.strip(), InboxEvent.FEEDBACK)
    if item.reporter and (feedback.strip() or status in (InboxItem.ANSWERED, InboxItem.CLOSED)):
        notify(
            item.reporter,
            _("There is news about what you reported: %(status)s.") % {"status": item.get_status_display()},
            link=reverse("my_signals"),
        )
        # Webcare's feedback stays in the app: it may quote what was reported.
        with override("nl"):
            push.send(
                item.reporter,
                REPORT,
                _("Your report"),
                _("There is news about what you reported: %(status)s.") % {"status": item.get_status_display()},
                reverse("my_signals"),
            )
    return changes


@transaction.atomic
def escalate(actor, item, to, person=None, reason=""):
    """Hand a derailing discussion to communications or to a manager for a conversation.

    One transaction: the item, its event and the notifications are saved together or not at all.
    """
    item.status, item.escalated_to = InboxItem.ESCALATED, to
    item.escalated_person = person if to == InboxItem.TO_MANAGER else None
    item.responded_at = item.responded_at or timezone.now()
    item.save(update_fields=["status", "escalated_to", "escalated_person", "responded_at", *_mark_handled(item)])
    if to == InboxItem.TO_MANAGER and person:
        receivers = [person]
    else:
        receivers = list(User.members.filter(is_active=True, role_assignments__role=COMMUNICATIONS).distinct())
    for receiver in receivers:
        notify(
            receiver,
            _("Webcare escalated an item to you: %(reason)s") % {"reason": reason or item.text[:80]},
            link=reverse("inbox_item", args=[item.pk]),
            email_subject=_("Deelwijs: an escalated webcare item"),
        )
    log_event(
        item,
        actor,
        _("Escalated to %(to)s. %(reason)s")
        % {"to": person.full_name if person else item.get_escalated_to_display(), "reason": reason},
    )


def _mark_handled(item):
    """After a status change: when the item was first answered or closed, forgotten again if it is reopened.
    Returns the fields it changed."""
    if item.status in InboxItem.HANDLED and item.handled_at is None:
        item.handled_at = timezone.now()
        return ["handled_at"]
    if item.status not in InboxItem.HANDLED and item.handled_at is not None:
        item.handled_at = None
        return ["handled_at"]
    return []


def period_figures(first, last):
    """What came into the inbox from day ``first`` to day ``last`` (Europe/Amsterdam) and how it was handled.

    Returns a dict: ``mentions`` and ``signals`` (found in the sources and reported by colleagues), ``total``,
    ``handled`` (answered or closed), ``open``, ``responded`` (taken up at all), ``median_response`` (a
    timedelta from coming in to being taken up, over the items taken up; None without any), and
    ``on_time``/``due`` with ``on_time_percent``: of the items whose deadline has passed or that were
    handled, how many were handled by their deadline (None when there are none). Read with a few queries;
    the response times of one period are read as a list, which a quarter's inbox keeps small.
    """
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    items = InboxItem.objects.filter(created__gte=start, created__lt=end)
    now = timezone.now()
    counts = items.aggregate(
        mentions=Count("pk", filter=Q(kind=InboxItem.MENTION)),
        signals=Count("pk", filter=Q(kind=InboxItem.SIGNAL)),
        handled=Count("pk", filter=Q(status__in=InboxItem.HANDLED)),
        responded=Count("pk", filter=Q(responded_at__isnull=False)),
        due=Count("pk", filter=Q(status__in=InboxItem.HANDLED) | Q(due_at__lte=now)),
        on_time=Count("pk", filter=Q(handled_at__isnull=False, handled_at__lte=F("due_at"))),
    )
    waits = sorted(
        responded - created
        for created, responded in items.exclude(responded_at=None).values_list("created", "responded_at")
    )
    total = counts["mentions"] + counts["signals"]
    return {
        **counts,
        "total": total,
        "open": total - counts["handled"],
        "median_response": _median(waits),
        "on_time_percent": round(100 * counts["on_time"] / counts["due"]) if counts["due"] else None,
    }


def _median(values):
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def visible_items(person):
    items = InboxItem.objects.all()
    if can_handle_inbox(person):
        return items
    return items.filter(escalated_person=person)


# Retention (applied every night by jobs.retention, with the organisation's periods)
def _quiet_since(items, before):
    """The items with no action (an event: a note, a change, feedback) since `before`, nor made since."""
    last = Greatest("created", Coalesce(Max("events__created"), "created"))
    return items.annotate(last_action=last).filter(last_action__lt=before)


def _ids(queryset):
    return list(queryset.order_by().values_list("pk", flat=True))


@transaction.atomic
def forget_mentions(before):
    """Wipe what third parties wrote and colleagues reported from items with no action since `before`.

    The text, the writer, the link and the screenshot go; the item (kind, status, dates, who handled it,
    its notes) stays until the inbox's own retention, and so does the fingerprint (a hash) that keeps the
    same post from coming in again. Returns how many items were wiped.
    """
    has_content = ~Q(text="", author="", url="", screenshot=None)
    ids = _ids(_quiet_since(InboxItem.objects.filter(has_content), before))
    for batch in batches(ids):
        items = InboxItem.objects.filter(pk__in=batch)
        screenshots = list(items.exclude(screenshot=None).values_list("screenshot_id", flat=True))
        items.update(text="", author="", url="", screenshot=None)
        release_images(screenshots)
    return len(ids)


@transaction.atomic
def forget_handled_items(before):
    """Delete handled items (not open) with no action since `before`, with their events and screenshots.

    Returns how many items were deleted.
    """
    ids = _ids(_quiet_since(InboxItem.objects.exclude(status__in=InboxItem.OPEN), before))
    for batch in batches(ids):
        InboxItem.objects.filter(pk__in=batch).delete()  # row by row for the signals: screenshots go too
    return len(ids)


@transaction.atomic
def forget_screenshots(before):
    """Delete the screenshots of handled items with no action since `before`. Returns how many."""
    handled = InboxItem.objects.exclude(status__in=InboxItem.OPEN).exclude(screenshot=None)
    deleted = 0
    for batch in batches(_ids(_quiet_since(handled, before))):
        items = InboxItem.objects.filter(pk__in=batch)
        screenshots = list(items.values_list("screenshot_id", flat=True))
        items.update(screenshot=None)
        deleted += release_images(screenshots)
    return deleted


@transaction.atomic
def forget_conversations(before):
    """Delete register entries whose outcome was written down before the day `before`, with the log of who
    read them. Entries without an outcome stay. Returns how many were deleted."""
    ids = _ids(Conversation.objects.filter(outcome_on__lt=before))
    for batch in batches(ids):
        Conversation.objects.filter(pk__in=batch).delete()
    return len(ids)


# Themes
# Web leftovers and common words that the stop word list does not hold.
NOISE = {
    "http",
    "https",
    "www",
    "com",
    "nl",
    "rt",
    "via",
    "amp",
    "nbsp",
    "we",
    "wij",
    "jullie",
    "onze",
    "ons",
    "weer",
    "wanneer",
    "gaat",
    "komt",
    "echt",
    "heel",
    "wel",
    "zo",
    "nu",
    "jaar",
    "dag",
    "vandaag",
    "lange",
    "langer",
}


def stop_words():
    return set(get_stop_words("dutch")) | NOISE


# A handle or an address in a text (@name, @name@server, name@example.nl): left out where authors are.
HANDLE = re.compile(r"\S*@\S*")


def themes(organisation, days, limit=15, kinds=None, without_authors=False, least=1):
    """The most frequent meaningful words and two-word phrases of the last days, without stop words.

    ``kinds`` keeps only mentions or only reports (both by default). ``without_authors`` is for pages that must
    never name outside people (the community's "what is being talked about"): every word of every author's name
    of those days is left out too, and so is every handle or address in the texts. A word counts only when it
    comes in at least ``least`` posts; phrases always need two.
    """
    stops = stop_words() | {w.lower() for term in watch_terms(organisation) for w in re.findall(r"\w+", term)}
    since = timezone.now() - timedelta(days=days)
    items = InboxItem.objects.filter(created__gte=since)
    if kinds:
        items = items.filter(kind__in=kinds)
    rows = list(items.values_list("text", "author")[:5000])
    if without_authors:
        stops |= {word for _text, author in rows for word in re.findall(r"[^\W\d_]+", normalise(author))}
    words, phrases = Counter(), Counter()
    for text, _author in rows:
        if without_authors:
            text = HANDLE.sub(" ", text or "")
        tokens = re.findall(r"[^\W\d_]{3,}", normalise(text))
        kept = [t for t in tokens if t not in stops]
        words.update(set(kept))
        phrases.update(
            {f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False) if a not in stops and b not in stops}
        )
    return {
        "words": [(w, n) for w, n in words.most_common(limit) if n >= least],
        "phrases": [(p, n) for p, n in phrases.most_common(limit) if n >= 2][:10],
    }


# Who may be chosen (orgs.pickers)


def choosable_handlers(organisation):
    """Whom an inbox item may be assigned to: webcare and communications. A few people: the item's page offers
    them in a list."""
    return pickers.holding(organisation, [WEBCARE, COMMUNICATIONS]).order_by("first_name", "last_name")


def choosable_managers(organisation):
    """To whom an item may be escalated by name: people with the manager role."""
    return pickers.holding(organisation, [MANAGER])


def choosable_employees(recorder):
    """With whom a conversation about a post may be recorded: staff (the register is about colleagues, never
    clients or volunteers), never the recorder. A manager records conversations with the people of their own
    teams; communications with anyone."""
    people = pickers.staff(recorder.organisation).exclude(pk=recorder.pk)
    if not can_manage_content(recorder):
        people = people.filter(teams__in=Team.objects.filter(managers=recorder)).distinct()
    return people


pickers.register("leidinggevende", can_handle_inbox, lambda chooser: choosable_managers(chooser.organisation))
pickers.register("medewerker", can_keep_register, choosable_employees)


# The register (aanspreken)
def may_see_conversation(person, entry):
    if entry.organisation_id != person.organisation_id:
        return False
    if can_read_every_register_entry(person) or entry.recorded_by_id == person.pk or entry.employee_id == person.pk:
        return True
    return entry.employee.teams.filter(managers=person).exists()


def visible_conversations(person):
    entries = Conversation.objects.all()
    if can_read_every_register_entry(person):
        return entries
    return entries.filter(Q(recorded_by=person) | Q(employee=person) | Q(employee__teams__managers=person)).distinct()


def record_view(entry, person):
    ConversationView.objects.create(conversation=entry, viewer=person)


@connect(closing)
def _close_account_assignments(sender, person, apply, **kwargs):
    """Closing an account: open inbox items assigned or escalated to the person go back to nobody, each with a
    warning so webcare picks it up. Closed items keep their history."""
    items = list(
        InboxItem.objects.filter(Q(assigned_to=person) | Q(escalated_person=person), status__in=InboxItem.OPEN)
    )
    effects = [
        Effect(
            _("Open webcare item “%(item)s” is assigned to nobody after this.") % {"item": str(item)[:60]},
            warning=True,
            link=reverse("inbox_item", args=[item.pk]),
            key="inbox_items",
            count=1,
        )
        for item in items
    ]
    if apply:
        for item in items:
            if item.assigned_to_id == person.pk:
                item.assigned_to = None
            if item.escalated_person_id == person.pk:
                item.escalated_person = None
            item.save(update_fields=["assigned_to", "escalated_person"])
    return effects
