"""The iCal feed is a valid calendar that Outlook reads: also without events, and with where meetings are."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from deelwijs.planning.models import Meeting


def feed_body(client, person, team=None):
    client.force_login(person)
    data = {"team": team.pk} if team else {}
    url = client.post(reverse("calendar_feeds"), data).context["new_link"]["url"].replace("http://testserver", "")
    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return response.content


def test_a_feed_without_events_is_a_valid_calendar(client, people):
    calendar = Calendar.from_ical(feed_body(client, people["employee"]))
    calendar.validate()  # raises IncompleteComponent for a calendar without any component
    assert not calendar.walk("VEVENT") and [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [
        "Europe/Amsterdam"
    ]


def test_a_team_feed_without_events_is_a_valid_calendar_too(client, people):
    team = people["employee"].teams.get()
    Calendar.from_ical(feed_body(client, people["employee"], team)).validate()


def test_a_meeting_says_where_it_is(client, people, org):
    starts = timezone.now() + timedelta(days=5)
    Meeting.objects.create(organisation=org, title="Overleg ambassadeurs", starts_at=starts, place="Zaal 2, De Linde")
    calendar = Calendar.from_ical(feed_body(client, people["ambassador"]))
    calendar.validate()
    (meeting,) = calendar.walk("VEVENT")
    assert str(meeting["LOCATION"]) == "Zaal 2, De Linde"
    assert meeting.decoded("DTSTART") == starts.replace(microsecond=0)
    assert meeting["DTSTART"].params["TZID"] == "Europe/Amsterdam"
