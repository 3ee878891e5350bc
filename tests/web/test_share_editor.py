"""The share editor starts with a text on every network, says why the button waits, and shows the outcome on top."""

from django.urls import reverse

from deelwijs.content.models import ContentItem, SuggestedText

from .test_content import make_item


def editor(client, person, item, network):
    client.force_login(person)
    return client.get(reverse("share", args=[item.pk]) + f"?netwerk={network}")


def test_a_network_without_a_suggestion_starts_with_the_text_of_another(client, people, org):
    item = make_item(org)  # a LinkedIn text only
    response = editor(client, people["employee"], item, "bluesky")
    html = response.content.decode()
    assert response.context["text"] == "Mooi nieuws van ons team! Ik werk er met plezier."
    assert "Er is geen voorstel voor Bluesky, dus je begint met de tekst voor LinkedIn" in html
    assert "Begin bij het voorstel" not in html


def test_the_other_text_is_taken_in_the_order_of_the_networks(client, people, org):
    item = make_item(org)
    SuggestedText.objects.filter(item=item).delete()
    SuggestedText.objects.create(item=item, network="whatsapp", text="Kijk, ons nieuws!")
    SuggestedText.objects.create(item=item, network="x", text="Ons nieuws, kort.")
    assert editor(client, people["employee"], item, "mastodon").context["text"] == "Ons nieuws, kort."


def test_a_network_with_its_own_suggestion_keeps_the_usual_help(client, people, org):
    html = editor(client, people["employee"], make_item(org), "linkedin").content.decode()
    assert "Begin bij het voorstel" in html and "Er is geen voorstel" not in html


def test_an_item_without_any_text_says_to_write_your_own(client, people, org):
    item = ContentItem.objects.create(organisation=org, title="Zonder tekst")
    response = editor(client, people["employee"], item, "linkedin")
    assert response.context["text"] == ""
    assert "Er is geen voorstel voor dit bericht: schrijf je eigen tekst" in response.content.decode()


def test_a_blocked_text_says_why_the_button_waits_and_shows_it_above_the_text(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    text = "Vandaag met meneer Pietersen van kamer 4 gewandeld, ik werk hier met plezier."
    response = client.post(reverse("share", args=[item.pk]), {"network": "linkedin", "text": text, "action": "check"})
    html = response.content.decode()
    button = html[html.index('id="share-button"') - 80 : html.index("Verder naar LinkedIn")]
    assert "disabled" in button and 'aria-describedby="share-blocked-reason"' in button
    reason = html[html.index('id="share-blocked-reason"') :].split(">", 1)
    assert "hidden" not in reason[0]
    assert reason[1].startswith("Nog niet mogelijk: de berichtcheck houdt deze tekst tegen")
    # The outcome comes before the text box, so a phone shows it while typing; it links to the findings.
    assert html.index('id="check-summary"') < html.index('id="id_text"') < html.index('class="finding block"')
    assert '<a href="#live-findings">De berichtcheck houdt deze tekst tegen' in html


def test_a_clean_text_has_no_reason_and_no_summary(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    text = "Mooi nieuws van ons team, ik werk hier met plezier en deel het graag."
    response = client.post(reverse("share", args=[item.pk]), {"network": "linkedin", "text": text, "action": "check"})
    html = response.content.decode()
    assert 'id="share-blocked-reason" class="blocked-reason" hidden' in html
    assert 'id="check-summary" class="check-summary" hidden' in html
