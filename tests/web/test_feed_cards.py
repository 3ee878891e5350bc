"""The feed as cards: photo, teaser, the networks with a ready text, and a search that keeps its query."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.content.models import ContentItem, Image, SuggestedText

from .privacy_data import jpeg
from .test_content import make_item


def feed(client, person, query=""):
    client.force_login(person)
    response = client.get(reverse("feed") + query)
    assert response.status_code == 200
    return response


def titles(response):
    return [item.title for item, _card in response.context["cards"]]


def test_the_search_finds_title_background_and_suggested_texts(client, people, org):
    make_item(org, "Zomerfeest in De Linde")
    make_item(org, "Vacature", body="Wij zoeken een verpleegkundige voor de nacht.")
    item = make_item(org, "Open dag")
    SuggestedText.objects.create(item=item, network="x", text="Kom kijken bij onze dagbesteding!")
    make_item(org, "Iets anders")
    assert titles(feed(client, people["employee"], "?q=zomerfeest")) == ["Zomerfeest in De Linde"]
    assert titles(feed(client, people["employee"], "?q=VERPLEEGKUNDIGE")) == ["Vacature"]
    assert titles(feed(client, people["employee"], "?q=dagbesteding")) == ["Open dag"]
    # Every word must match somewhere; the words may sit in different fields.
    assert titles(feed(client, people["employee"], "?q=open+dagbesteding")) == ["Open dag"]
    assert titles(feed(client, people["employee"], "?q=open+nacht")) == []


def test_the_search_keeps_its_query_and_says_what_it_found(client, people, org):
    make_item(org, "Zomerfeest")
    assert 'name="q" value=""' in feed(client, people["employee"]).content.decode()  # empty, not "None"
    html = feed(client, people["employee"], "?q=zomer").content.decode()
    assert 'value="zomer"' in html and "1 item gevonden." in html and "Delen: “zomer”" in html
    html = feed(client, people["employee"], "?q=%3Cb%3Ewinter").content.decode()
    assert "Niets gevonden voor “&lt;b&gt;winter”" in html and "<b>winter" not in html


def test_the_pager_keeps_the_search(client, people, org):
    for n in range(25):
        make_item(org, f"Nieuws {n}")
    html = feed(client, people["employee"], "?q=nieuws").content.decode()
    assert "?pagina=2&amp;q=nieuws" in html


def test_the_feed_pages_with_the_shared_pager(client, people, org):
    for n in range(45):
        make_item(org, f"Nieuws {n}")
    html = feed(client, people["employee"], "?q=nieuws&pagina=2").content.decode()
    assert "Pagina 2 van 3" in html
    assert 'href="?pagina=1&amp;q=nieuws" rel="prev">← Vorige pagina' in html
    assert 'href="?pagina=3&amp;q=nieuws" rel="next">Volgende pagina →' in html
    assert "Ouder" not in html and "Nieuwer" not in html  # the feed's own links are gone
    assert "Vorige pagina" not in feed(client, people["employee"]).content.decode()  # nothing before the first


def test_every_page_of_the_feed_costs_the_same_queries(client, people, org):
    client.force_login(people["employee"])
    for n in range(45):
        item = make_item(org, f"Nieuws {n}")
        SuggestedText.objects.create(item=item, network="x", text="Nieuws voor X")
    counts = []
    for query in ("", "?pagina=2", "?pagina=3", "?pagina=99", "?pagina=nul", "?q=nieuws&pagina=2"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("feed") + query).status_code == 200
        counts.append(len(captured))
    assert len(set(counts)) == 1 and counts[0] <= 15


def test_a_search_over_the_limit_is_dropped_not_an_error(client, people, org):
    make_item(org, "Nieuws")
    assert titles(feed(client, people["employee"], "?q=" + "a" * 500)) == ["Nieuws"]


def test_the_search_finds_nothing_the_person_may_not_see(client, people, org):
    make_item(org, "Personeelsfeest")  # no roles: for staff
    make_item(org, "Feest voor cliënten", roles=["client"])
    assert titles(feed(client, people["client"], "?q=feest")) == ["Feest voor cliënten"]


def test_a_card_shows_the_photo_a_teaser_and_the_networks_with_a_ready_text(client, people, org):
    image = Image.from_upload(org, jpeg(), alt="Twee collega's in de tuin")
    image.save()
    item = make_item(org, "Tuindag", body="Een hele dag in de tuin met bewoners en vrijwilligers.", image=image)
    SuggestedText.objects.create(item=item, network="whatsapp", text="Kijk eens!")
    SuggestedText.objects.create(item=item, network="x", text="Mooi!")
    SuggestedText.objects.create(item=item, network="x", text="Nog een variant")
    bare = make_item(org, "Zonder tekst", starts_at=timezone.now() - timedelta(days=1))
    bare.suggested_texts.all().delete()
    response = feed(client, people["employee"])
    cards = {item.title: card for item, card in response.context["cards"]}
    assert cards["Tuindag"]["networks"] == ["LinkedIn", "X", "WhatsApp"]  # the menu's order, each once
    assert cards["Tuindag"]["teaser"].startswith("Een hele dag")
    assert cards["Zonder tekst"]["networks"] == [] and cards["Zonder tekst"]["teaser"] == ""
    html = response.content.decode()
    small = reverse("item_image", args=[item.pk, "klein"])
    # The address carries the photo's version, so a blurred photo is never one the browser kept.
    assert f'src="{small}?v={image.version}" alt="Twee collega&#x27;s in de tuin"' in html
    assert reverse("item_image", args=[item.pk, "groot"]) not in html  # the small rendition only
    assert "Nog geen kant-en-klare tekst" in html


def test_without_a_background_the_teaser_is_the_first_suggested_text(client, people, org):
    make_item(org, "Kort")
    [(_item, card)] = feed(client, people["employee"]).context["cards"]
    assert card["teaser"] == "Mooi nieuws van ons team! Ik werk er met plezier."


def test_the_cards_cost_the_same_queries_for_many_items_with_many_texts(client, people, org):
    client.force_login(people["employee"])
    counts = []
    for n in (1, 25):
        while ContentItem.objects.count() < n:
            item = make_item(org, f"Nieuws {ContentItem.objects.count()}")
            SuggestedText.objects.create(item=item, network="x", text="Nieuws voor X")
        for query in ("", "?q=nieuws"):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("feed") + query).status_code == 200
            counts.append(len(captured))
    assert counts[:2] == counts[2:]


def test_an_upload_is_not_needed_for_a_card(client, people, org):
    # A card without a photo shows no <img>: nothing broken, nothing decorative pretending to be content.
    make_item(org, "Geen foto")
    assert "card-image" not in feed(client, people["employee"]).content.decode()
