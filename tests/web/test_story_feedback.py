"""Whatever communications decides on a story, its writer reads the feedback; the feed is named when it is true."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import ContentItem
from deelwijs.orgs.models import Notification
from deelwijs.stories.models import Story

FEEDBACK = "Mooi verteld; we hebben de laatste zin ingekort."


def make_story(people, org, text="Vandaag hebben we met de groep gewandeld, wat genoten we."):
    return Story.objects.create(organisation=org, author=people["employee"], text=text, networks="linkedin")


def decision_data(org, story, action):
    account, _new = CorporateAccount.objects.get_or_create(organisation=org, platform="linkedin", handle="zorg")
    extra = {
        "approve": {},
        "reject": {},
        "feed": {"title": "Wandelen met de groep"},
        "plan": {"account": account.pk, "scheduled_at": "2026-12-01T10:00"},
    }[action]
    return {"text": story.text, "feedback": FEEDBACK, **extra}


@pytest.mark.parametrize("action", ["approve", "reject", "feed", "plan"])
def test_the_writer_reads_the_feedback_whatever_the_decision(client, people, org, action):
    story = make_story(people, org)
    client.force_login(people["communications"])
    response = client.post(reverse("story_decide", args=[story.pk, action]), decision_data(org, story, action))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.feedback == FEEDBACK
    note = Notification.objects.get(person=people["employee"])
    assert FEEDBACK in note.text
    client.force_login(people["employee"])
    assert FEEDBACK in client.get(reverse("my_stories")).content.decode()


def test_a_feed_item_is_not_called_in_the_feed_while_it_is_a_draft(client, people, org):
    story = make_story(people, org)
    client.force_login(people["communications"])
    client.post(reverse("story_decide", args=[story.pk, "feed"]), decision_data(org, story, "feed"))
    note = Notification.objects.get(person=people["employee"]).text
    assert "staat nu in de feed" not in note and "bericht voor de feed" in note
    client.force_login(people["employee"])
    html = client.get(reverse("my_stories")).content.decode()
    assert "Wordt een bericht voor de feed" in html and "<strong>In de feed</strong>" not in html
    item = ContentItem.objects.get()
    assert client.get(reverse("share", args=[item.pk])).status_code == 404  # a draft: not for the writer yet
    item.published, item.starts_at = True, timezone.now() - timedelta(minutes=1)
    item.save()
    assert "<strong>In de feed</strong>" in client.get(reverse("my_stories")).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_my_stories_runs_a_bounded_number_of_queries(client, people, org, count):
    for n in range(count):
        make_story(people, org, text=f"Verhaal {n} over een mooie dag.")
        client.force_login(people["communications"])
        story = Story.objects.order_by("-pk").first()
        client.post(reverse("story_decide", args=[story.pk, "feed"]), decision_data(org, story, "feed"))
    client.force_login(people["employee"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("my_stories")).status_code == 200
    assert len(queries) <= 8


def test_the_story_form_shows_the_consent_error_and_the_block_at_once(client, people):
    from .test_images import photo_with_gps

    client.force_login(people["employee"])
    text = "Mevrouw De Wit van kamer 3 werd vandaag 100 jaar!"
    response = client.post(reverse("story_new"), {"text": text, "photos": [photo_with_gps(300, 200, 1)]})
    html = response.content.decode()
    assert response.status_code == 200 and response.context["form"].errors["consent"]
    assert response.context["report"].blocked and "herkenbaar" in html
    assert not Story.objects.exists()
