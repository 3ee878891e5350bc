"""Business rules for planning: who sees which posts, the post check, moving, events, recurrence, reminders."""

from datetime import datetime, time, timedelta

from dateutil import rrule
from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from deelwijs.consent import domain as consent
from deelwijs.consent.models import ORGANISATION_SOCIAL, STAFF_SOCIAL
from deelwijs.consent.uses import Shared, Use, photos_ending, photos_in_use
from deelwijs.content import photochecks
from deelwijs.content.models import SHARE_NETWORKS, ContentItem, SuggestedText
from deelwijs.guard import PLATFORMS, check
from deelwijs.orgs.domain import log, notify
from deelwijs.orgs.offboarding import Effect, closing
from deelwijs.orgs.permissions import can_plan_everything, can_plan_for_team, can_see_plan
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


def local_day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def platform_of(post):
    platform = post.account.platform if post.account_id else "linkedin"
    return platform if platform in PLATFORMS else "linkedin"


def check_post(organisation, post):
    """The post check for a planned post's text, for the network it goes to."""
    return check(post.text, platform_of(post), organisation.guard_policy())


@transaction.atomic
def save_post(actor, post, override_reason=""):
    """Save a planned post. A block finding stops the save unless a reason to override is given.

    Returns the report of the check when it stopped the save, else None.
    """
    report = check_post(actor.organisation, post) if post.text.strip() else None
    if report is not None and report.blocked and not override_reason.strip():
        return report
    post.organisation = actor.organisation
    if post.created_by_id is None:
        post.created_by = actor
    post.override_reason = override_reason.strip() if report is not None and report.blocked else ""
    post.save()
    if post.override_reason:
        log(
            actor.organisation,
            actor,
            "check_override",
            f"{_('Planned post')} {post.pk}: {', '.join(report.categories)} — {post.override_reason}",
        )
    sync_item(post)
    return None


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
    """A ready post for the ambassadors becomes a content item that appears in the feed at its time."""
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
    SuggestedText.objects.update_or_create(item=item, network="linkedin", defaults={"text": post.text})
    if post.item_id != item.pk:
        PlannedPost.objects.filter(pk=post.pk).update(item=item)
        post.item = item


@transaction.atomic
def move_post(actor, post, day):
    """Move a post to another day at the same local time; nothing else changes."""
    local = timezone.localtime(post.scheduled_at)
    post.scheduled_at = timezone.make_aware(datetime.combine(day, local.time()))
    post.save()
    sync_item(post)
    log(actor.organisation, actor, "post_moved", f"{_('Planned post')} {post.pk} → {day.isoformat()}")
    return post


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
    days = offset.days
    if days < 0:
        return _("%(n)d days before") % {"n": -days}
    if days == 0:
        return _("on the day")
    return _("%(n)d days after") % {"n": days}


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
        notify(
            post.responsible,
            _("Reminder: “%(post)s” is planned for %(when)s (%(status)s).")
            % {"post": post.label, "when": when, "status": post.get_status_display()},
            link=reverse("post_edit", kwargs={"pk": post.pk}),
            email_subject=_("Deelwijs: a planned post is due soon"),
        )
        PlannedPost.objects.filter(pk=post.pk).update(reminded_at=now)
        sent += 1
    return sent


def overdue_posts(organisation):
    return PlannedPost.objects.filter(status__in=PlannedPost.OPEN, scheduled_at__lt=timezone.now()).select_related(
        "responsible", "account"
    )


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
