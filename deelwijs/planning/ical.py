"""iCal feeds (RFC 5545) of the plan, for Outlook and other calendars."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from deelwijs.orgs.permissions import can_see_meetings

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
    return cal


def _event(uid, start, minutes, summary, description, url, status="CONFIRMED"):
    event = Event()
    event.add("uid", f"{uid}@deelwijs")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("url", settings.SITE_URL + url)
    event.add("status", status)
    return event


def feed(name, posts, meetings=()):
    """The calendar as bytes: posts (not cancelled) and meetings in a window around today."""
    cal = _calendar(name)
    now = timezone.now()
    window = {
        "scheduled_at__gte": now - timedelta(days=PAST_DAYS),
        "scheduled_at__lte": now + timedelta(days=FUTURE_DAYS),
    }
    for post in posts.filter(**window).exclude(status=PlannedPost.CANCELLED).select_related("account"):
        where = str(post.account) if post.account_id else "Ambassadeurs"
        cal.add_component(
            _event(
                f"post-{post.pk}",
                post.scheduled_at,
                POST_MINUTES,
                f"{post.label} · {where}",
                post.text,
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
