import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from deelwijs.sharing.clicks import forget_old_salts, is_bot
from deelwijs.sharing.intents import clean_instance, intent_url
from deelwijs.sharing.models import Click, DailySalt, Share, TrackedLink

from .test_content import make_item

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"


def share_post(client, item, text, network="linkedin", **extra):
    return client.post(
        reverse("share", kwargs={"pk": item.pk}), {"network": network, "text": text, "action": "share", **extra}
    )


def test_the_editor_starts_from_a_suggested_text(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    response = client.get(reverse("share", kwargs={"pk": item.pk}) + "?netwerk=linkedin")
    assert response.context["text"] == "Mooi nieuws van ons team! Ik werk er met plezier."
    assert "Vijf vragen" in response.content.decode() or "vijf vragen" in response.content.decode().lower()


def test_colleagues_get_different_variants(org, people):
    from deelwijs.content.models import SuggestedText
    from deelwijs.sharing.views import suggestion_for

    item = make_item(org)
    SuggestedText.objects.create(item=item, network="linkedin", text="Tweede variant, ook van ons team.")
    item = type(item).objects.prefetch_related("suggested_texts").get(pk=item.pk)
    chosen = {suggestion_for(p, item, "linkedin") for p in people.values()}
    assert len(chosen) == 2


def test_a_block_finding_stops_the_share_and_keeps_the_text(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    text = "Vandaag met meneer Pietersen van kamer 4 gewandeld, ik werk hier met plezier."
    response = share_post(client, item, text)
    assert response.status_code == 200 and not Share.objects.exists()
    html = response.content.decode()
    assert text in html and "Blokkeert" in html and "disabled" in html


def test_a_warning_asks_for_confirmation(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    text = "Namens Zorggroep Test kan ik toezeggen dat de open dag doorgaat. Ik werk hier graag."
    assert share_post(client, item, text).status_code == 200 and not Share.objects.exists()
    response = share_post(client, item, text, confirmed="1")
    assert response.status_code == 302 and Share.objects.count() == 1


@pytest.mark.parametrize(
    "text, confirmed, code",
    [
        ("   ", True, "empty"),
        ("Vandaag met meneer Pietersen van kamer 4 gewandeld, ik werk hier met plezier.", True, "blocked"),
        ("Namens Zorggroep Test kan ik toezeggen dat de open dag doorgaat. Ik werk hier graag.", False, "unconfirmed"),
    ],
)
def test_recording_a_share_refuses_what_the_post_check_stops_whoever_calls_it(org, people, text, confirmed, code):
    from django.core.exceptions import ValidationError

    from deelwijs.orgs.tenancy import organisation_scope
    from deelwijs.sharing.domain import record_share

    item = make_item(org)
    with organisation_scope(org), pytest.raises(ValidationError) as refused:
        record_share(people["ambassador"], item, "linkedin", text, confirmed=confirmed)
    assert refused.value.code == code and not Share.objects.exists()


def test_a_confirmed_warning_is_recorded_by_the_domain(org, people):
    from deelwijs.orgs.tenancy import organisation_scope
    from deelwijs.sharing.domain import record_share

    text = "Namens Zorggroep Test kan ik toezeggen dat de open dag doorgaat. Ik werk hier graag."
    with organisation_scope(org):
        share = record_share(people["ambassador"], make_item(org), "linkedin", text, confirmed=True)
    assert share.text == text and share.link.target_url.startswith("https://www.lindehof.example/nieuws?")


def test_sharing_records_the_share_and_goes_to_the_networks_share_page(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    response = share_post(client, item, "Trots op mijn collega's! Lees het verhaal.")
    shared = Share.objects.get()
    assert (shared.person, shared.item, shared.network) == (people["ambassador"], item, "linkedin")
    page = client.get(response.url)
    intent = page.context["intent"]
    assert intent.startswith("https://www.linkedin.com/sharing/share-offsite/?url=")
    assert parse_qs(urlparse(intent).query)["url"][0].endswith(f"/s/{shared.link.code}")
    assert page.context["copy_first"]  # LinkedIn takes only the link: the text is copied first


def test_share_intents_per_network():
    url = "https://deelwijs.example/s/abc"
    assert "x.com/intent/post" in intent_url("x", "Mooi", url)
    assert (
        parse_qs(urlparse(intent_url("bluesky", "Mooi", url)).query)["text"][0]
        == "Mooi\n\nhttps://deelwijs.example/s/abc"
    )
    assert intent_url("mastodon", "Mooi", url, "mastodon.nl").startswith("https://mastodon.nl/share?text=")
    assert intent_url("mastodon", "Mooi", url) == ""
    assert intent_url("whatsapp", "Mooi", url).startswith("https://wa.me/?text=")
    assert intent_url("instagram", "Mooi", url) == ""
    assert clean_instance("https://Mastodon.NL/@jan") == "mastodon.nl"
    assert clean_instance("@jan@social.example") == "social.example"
    assert clean_instance("javascript:alert(1)") == ""


def test_mastodon_asks_for_the_server_once(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    response = share_post(client, item, "Lees dit verhaal van mijn werk!", network="mastodon")
    assert response.status_code == 200 and "Mastodon-server" in response.content.decode()
    response = share_post(
        client, item, "Lees dit verhaal van mijn werk!", network="mastodon", mastodon_instance="mastodon.nl"
    )
    assert response.status_code == 302 and client.cookies["deelwijs_mastodon"].value == "mastodon.nl"
    assert client.get(response.url).context["intent"].startswith("https://mastodon.nl/share?")


def test_people_cannot_share_items_not_meant_for_them(client, people, org):
    item = make_item(org, roles=["ambassador"])
    client.force_login(people["client"])
    assert client.get(reverse("share", kwargs={"pk": item.pk})).status_code == 404


def test_the_check_api_reports_findings_and_nudges(client, people, org):
    client.force_login(people["employee"])
    response = client.post(
        reverse("check_api"),
        json.dumps({"text": "Bel me op 06-12345678", "network": "facebook", "suggestion": "Bel me op 06-12345678"}),
        content_type="application/json",
    )
    data = response.json()
    assert data["blocked"] and data["findings"][0]["category"] == "personal_data"
    assert len(data["nudges"]) == 2
    assert client.post(reverse("check_api"), "nee", content_type="application/json").status_code == 400
    client.logout()
    assert client.post(reverse("check_api"), "{}", content_type="application/json").status_code == 302


@pytest.fixture
def link(client, people, org):
    from deelwijs.content.models import Campaign

    item = make_item(org, campaign=Campaign.objects.create(organisation=org, name="Zomer", slug="zomer"))
    item.link = "https://www.lindehof.example/nieuws?ref=home"
    item.save()
    client.force_login(people["ambassador"])
    share_post(client, item, "Mooi verhaal van mijn collega's.", network="x")
    client.logout()
    return TrackedLink.objects.get()


def test_the_short_link_redirects_with_utm_parameters(client, link):
    response = client.get(f"/s/{link.code}", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302
    query = parse_qs(urlparse(response.url).query)
    assert query == {
        "ref": ["home"],
        "utm_source": ["x"],
        "utm_medium": ["deelwijs"],
        "utm_campaign": ["zomer"],
        "utm_content": [f"item-{link.share.item_id}"],
    }


def test_clicks_are_counted_and_unique_visitors_hashed_without_addresses(client, link):
    for address in ("10.0.0.1", "10.0.0.1", "10.0.0.2"):
        client.get(f"/s/{link.code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address)
    assert link.clicks == 3 and Click.objects.filter(link=link).values("visitor").distinct().count() == 2
    stored = " ".join(Click.objects.values_list("visitor", flat=True))
    assert "10.0.0" not in stored


@pytest.mark.parametrize(
    "agent",
    [
        "facebookexternalhit/1.1",
        "LinkedInBot/1.0",
        "WhatsApp/2.23",
        "Twitterbot/1.0",
        "Slackbot-LinkExpanding 1.0",
        "curl/8.0",
        "",
    ],
)
def test_bots_and_link_previews_are_not_counted(client, link, agent):
    assert client.get(f"/s/{link.code}", HTTP_USER_AGENT=agent).status_code == 302
    assert link.clicks == 0 and is_bot(agent)


def test_an_unknown_code_is_not_found(client, db):
    assert client.get("/s/onbekend").status_code == 404


def test_old_salts_are_forgotten(client, link):
    from datetime import date

    DailySalt.objects.create(day=date(2020, 1, 1), salt="oud")
    client.get(f"/s/{link.code}", HTTP_USER_AGENT=BROWSER)
    forget_old_salts()
    assert list(DailySalt.objects.values_list("salt", flat=True)) != ["oud"] and not DailySalt.objects.filter(
        salt="oud"
    )


def test_the_click_buffer_writes_in_batches_and_on_flush(link):
    from deelwijs.sharing.clicks import ClickBuffer

    buffer = ClickBuffer(seconds=60, size=3)
    for _ in range(2):
        buffer.add(Click(link=link, day=link.share.created.date(), visitor="v"))
    assert link.clicks == 0  # still in memory
    buffer.add(Click(link=link, day=link.share.created.date(), visitor="v"))
    assert link.clicks == 3  # full: written in one insert
    buffer.add(Click(link=link, day=link.share.created.date(), visitor="w"))
    buffer.flush()
    assert link.clicks == 4


def test_the_length_on_x_counts_the_tracked_link_the_share_appends(client, people, org):
    from deelwijs.guard.detectors.platform import count

    item = make_item(org)
    client.force_login(people["ambassador"])
    too_long = "Ik werk met plezier bij ons team. " + "a" * 241  # 275 characters: 299 on X with the link
    response = share_post(client, item, too_long, network="x")
    assert response.status_code == 200 and not Share.objects.exists()
    html = response.content.decode()
    assert "299 van de 280" in html and "link" in html
    api = client.post(
        reverse("check_api"), json.dumps({"text": too_long, "network": "x", "item": item.pk}), "application/json"
    ).json()
    assert api["blocked"] and "meegeteld" in api["findings"][0]["message"]
    without_item = client.post(reverse("check_api"), json.dumps({"text": too_long, "network": "x"}), "application/json")
    assert not without_item.json()["blocked"]  # no item, no link appended

    fits = too_long[: 280 - 24]
    response = share_post(client, item, fits, network="x")
    shared = Share.objects.get()
    go = client.get(response.url).context
    posted = f"{shared.text} {go['short_url']}"  # X's intent puts the url after the text
    assert count(posted, "x", [(len(shared.text) + 1, len(posted))]) == 280
    assert parse_qs(urlparse(go["intent"]).query)["url"][0] == go["short_url"]


def test_on_bluesky_the_link_counts_with_its_real_length(client, people, org, settings):
    item = make_item(org)
    client.force_login(people["ambassador"])
    link_length = len(settings.SITE_URL + "/s/") + 8
    fits = "Ik werk met plezier bij ons team. " + "a" * (300 - 2 - link_length - 34)
    assert share_post(client, item, fits + "a", network="bluesky").status_code == 200
    assert not Share.objects.exists()
    response = share_post(client, item, fits, network="bluesky")
    go = client.get(response.url).context
    assert len(go["short_url"]) == link_length and len(go["text_with_link"]) == 300


def test_a_linkedin_text_is_counted_without_the_link(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    text = "Ik werk met plezier bij ons team. " + "a" * (3000 - 34)
    assert share_post(client, item, text).status_code == 302
