"""Keeping a text the post check blocks: asked once per text, for communications only, never in a calendar."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import ContentItem, SuggestedText
from deelwijs.orgs.models import AuditEntry
from deelwijs.planning.models import CalendarFeed, PlannedPost

from .test_content import item_post
from .test_planning import form_data

BLOCKED = "Mevrouw Jansen op kamer 12 komt ook naar de open dag!"
OTHER_BLOCKED = "Meneer De Vries van kamer 14 was er ook bij, wat een feest."


@pytest.fixture
def account(org):
    return CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="zorg")


def overrides():
    return AuditEntry.objects.filter(action="check_override").count()


def edit_post(planned, account, **fields):
    return {**form_data(account, text=planned.text, title=planned.title), **fields}


# Asked once per text
def test_a_kept_item_text_is_not_asked_again_while_it_is_unchanged(client, people):
    client.force_login(people["communications"])
    data = item_post(people, [("linkedin", BLOCKED)], override_reason="Fictief voorbeeld")
    assert client.post(reverse("item_new"), data).status_code == 302 and overrides() == 1
    item, text = ContentItem.objects.get(), SuggestedText.objects.get()
    assert text.override_key
    # Another save of the item, the text unchanged, no reason: saved, nothing logged again.
    data = item_post(people, [("linkedin", BLOCKED)], title="Open dag (nieuwe titel)")
    data.update({"suggested_texts-INITIAL_FORMS": "1", "suggested_texts-0-id": str(text.pk)})
    assert client.post(reverse("item_edit", args=[item.pk]), data).status_code == 302
    item.refresh_from_db()
    text.refresh_from_db()
    assert item.title == "Open dag (nieuwe titel)" and overrides() == 1
    assert text.override_reason == "Fictief voorbeeld"
    # A changed text is a new question.
    data["suggested_texts-0-text"] = OTHER_BLOCKED
    response = client.post(reverse("item_edit", args=[item.pk]), data)
    assert response.status_code == 200 and response.context["blocked"] and overrides() == 1
    # So is the same text on another network.
    data["suggested_texts-0-text"], data["suggested_texts-0-network"] = BLOCKED, "x"
    assert client.post(reverse("item_edit", args=[item.pk]), data).status_code == 200


def test_a_kept_post_text_is_not_asked_again_while_it_and_its_platform_are_unchanged(client, people, org, account):
    client.force_login(people["communications"])
    data = form_data(account, text=BLOCKED, override_reason="Fictief voorbeeld")
    assert client.post(reverse("post_new"), data).status_code == 302 and overrides() == 1
    planned = PlannedPost.objects.get()
    for title in ("Open dag 1", "Open dag 2"):
        response = client.post(reverse("post_edit", args=[planned.pk]), edit_post(planned, account, title=title))
        assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.title == "Open dag 2" and planned.override_reason == "Fictief voorbeeld" and overrides() == 1
    response = client.post(reverse("post_edit", args=[planned.pk]), edit_post(planned, account, text=OTHER_BLOCKED))
    assert response.status_code == 200 and response.context["report"].blocked
    # Another platform, the same text: its limits and rules differ, so it is asked again.
    x = CorporateAccount.objects.create(organisation=org, platform="x", handle="zorg_x")
    response = client.post(reverse("post_edit", args=[planned.pk]), {**edit_post(planned, account), "account": x.pk})
    assert response.status_code == 200 and overrides() == 1


def test_a_kept_text_that_is_fixed_loses_its_reason(client, people, account):
    client.force_login(people["communications"])
    client.post(reverse("post_new"), form_data(account, text=BLOCKED, override_reason="Fictief voorbeeld"))
    planned = PlannedPost.objects.get()
    clean = "Kom naar onze open dag, iedereen is welkom!"
    assert client.post(reverse("post_edit", args=[planned.pk]), edit_post(planned, account, text=clean)).status_code
    planned.refresh_from_db()
    assert planned.text == clean and planned.override_reason == "" and planned.override_key == ""


# Who may keep a blocked text
@pytest.mark.parametrize("role", ["ambassador", "manager", "administrator"])
def test_only_communications_keeps_a_blocked_post_on_a_corporate_account(client, people, account, team, role):
    client.force_login(people[role])
    data = form_data(account, text=BLOCKED, team=team.pk, override_reason="Mag van mij")
    response = client.post(reverse("post_new"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not PlannedPost.objects.exists() and overrides() == 0
    assert "alleen communicatie kan een geblokkeerde tekst houden" in html.lower()
    assert 'name="override_reason"' not in html


def test_communications_keeps_a_blocked_post_with_a_reason(client, people, account, team):
    client.force_login(people["communications"])
    response = client.post(reverse("post_new"), form_data(account, text=BLOCKED, team=team.pk))
    assert 'name="override_reason"' in response.content.decode()
    data = form_data(account, text=BLOCKED, team=team.pk, override_reason="Fictief voorbeeld")
    assert client.post(reverse("post_new"), data).status_code == 302 and overrides() == 1


def test_an_administrator_does_not_keep_a_blocked_item_text(client, people):
    client.force_login(people["administrator"])
    data = item_post(people, [("linkedin", BLOCKED)], override_reason="Mag van mij")
    response = client.post(reverse("item_new"), data)
    assert response.status_code == 200 and not ContentItem.objects.exists() and overrides() == 0
    assert 'name="override_reason"' not in response.content.decode()


@pytest.fixture
def team(people):
    return people["ambassador"].teams.get()


# The calendar feed
def feed_of(client, person):
    client.force_login(person)
    url = client.post(reverse("calendar_feeds")).context["new_link"]["url"].replace("http://testserver", "")
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def test_a_kept_blocked_text_never_goes_out_in_the_calendar_feed(client, people, org, account):
    when = timezone.now() + timedelta(days=2)
    kept = PlannedPost.objects.create(
        organisation=org,
        account=account,
        scheduled_at=when,
        text=BLOCKED,
        status="ready",
        override_reason="Fictief voorbeeld",
        responsible=people["ambassador"],
    )
    PlannedPost.objects.create(
        organisation=org,
        account=account,
        scheduled_at=when,
        title="Open dag",
        text="Kom naar onze open dag!",
        responsible=people["ambassador"],
    )
    calendar = feed_of(client, people["ambassador"])
    body = calendar.to_ical().decode()
    assert "Jansen" not in body and "kamer 12" not in body
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    blocked_event = events[f"post-{kept.pk}@deelwijs"]
    assert "berichtcheck" in str(blocked_event["DESCRIPTION"]).lower()
    assert any(str(e.get("DESCRIPTION")) == "Kom naar onze open dag!" for e in events.values())
    assert CalendarFeed.objects.count() == 1
