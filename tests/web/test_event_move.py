"""Moving an event moves its before/during/after posts with it, and says which."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.orgs.models import AuditEntry
from deelwijs.planning.models import Event, PlannedPost


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def event(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="zorg")
    client.force_login(people["communications"])
    client.post(
        reverse("event_new"),
        {
            "title": "Open dag",
            "starts_at": "2026-10-10T13:30",
            "ends_at": "2026-10-10T17:00",
            "account": account.pk,
            "posts": ["announce", "live", "thanks"],
        },
    )
    return Event.objects.get()


def event_data(event, **fields):
    return {
        "title": event.title,
        "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "account": event.account_id,
        **fields,
    }


def local_times(event):
    return {p.phase: timezone.localtime(p.scheduled_at).strftime("%Y-%m-%d %H:%M") for p in event.posts.all()}


def test_moving_an_event_moves_its_open_posts_by_as_much(client, people, event):
    published = PlannedPost.objects.create(
        organisation=event.organisation,
        event=event,
        phase="before",
        status="published",
        title="Al geplaatst",
        scheduled_at=at(date(2026, 10, 1), 9),
    )
    # A week and an hour later, across the change to winter time (25 October): the clock times stay.
    response = client.post(
        reverse("event_edit", args=[event.pk]),
        event_data(event, starts_at="2026-10-31T14:30", ends_at="2026-10-31T18:00"),
        follow=True,
    )
    html = response.content.decode()
    moved = {
        p.phase: timezone.localtime(p.scheduled_at).strftime("%Y-%m-%d %H:%M")
        for p in event.posts.exclude(pk=published.pk)
    }
    assert moved == {"before": "2026-10-17 10:30", "during": "2026-10-31 14:30", "after": "2026-11-01 11:00"}
    published.refresh_from_db()
    assert published.scheduled_at == at(date(2026, 10, 1), 9)  # out already: it stays where it was
    assert "3 berichten zijn mee verplaatst" in html and "Open dag: Aankondiging" in html
    moves = AuditEntry.objects.filter(action="post_moved").order_by("pk")
    assert [entry.details["post"] for entry in moves] == [
        "Open dag: Aankondiging",
        "Open dag: Live vanaf het evenement",
        "Open dag: Bedankt, met de resultaten",
    ]
    assert "van 10 okt. 2026 13:30 naar 31 okt. 2026 14:30" in moves[1].summary


def test_saving_an_event_without_moving_it_leaves_the_posts(client, people, event):
    before = local_times(event)
    response = client.post(reverse("event_edit", args=[event.pk]), event_data(event, title="Open middag"), follow=True)
    assert local_times(event) == before and "verplaatst" not in response.content.decode()


def test_the_event_form_says_that_its_posts_move_along(client, people, event):
    html = client.get(reverse("event_edit", args=[event.pk])).content.decode()
    assert "verplaats je ook de berichten" in html
