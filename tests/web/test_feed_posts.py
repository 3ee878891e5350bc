"""A ready post for the ambassadors' feed: a text for every network it is planned for, and published once live."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.planning import domain, tasks
from deelwijs.planning.models import PlannedPost


def feed_post(client, person, when, **fields):
    client.force_login(person)
    data = {
        "title": "Deel de vacature",
        "text": "Wij zoeken collega's voor de nachtdienst!",
        "account": "",
        "for_ambassadors": "on",
        "scheduled_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"),
        "status": "ready",
        "remind_hours": 24,
        **fields,
    }
    response = client.post(reverse("post_new"), data)
    assert response.status_code == 302, response.context["form"].errors
    return PlannedPost.objects.get()


def networks_of(item):
    return sorted(item.suggested_texts.values_list("network", flat=True))


def test_the_item_gets_the_text_for_every_network(client, people):
    planned = feed_post(client, people["communications"], timezone.now() + timedelta(days=1))
    texts = planned.item.suggested_texts.all()
    assert networks_of(planned.item) == sorted(
        ["linkedin", "x", "facebook", "instagram", "bluesky", "mastodon", "whatsapp", "email"]
    )
    assert {t.text for t in texts} == {"Wij zoeken collega's voor de nachtdienst!"}


def test_the_item_gets_the_networks_chosen_and_follows_a_change(client, people):
    planned = feed_post(
        client, people["communications"], timezone.now() + timedelta(days=1), feed_networks=["linkedin", "facebook"]
    )
    assert networks_of(planned.item) == ["facebook", "linkedin"]
    form = client.get(reverse("post_edit", args=[planned.pk])).context["form"]
    assert form["feed_networks"].value() == ["linkedin", "facebook"]
    data = {
        "title": planned.title,
        "text": "Nieuwe tekst: wij zoeken collega's!",
        "account": "",
        "for_ambassadors": "on",
        "feed_networks": ["x", "linkedin"],
        "scheduled_at": timezone.localtime(planned.scheduled_at).strftime("%Y-%m-%dT%H:%M"),
        "status": "ready",
        "remind_hours": 24,
    }
    assert client.post(reverse("post_edit", args=[planned.pk]), data).status_code == 302
    planned.refresh_from_db()
    assert networks_of(planned.item) == ["linkedin", "x"]
    assert set(planned.item.suggested_texts.values_list("text", flat=True)) == {"Nieuwe tekst: wij zoeken collega's!"}


def test_a_post_on_an_account_and_in_the_feed_offers_the_account_network_too(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="instagram", handle="zorg")
    planned = feed_post(
        client,
        people["communications"],
        timezone.now() + timedelta(days=1),
        account=account.pk,
        feed_networks=["linkedin"],
    )
    assert networks_of(planned.item) == ["instagram", "linkedin"]


def test_a_feed_post_that_went_live_is_published_and_never_overdue(client, people, org):
    planned = feed_post(client, people["communications"], timezone.now() + timedelta(minutes=30))
    later = planned.scheduled_at + timedelta(minutes=5)
    PlannedPost.objects.filter(pk=planned.pk).update(scheduled_at=timezone.now() - timedelta(minutes=5))
    planned.item.starts_at = timezone.now() - timedelta(minutes=5)
    planned.item.save()
    planned.refresh_from_db()
    assert not planned.overdue  # it goes live by itself: nothing for anyone to do
    response = client.get(reverse("calendar"))
    assert planned not in response.context["overdue"]
    tasks.send_planning_reminders.call()  # as the worker runs it, every quarter of an hour
    planned.refresh_from_db()
    assert planned.status == "published" and planned.item.is_live(later)
    assert '<option value="published" selected>' in client.get(reverse("post_edit", args=[planned.pk])).content.decode()


def test_a_feed_post_still_to_come_or_taken_out_of_the_feed_is_not_published(client, people, org):
    coming = feed_post(client, people["communications"], timezone.now() + timedelta(days=1))
    assert domain.publish_feed_posts() == 0
    PlannedPost.objects.filter(pk=coming.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    coming.item.published = False  # communications took it out of the feed by hand
    coming.item.save()
    assert domain.publish_feed_posts() == 0
    coming.refresh_from_db()
    assert coming.status == "ready"


def test_a_ready_post_on_a_corporate_account_is_still_overdue(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="zorg")
    late = PlannedPost.objects.create(
        organisation=org,
        account=account,
        for_ambassadors=True,
        text="Tekst",
        status="ready",
        scheduled_at=timezone.now() - timedelta(hours=2),
    )
    assert late.overdue and late in domain.overdue_posts(org)
    assert domain.publish_feed_posts() == 0
