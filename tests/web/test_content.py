from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.content.models import Campaign, ContentItem, SuggestedText, Topic
from deelwijs.orgs.models import AuditEntry, Location, Team
from deelwijs.sharing.models import Share


def make_item(org, title="Nieuws", roles=(), **fields):
    item = ContentItem.objects.create(
        organisation=org, title=title, link="https://www.lindehof.example/nieuws", **fields
    )
    item.set_roles(roles)
    item.save()
    SuggestedText.objects.create(
        item=item, network="linkedin", text="Mooi nieuws van ons team! Ik werk er met plezier."
    )
    return item


def feed_titles(client, person):
    client.force_login(person)
    return [i.title for i in client.get(reverse("feed")).context["page"]]


def test_the_feed_shows_current_items_pinned_first(client, people, org):
    now = timezone.now()
    make_item(org, "Oud", starts_at=now - timedelta(days=3))
    make_item(org, "Nieuw", starts_at=now - timedelta(hours=1))
    make_item(org, "Vastgezet", starts_at=now - timedelta(days=5), pinned=True)
    make_item(org, "Verlopen", starts_at=now - timedelta(days=9), expires_at=now - timedelta(days=1))
    make_item(org, "Straks", starts_at=now + timedelta(days=1))
    make_item(org, "Concept", published=False)
    assert feed_titles(client, people["employee"]) == ["Vastgezet", "Nieuw", "Oud"]


def test_audience_rules_roles_teams_and_locations(client, people, org, other_org):
    make_item(org, "Voor iedereen")
    make_item(org, "Alleen ambassadeurs", roles=["ambassador"])
    make_item(org, "Cliënten en vrijwilligers", roles=["client", "volunteer"])
    team_item = make_item(org, "Alleen Wijkteam")
    team_item.audience_teams.add(Team.objects.get(organisation=org))
    elsewhere = make_item(org, "Andere locatie")
    elsewhere.audience_locations.add(Location.objects.create(organisation=org, name="Het Anker"))
    make_item(other_org, "Van een andere organisatie")
    assert feed_titles(client, people["ambassador"]) == ["Alleen Wijkteam", "Alleen ambassadeurs", "Voor iedereen"]
    assert feed_titles(client, people["client"]) == ["Cliënten en vrijwilligers"]
    assert feed_titles(client, people["volunteer"]) == ["Cliënten en vrijwilligers"]
    people["employee"].teams.clear()
    assert feed_titles(client, people["employee"]) == ["Voor iedereen"]


def test_feed_filters_by_topic_and_campaign(client, people, org):
    topic = Topic.objects.create(organisation=org, name="Werken bij")
    campaign = Campaign.objects.create(organisation=org, name="Zomer", slug="zomer")
    make_item(org, "Vacature").topics.add(topic)
    make_item(org, "Zomerfeest", campaign=campaign)
    client.force_login(people["employee"])
    assert [i.title for i in client.get(reverse("feed") + f"?onderwerp={topic.pk}").context["page"]] == ["Vacature"]
    assert [i.title for i in client.get(reverse("feed") + f"?campagne={campaign.pk}").context["page"]] == ["Zomerfeest"]


def test_the_feed_marks_what_i_shared(client, people, org):
    item = make_item(org)
    Share.objects.create(organisation=org, person=people["employee"], item=item, network="x", text="t")
    client.force_login(people["employee"])
    assert client.get(reverse("feed")).context["page"][0].shared
    client.force_login(people["manager"])
    assert not client.get(reverse("feed")).context["page"][0].shared


def test_the_feed_is_paginated_with_the_same_queries_for_many_items(client, people, org):
    topic = Topic.objects.create(organisation=org, name="Zorg")
    client.force_login(people["employee"])
    counts = []
    for n in (1, 30):
        while ContentItem.objects.count() < n:
            make_item(org, f"Item {ContentItem.objects.count()}").topics.add(topic)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("feed"))
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert len(response.context["page"]) == 20 and response.context["page"].has_next()


def item_post(people, texts, **extra):
    data = {
        "title": "Open dag",
        "link": "https://www.lindehof.example/open-dag",
        "body": "",
        "starts_at": "2026-01-01T09:00",
        "published": "on",
        "suggested_texts-TOTAL_FORMS": str(len(texts)),
        "suggested_texts-INITIAL_FORMS": "0",
        "suggested_texts-MIN_NUM_FORMS": "0",
        "suggested_texts-MAX_NUM_FORMS": "1000",
    }
    for i, (network, text) in enumerate(texts):
        data[f"suggested_texts-{i}-network"] = network
        data[f"suggested_texts-{i}-text"] = text
    data.update(extra)
    return data


def test_communications_publishes_an_item_with_checked_texts(client, people):
    client.force_login(people["communications"])
    response = client.post(
        reverse("item_new"),
        item_post(people, [("linkedin", "Kom naar onze open dag!"), ("x", "Open dag bij ons, welkom!")]),
    )
    assert response.status_code == 302
    item = ContentItem.objects.get()
    assert item.suggested_texts.count() == 2 and item.created_by == people["communications"]


def test_a_blocked_suggestion_needs_a_logged_reason(client, people):
    client.force_login(people["communications"])
    texts = [("x", "Mevrouw Jansen op kamer 12 komt ook naar de open dag!")]
    response = client.post(reverse("item_new"), item_post(people, texts))
    assert response.status_code == 200 and not ContentItem.objects.exists()
    assert "Mevrouw Jansen" in response.content.decode() and "herkenbaar" in response.content.decode()
    response = client.post(
        reverse("item_new"), item_post(people, texts, override_reason="Met schriftelijke toestemming")
    )
    assert response.status_code == 302
    assert SuggestedText.objects.get().override_reason == "Met schriftelijke toestemming"
    assert "toestemming" in AuditEntry.objects.get(action="check_override").summary


def test_an_end_before_the_start_is_refused(client, people):
    client.force_login(people["communications"])
    response = client.post(reverse("item_new"), item_post(people, [], expires_at="2025-01-01T09:00"))
    assert response.status_code == 200 and response.context["form"].errors["expires_at"]


def test_only_communications_and_administrators_manage_content(client, people, org):
    item = make_item(org)
    for role in ("employee", "ambassador", "webcare", "manager", "client"):
        client.force_login(people[role])
        assert client.get(reverse("item_edit", kwargs={"pk": item.pk})).status_code == 403


def test_no_model_holds_a_personal_account_secret():
    """Share intents need no passwords or tokens of personal accounts: no such field may exist."""
    from django.apps import apps

    suspicious = ("password", "token", "secret", "api_key", "apikey", "access_key", "oauth")
    allowed = {
        ("orgs", "User", "password"),
        ("orgs", "Invitation", "token_hash"),
        ("orgs", "Organisation", "oidc_client_secret"),  # the organisation's SSO app, not a person's account
        ("planning", "CalendarFeed", "token_hash"),
        ("provisioning", "ScimToken", "token_hash"),  # the organisation's identity provider's key, hashed
    }  # our own calendar link, hashed
    for model in apps.get_models():
        if not model.__module__.startswith("deelwijs."):
            continue
        for field in model._meta.get_fields():
            name = getattr(field, "name", "")
            if any(s in name.lower() for s in suspicious):
                assert (model._meta.app_label, model.__name__, name) in allowed, f"{model.__name__}.{name}"


def test_the_demo_has_a_realistic_feed_that_passes_the_post_check(db):
    from deelwijs.demo.build import create_demo
    from deelwijs.guard import check

    org, _ = create_demo()
    items = ContentItem.objects.filter(organisation=org)
    assert items.count() >= 30 and items.values("campaign").distinct().count() >= 4
    policy = org.guard_policy()
    for suggestion in SuggestedText.objects.filter(item__organisation=org):
        assert not check(suggestion.text, suggestion.network, policy).blocked, suggestion.text
