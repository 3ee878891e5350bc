"""Business rules for planning: who sees which posts, the post check, moving, events, recurrence, reminders."""

from datetime import datetime, time, timedelta

from dateutil import rrule
from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, override

from deelwijs.consent import domain as consent
from deelwijs.consent.models import ORGANISATION_SOCIAL, STAFF_SOCIAL
from deelwijs.consent.uses import Shared, Use, photos_ending, photos_in_use
from deelwijs.content import photochecks
from deelwijs.content.domain import may_override, override_key
from deelwijs.content.models import SHARE_NETWORK_LABELS, SHARE_NETWORKS, ContentItem, Image, SuggestedText
from deelwijs.guard import PLATFORMS, check
from deelwijs.orgs import pickers
from deelwijs.orgs.domain import log, notify
from deelwijs.orgs.offboarding import Effect, closing
from deelwijs.orgs.permissions import can_choose_pilot_leads, can_plan_everything, can_plan_for_team, can_see_plan
from deelwijs.orgs.roles import AMBASSADOR, COMMUNICATIONS
from deelwijs.push import domain as push
from deelwijs.push.models import REMINDER
from deelwijs.sharing import domain as sharing
from deelwijs.sharing.models import Click, Share

from .models import CalendarFeed, Meeting, PlannedPost, RecurringActivity

HORIZON_DAYS = 62  # recurring activities are planned this far ahead


def visible_posts(person, queryset=None):
    """Communications sees the whole plan; others their teams' posts and the ones they are responsible for."""
    queryset = (queryset if queryset is not None else PlannedPost.objects).filter(
        organisation_id=person.organisation_id
    )
    if can_plan_everything(person):
        return queryset
    return queryset.filter(Q(responsible=person) | Q(team__in=person.teams.all())).distinct()


def can_edit(person, post):
    if post.organisation_id != person.organisation_id:
        return False
    if can_plan_everything(person) or post.responsible_id == person.pk:
        return True
    return bool(post.team_id) and can_plan_for_team(person) and person.teams.filter(pk=post.team_id).exists()


# Who may be chosen in the plan (orgs.pickers)


def choosable_responsible(organisation):
    """Who may be responsible for a planned post, an event or a recurring activity: staff, who see the plan and
    get its reminders. The calendar's filter by responsible person offers the same people."""
    return pickers.staff(organisation)


def choosable_communications_leads(organisation):
    """A pilot's lead from communications: someone with the communications role."""
    return pickers.holding(organisation, [COMMUNICATIONS])


def choosable_ambassador_leads(organisation):
    """A pilot's lead content ambassador: someone with the ambassador role."""
    return pickers.holding(organisation, [AMBASSADOR])


pickers.register("verantwoordelijke", can_see_plan, lambda chooser: choosable_responsible(chooser.organisation))
pickers.register(
    "trekker-communicatie",
    can_choose_pilot_leads,
    lambda chooser: choosable_communications_leads(chooser.organisation),
)
pickers.register(
    "trekker-ambassadeur", can_choose_pilot_leads, lambda chooser: choosable_ambassador_leads(chooser.organisation)
)


def local_day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def platform_of(post):
    platform = post.account.platform if post.account_id else "linkedin"
    return platform if platform in PLATFORMS else "linkedin"


def check_post(organisation, post):
    """The post check for a planned post's text, for the network it goes to."""
    return check(post.text, platform_of(post), organisation.guard_policy())


@transaction.atomic
def save_post(actor, post, override_reason="", photo=None):
    """Save a planned post. A block finding stops the save unless communications gives a reason to keep it
    (content.domain.may_override); the reason is kept with the fingerprint of the text and platform it was
    given for, and logged. A text kept before and not changed since (same text, same platform) is neither
    asked for nor logged again.

    ``photo`` is a new photo as (images.process() sizes, description): it becomes an Image only once the
    post is saved, so a blocked post leaves no photo on disk, and is queued for the photo check. Returns the
    report of the check when it stopped the save, else None.
    """
    report = check_post(actor.organisation, post) if post.text.strip() else None
    key = override_key(post.text, platform_of(post))
    newly_kept = report is not None and report.blocked and post.override_key != key
    if newly_kept and not may_override(actor, override_reason):
        return report
    if photo is not None:
        post.image = Image.from_processed(actor.organisation, *photo)
        photochecks.request_check(post.image)
    post.organisation = actor.organisation
    if post.created_by_id is None:
        post.created_by = actor
    if newly_kept:
        post.override_reason, post.override_key = override_reason.strip(), key
    elif report is None or not report.blocked:
        post.override_reason, post.override_key = "", ""
    post.save()
    if newly_kept:
        log(
            actor.organisation,
            actor,
            "check_override",
            post=post.label,
            post_id=post.pk,
            date=timezone.localtime(post.scheduled_at).isoformat() if post.scheduled_at else None,
            categories=list(report.categories),
            reason=post.override_reason,
        )
    sync_item(post)
    return None


def editor_preview(text, chosen_account, accounts):
    """The planned-post editor's preview and counter, for the account chosen in the form (its pk as typed, or
    empty for the ambassadors' feed), and what every other choice means for the script that follows the form.
    A corporate account's post gets no tracked link, so nothing is appended."""
    targets = {"": {"network": "linkedin", "label": "LinkedIn", "name": _("Ambassadors' feed")}}
    for account in accounts:
        targets[str(account.pk)] = {
            "network": sharing.counted_network(account.platform),
            "label": account.get_platform_display(),
            "name": account.handle,
        }
    target = targets.get(str(chosen_account or ""), targets[""])
    return {
        "preview": sharing.preview(target["network"], target["name"], target["label"]),
        "counter": sharing.counter(text, target["network"]),
        "counter_data": sharing.counter_data(target["network"], targets=targets),
    }


def consent_channels(account, for_ambassadors):
    """Where a planned post's photo goes: a corporate account is the organisation's social media; the
    ambassadors' feed is shared on staff's own networks."""
    return [c for c, wanted in ((ORGANISATION_SOCIAL, account), (STAFF_SOCIAL, for_ambassadors)) if wanted]


def photo_verdict(organisation, image, account, for_ambassadors, new_photo=False):
    """What the photo consent says about planning this photo; a photo just uploaded has nothing recorded yet."""
    return consent.verdict(organisation, image, consent_channels(account, for_ambassadors), new_photo=new_photo)


# A photo without valid consent may be an idea or a draft; where the organisation blocks, it cannot be ready.
CONSENT_BLOCKS_STATUSES = (PlannedPost.READY, PlannedPost.PUBLISHED)


def sync_item(post):
    """A ready post for the ambassadors becomes a content item that appears in the feed at its time, with the
    post's text for every network it is planned for (PlannedPost.feed_network_list), and its corporate account's
    network too. Texts of networks no longer chosen go; a text communications added beside one stays."""
    wanted = post.for_ambassadors and post.status in (PlannedPost.READY, PlannedPost.PUBLISHED) and post.text.strip()
    if not wanted:
        # Saved, not updated in bulk: the public copy of the item's photo goes with its publication.
        for item in ContentItem.objects.filter(pk=post.item_id, published=True) if post.item_id else ():
            item.published = False
            item.save(update_fields=["published"])
        return
    item = post.item or ContentItem(organisation=post.organisation, created_by=post.created_by)
    item.title = post.title or post.label
    item.starts_at = post.scheduled_at
    item.campaign_id = post.campaign_id
    item.image_id = post.image_id
    item.published = True
    item.save()
    if post.team_id:
        item.audience_teams.set([post.team_id])
    networks = post.feed_network_list
    if post.account_id and post.account.platform in SHARE_NETWORK_LABELS and post.account.platform not in networks:
        networks.append(post.account.platform)
    existing = {}
    for text in item.suggested_texts.order_by("pk"):
        existing.setdefault(text.network, text)
    item.suggested_texts.exclude(network__in=networks).delete()
    for network in networks:
        text = existing.get(network)
        if text is None:
            SuggestedText.objects.create(item=item, network=network, text=post.text)
        elif text.text != post.text:
            text.text = post.text
            text.save(update_fields=["text"])
    if post.item_id != item.pk:
        PlannedPost.objects.filter(pk=post.pk).update(item=item)
        post.item = item


def _on_day(moment, day, hour=None):
    """The same local time on another day (at another hour, with the same minutes, when hour is given)."""
    at = timezone.localtime(moment).time()
    return timezone.make_aware(datetime.combine(day, at if hour is None else at.replace(hour=hour)))


@transaction.atomic
def move_post(actor, post, day, hour=None):
    """Move a post to another day at the same local time, or to another hour of it; nothing else changes."""
    local = timezone.localtime(post.scheduled_at)
    post.scheduled_at = _on_day(post.scheduled_at, day, hour)
    post.save()
    sync_item(post)
    moment = timezone.localtime(post.scheduled_at)
    when = day.isoformat() if hour is None else f"{day.isoformat()} {moment:%H:%M}"
    log(
        actor.organisation,
        actor,
        "post_moved",
        post=post.label,
        post_id=post.pk,
        **{"from": local.date().isoformat(), "to": when},
    )
    return post


def _naive_local(moment):
    return timezone.localtime(moment).replace(tzinfo=None)


@transaction.atomic
def move_event_posts(actor, event, old_start):
    """The event moved from ``old_start``: its posts that are not published or cancelled move with it, by the
    same days and hours on the clock (also across a change to summer or winter time), each with its feed item
    and a new reminder, and each move in the audit log. Returns the moved posts, in order."""
    shift = _naive_local(event.starts_at) - _naive_local(old_start)
    if not shift:
        return []
    moved = []
    for post in event.posts.filter(status__in=PlannedPost.OPEN).order_by("scheduled_at", "pk"):
        before = _naive_local(post.scheduled_at)
        post.scheduled_at = timezone.make_aware(before + shift)
        post.save()
        sync_item(post)
        moved.append(post)
        log(
            actor.organisation,
            actor,
            "post_moved",
            post=post.label,
            post_id=post.pk,
            **{"from": before.isoformat(timespec="minutes"), "to": (before + shift).isoformat(timespec="minutes")},
        )
    return moved


# What a copy of a planned post takes over; the status, a kept block's reason, the event's moment, the recurrence
# and the feed item stay with the original.
COPIED_FIELDS = (
    "title",
    "text",
    "image",
    "account",
    "for_ambassadors",
    "feed_networks",
    "campaign",
    "team",
    "responsible",
    "pilot",
)


@transaction.atomic
def duplicate_post(actor, post, day):
    """Copy a planned post to another day at the same time, as a draft (an idea when it has no text yet): the same
    account, text, photo (the same stored photo, not a new file) and campaign, not its status nor a reason given
    to keep a blocked text, so the copy's text is checked again when it is saved. Logged.

    Returns the copy."""
    copy = PlannedPost(
        organisation=post.organisation,
        scheduled_at=_on_day(post.scheduled_at, day),
        status=PlannedPost.DRAFT if post.text.strip() else PlannedPost.IDEA,
        remind_hours=post.remind_hours,
        created_by=actor,
        **{field: getattr(post, field) for field in COPIED_FIELDS},
    )
    copy.save()
    log(
        actor.organisation,
        actor,
        "post_duplicated",
        post=post.label,
        post_id=post.pk,
        copy_id=copy.pk,
        to=day.isoformat(),
    )
    return copy


# Events: the posts before, during and after, proposed when the event is made.
EVENT_POSTS = [
    ("announce", PlannedPost.BEFORE, timedelta(days=-14), "09:30", gettext_lazy("Announcement")),
    ("reminder", PlannedPost.BEFORE, timedelta(days=-2), "09:30", gettext_lazy("Reminder: two more days")),
    ("live", PlannedPost.DURING, timedelta(0), None, gettext_lazy("Live from the event")),
    ("thanks", PlannedPost.AFTER, timedelta(days=1), "10:00", gettext_lazy("Thank you, with the results")),
    ("next", PlannedPost.NEXT, timedelta(days=14), "10:00", gettext_lazy("Announcing the next edition")),
]


def event_post_choices():
    return [(key, f"{label} ({_describe_offset(offset)})") for key, _phase, offset, _at, label in EVENT_POSTS]


def _describe_offset(offset):
    """ "de dag erna", "2 weken ervoor": whole weeks in weeks, one day as a word."""
    days = offset.days
    if days == 0:
        return _("on the day")
    if abs(days) % 7 == 0:
        weeks = abs(days) // 7
        if days < 0:
            return ngettext("a week before", "%(n)d weeks before", weeks) % {"n": weeks}
        return ngettext("a week after", "%(n)d weeks after", weeks) % {"n": weeks}
    if days < 0:
        return ngettext("the day before", "%(n)d days before", -days) % {"n": -days}
    return ngettext("the day after", "%(n)d days after", days) % {"n": days}


@transaction.atomic
def propose_event_posts(actor, event, keys):
    """Create the chosen before/during/after posts as ideas for the responsible person to fill."""
    start = timezone.localtime(event.starts_at)
    created = []
    for key, phase, offset, at, label in EVENT_POSTS:
        if key not in keys:
            continue
        day = (start + offset).date()
        moment = time.fromisoformat(at) if at else start.time()
        created.append(
            PlannedPost.objects.create(
                organisation=event.organisation,
                event=event,
                phase=phase,
                status=PlannedPost.IDEA,
                title=f"{event.title}: {label}",
                scheduled_at=timezone.make_aware(datetime.combine(day, moment)),
                responsible=event.responsible,
                account=event.account,
                campaign=event.campaign,
                team=event.team,
                created_by=actor,
            )
        )
    return created


# Recurring activities
def rule_for(activity):
    start = datetime.combine(activity.starts_on, activity.time)
    until = datetime.combine(activity.ends_on, time.max) if activity.ends_on else None
    if activity.frequency == RecurringActivity.WEEKLY:
        # Count the weeks from the first matching weekday, so "every other Wednesday" starts on the first one.
        start += timedelta(days=(activity.weekday - start.weekday()) % 7)
        return rrule.rrule(
            rrule.WEEKLY, interval=max(activity.interval, 1), byweekday=activity.weekday, dtstart=start, until=until
        )
    if activity.frequency == RecurringActivity.MONTHLY_WEEKDAY:
        return rrule.rrule(
            rrule.MONTHLY, byweekday=rrule.weekday(activity.weekday)(activity.ordinal), dtstart=start, until=until
        )
    # The 31st in a short month falls on the month's last day.
    return rrule.rrule(
        rrule.MONTHLY,
        bymonthday=(activity.day_of_month, -1) if activity.day_of_month > 28 else activity.day_of_month,
        bysetpos=1 if activity.day_of_month > 28 else None,
        dtstart=start,
        until=until,
    )


def occurrences(activity, start, end):
    """The local datetimes on which the activity happens, start <= day <= end (dates)."""
    return rule_for(activity).between(datetime.combine(start, time.min), datetime.combine(end, time.max), inc=True)


@transaction.atomic
def plan_occurrences(activity, until=None, since=None):
    """Create the posts of a recurring activity up to the horizon; occurrences planned before are left alone."""
    today = since or timezone.localdate()
    until = until or today + timedelta(days=HORIZON_DAYS)
    if not activity.active:
        return 0
    done = set(activity.posts.values_list("occurrence", flat=True))
    new = [
        PlannedPost(
            organisation=activity.organisation,
            recurring=activity,
            occurrence=moment.date(),
            title=activity.title,
            text=activity.text,
            status=PlannedPost.IDEA,
            scheduled_at=timezone.make_aware(moment),
            account=activity.account,
            for_ambassadors=activity.for_ambassadors,
            team=activity.team,
            responsible=activity.responsible,
        )
        for moment in occurrences(activity, max(today, activity.starts_on), until)
        if moment.date() not in done
    ]
    for post in new:
        post.save()
    return len(new)


def drop_future_ideas(activity):
    """When a recurring activity changes, its untouched future ideas are planned again from the new rule."""
    activity.posts.filter(status=PlannedPost.IDEA, scheduled_at__gte=timezone.now(), text=activity.text).delete()


# Reminders and overdue posts
def send_reminders(now=None):
    """Notify (in the app and by e-mail) the responsible person of every post whose reminder time has come."""
    now = now or timezone.now()
    due = PlannedPost.objects.filter(
        remind_at__lte=now,
        reminded_at__isnull=True,
        scheduled_at__gt=now,
        status__in=PlannedPost.OPEN,
        responsible__isnull=False,
        responsible__is_active=True,
    ).select_related("responsible", "account")
    sent = 0
    for post in due:
        when = timezone.localtime(post.scheduled_at).strftime("%d-%m-%Y %H:%M")
        link = reverse("post_edit", kwargs={"pk": post.pk})
        notify(
            post.responsible,
            _("Reminder: “%(post)s” is planned for %(when)s (%(status)s).")
            % {"post": post.label, "when": when, "status": post.get_status_display()},
            link=link,
            email_subject=_("Deelwijs: a planned post is due soon"),
        )
        # Without the post's title (a lock screen shows it); of no use once the post's time has passed.
        with override("nl"):
            push.send(
                post.responsible,
                REMINDER,
                _("Reminder"),
                _("A post you are responsible for is planned for %(when)s.") % {"when": when},
                link,
                expires_at=post.scheduled_at,
                now=now,
            )
        PlannedPost.objects.filter(pk=post.pk).update(reminded_at=now)
        sent += 1
    return sent


def overdue_posts(organisation):
    """Open posts whose time has passed, but for the ones that go live on their own (PlannedPost.publishes_itself)."""
    return (
        PlannedPost.objects.filter(status__in=PlannedPost.OPEN, scheduled_at__lt=timezone.now())
        .exclude(status=PlannedPost.READY, for_ambassadors=True, account__isnull=True)
        .select_related("responsible", "account")
    )


def publish_feed_posts(now=None):
    """Ready posts for the ambassadors' feed alone whose time has come are published: their feed item is live
    now (its item shows it already; this only says so in the plan). Returns how many."""
    now = now or timezone.now()
    due = PlannedPost.objects.filter(
        status=PlannedPost.READY, for_ambassadors=True, account__isnull=True, scheduled_at__lte=now
    ).select_related("item")
    published = 0
    for post in due:
        if post.item_id is None or not post.item.is_live(now):
            continue  # no text yet, or the item was taken out of the feed by hand: not published
        post.status = PlannedPost.PUBLISHED
        post.save(update_fields=["status"])
        published += 1
    return published


# Meetings
def ensure_next_meeting(meeting):
    """A recurring meeting always has its next one planned."""
    if not meeting.interval_weeks or hasattr(meeting, "next"):  # hasattr: False when there is no next one
        return None
    return Meeting.objects.create(
        organisation=meeting.organisation,
        title=meeting.title,
        place=meeting.place,
        starts_at=meeting.starts_at + timedelta(weeks=meeting.interval_weeks),
        interval_weeks=meeting.interval_weeks,
        previous=meeting,
    )


def plan_ahead():
    """The nightly job: recurring activities to the horizon, and the next meeting after each last one."""
    planned = sum(plan_occurrences(a) for a in RecurringActivity.objects.filter(active=True))
    for meeting in Meeting.objects.filter(
        next__isnull=True, interval_weeks__gt=0, starts_at__lt=timezone.now() + timedelta(days=HORIZON_DAYS)
    ):
        ensure_next_meeting(meeting)
    return planned


# Pilots
def pilot_figures(pilot):
    """The pilot's own figures: its posts, and shares and clicks of its items during the time box."""

    posts = dict(pilot.posts.values_list("status").annotate(n=Count("pk")))
    item_filter = Q(pk__in=pilot.posts.exclude(item=None).values("item"))
    if pilot.campaign_id:
        item_filter |= Q(campaign_id=pilot.campaign_id)
    items = ContentItem.objects.filter(item_filter, organisation_id=pilot.organisation_id)
    shares = Share.objects.filter(
        item__in=items,
        created__gte=local_day_start(pilot.starts_on),
        created__lt=local_day_start(pilot.ends_on + timedelta(days=1)),
    )
    share_figures = shares.aggregate(shares=Count("pk"), sharers=Count("person", distinct=True))
    clicks = Click.objects.filter(link__share__in=shares, day__gte=pilot.starts_on, day__lte=pilot.ends_on)
    labels = dict(SHARE_NETWORKS)
    by_network = [
        {"network": labels.get(row["network"], row["network"]), "n": row["n"]}
        for row in shares.values("network").annotate(n=Count("pk")).order_by("-n")
    ]
    return {
        "planned": sum(posts.values()),
        "published": posts.get(PlannedPost.PUBLISHED, 0),
        "open": sum(posts.get(s, 0) for s in PlannedPost.OPEN),
        "cancelled": posts.get(PlannedPost.CANCELLED, 0),
        "items": items.count(),
        "shares": share_figures["shares"],
        "sharers": share_figures["sharers"],
        "clicks": clicks.count(),
        "by_network": by_network,
    }


# Calendar feeds
def feed_is_live(feed):
    """Whether a calendar feed still serves, checked on every request: its owner's account is open and may see
    the plan, and a team feed's owner is still in the team (or plans for everyone)."""
    owner = feed.owner
    if not owner.is_active or not can_see_plan(owner):
        return False
    if feed.team_id is None:
        return feed.person_id == owner.pk
    if can_plan_everything(owner):
        return True
    return owner.teams.filter(pk=feed.team_id).exists() or owner.managed_teams.filter(pk=feed.team_id).exists()


@receiver(closing)
def _close_account_plan(sender, person, apply, **kwargs):
    """Closing an account: the person's calendar links stop; planned posts they are responsible for stay, with a
    warning to choose someone else."""
    feeds = CalendarFeed.objects.filter(Q(owner=person) | Q(person=person))
    count = feeds.count()
    upcoming = PlannedPost.objects.filter(
        responsible=person,
        scheduled_at__gte=timezone.now(),
        status__in=(PlannedPost.IDEA, PlannedPost.DRAFT, PlannedPost.READY),
    ).count()
    effects = []
    if count:
        effects.append(
            Effect(
                ngettext(
                    "%(n)s calendar link (personal or team) stops working.",
                    "%(n)s calendar links (personal or team) stop working.",
                    count,
                )
                % {"n": count},
                key="calendar_feeds",
                count=count,
            )
        )
    if upcoming:
        effects.append(
            Effect(
                ngettext(
                    "%(name)s is responsible for %(n)s planned post: choose someone else.",
                    "%(name)s is responsible for %(n)s planned posts: choose someone else.",
                    upcoming,
                )
                % {"name": person.full_name, "n": upcoming},
                warning=True,
                link=reverse("calendar") + "?view=list",
            )
        )
    if apply:
        feeds.delete()
    return effects


@receiver(photos_ending)
def _planned_posts_of_photos(sender, images, apply, **kwargs):
    """A consent ended: open planned posts with the photo are cancelled (out of the plan, and their feed item
    out of the feed); posts already published on a corporate account are listed as shared there."""
    result = []
    posts = PlannedPost.objects.filter(image_id__in=images).select_related("account", "responsible").order_by("pk")
    for post in posts:
        link = reverse("post_edit", kwargs={"pk": post.pk})
        if post.status == PlannedPost.PUBLISHED and post.account_id:
            result.append(
                Shared(
                    where=post.label,
                    network=post.account.get_platform_display(),
                    date=post.scheduled_at,
                    by=post.account.handle,
                    link=post.account.url,
                )
            )
            done = _("Already published on %(account)s: remove it there.") % {"account": post.account}
        elif post.is_open:
            done = _("Cancelled: taken out of the plan.") if apply else _("In the plan.")
            if apply:
                post.status = PlannedPost.CANCELLED
                post.save(update_fields=["status"])
                sync_item(post)
        else:
            done = post.get_status_display()
        responsible = (post.responsible,) if post.responsible_id else ()
        result.append(Use(_("Planned post"), post.label, link, done, responsible))
    return result


@receiver(photos_in_use)
def _photos_of_planned_posts(sender, **kwargs):
    return PlannedPost.objects.filter(image__isnull=False).values("image_id")


@receiver(photochecks.photo_access)
def _photo_of_a_visible_post(sender, person, image, **kwargs):
    """Whoever sees a planned post sees its photo's check (blurring is for communications). Volunteers and clients
    do not see the plan, whatever team they are in."""
    if not can_see_plan(person):
        return None
    return photochecks.SEE if visible_posts(person).filter(image=image).exists() else None
