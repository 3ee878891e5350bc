"""iCal feeds (RFC 5545) of the plan, for Outlook and other calendars.

A calendar app copies what it is given to phones and servers we do not control, so a text the post check
blocks (a client's name, kept by communications with a reason) never goes into the feed: the event says
where to read it instead. Times are local, with the time zone in the feed, which also keeps a feed without
events a valid calendar (RFC 5545 asks for at least one component).
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from deelwijs.guard import check
from deelwijs.orgs.permissions import can_see_meetings

from .domain import platform_of
from .models import Meeting, PlannedPost

PAST_DAYS, FUTURE_DAYS = 90, 400
POST_MINUTES = 15


def _calendar(name):
    cal = Calendar()
    cal.add("prodid", "-//Deelwijs//planning//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    return cal


def _event(uid, start, minutes, summary, description, url, status="CONFIRMED", location=""):
    event = Event()
    event.add("uid", f"{uid}@deelwijs")
    event.add("dtstamp", timezone.now())
    start = timezone.localtime(start)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    event.add("url", settings.SITE_URL + url)
    event.add("status", status)
    return event


def _post_texts(post, policy):
    """(summary, description) of a post: its title and text, unless the post check blocks the text."""
    if not post.text.strip() or not check(post.text, platform_of(post), policy).blocked:
        return post.label, post.text
    title = post.title or _("Planned post")
    return title, _("The post check blocks this text, so it is not in the calendar. Read it in Deelwijs.")


def feed(name, posts, meetings=()):
    """The calendar as bytes: posts (not cancelled) and meetings in a window around today."""
    cal = _calendar(name)
    now = timezone.now()
    window = {
        "scheduled_at__gte": now - timedelta(days=PAST_DAYS),
        "scheduled_at__lte": now + timedelta(days=FUTURE_DAYS),
    }
    policy = None
    for post in posts.filter(**window).exclude(status=PlannedPost.CANCELLED).select_related("account"):
        where = str(post.account) if post.account_id else "Ambassadeurs"
        policy = policy or post.organisation.guard_policy()
        summary, description = _post_texts(post, policy)
        cal.add_component(
            _event(
                f"post-{post.pk}",
                post.scheduled_at,
                POST_MINUTES,
                f"{summary} · {where}",
                description,
                reverse("post_edit", kwargs={"pk": post.pk}),
                "TENTATIVE" if post.status in (PlannedPost.IDEA, PlannedPost.DRAFT) else "CONFIRMED",
            )
        )
    for meeting in meetings:
        cal.add_component(
            _event(
                f"meeting-{meeting.pk}",
                meeting.starts_at,
                90,
                meeting.title,
                meeting.agenda,
                reverse("meeting_edit", kwargs={"pk": meeting.pk}),
                location=meeting.place,
            )
        )
    return cal.to_ical()


def person_feed(person):

    posts = PlannedPost.objects.filter(responsible=person)
    meetings = ()
    if can_see_meetings(person):
        now = timezone.now()
        meetings = Meeting.objects.filter(
            starts_at__gte=now - timedelta(days=PAST_DAYS),
            starts_at__lte=now + timedelta(days=FUTURE_DAYS),
        )
    return feed(f"Deelwijs · {person.full_name}", posts, meetings)


def team_feed(team):
    return feed(f"Deelwijs · {team.name}", PlannedPost.objects.filter(team=team))
