"""The editor's preview per network and its counter, which counts the link the share adds as the post check does
(issue 18). The page hands the script the rules in a JSON script tag; these tests hold that data to the check."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.guard import check, count_rules, length
from deelwijs.guard.detectors import platform
from deelwijs.planning.models import PlannedPost
from deelwijs.sharing import domain

from .test_content import make_item

OWN = "Ik werk met plezier bij ons team. "  # 34 characters, and no nudge to say where you work


def editor(client, item, network, text=None):
    url = reverse("share", kwargs={"pk": item.pk}) + f"?netwerk={network}"
    if text is None:
        return client.get(url)
    return client.post(url, {"network": network, "text": text, "action": "check"})


def rules_on(response):
    html = response.content.decode()
    return json.loads(html.split('<script id="count-rules" type="application/json">')[1].split("</script>")[0])


# The data the page gives the script
def test_the_rules_are_the_checks_own_limits_and_link_joins():
    rules = count_rules()
    assert set(rules["networks"]) == set(platform.LIMITS)
    for code, (limit, how) in platform.LIMITS.items():
        net = rules["networks"][code]
        assert (net["limit"], net["how"], net["name"]) == (limit, how, platform.NETWORK_NAMES[code])
        assert net["link_apart"] == (code in platform.LINK_APART)
        assert net["separator"] == platform.LINK_SEPARATOR.get(code, "\n\n")
    assert rules["networks"]["x"]["separator"] == " " and rules["networks"]["mastodon"]["separator"] == "\n\n"
    assert rules["shortened_url"] == 23 and rules["x_light"][0] == [0, 4351]
    json.dumps(rules)  # plain data for a JSON script tag


def test_the_editor_gives_the_script_the_link_the_share_will_add(client, people, org, settings):
    item = make_item(org)
    client.force_login(people["ambassador"])
    data = rules_on(editor(client, item, "x"))
    assert data["network"] == "x" and data["link"] == domain.appended_link(item)
    assert data["link"].startswith(settings.SITE_URL + "/s/") and len(data["link"]) == len(settings.SITE_URL) + 11
    assert data["networks"] == count_rules()["networks"] and data["near"] == domain.NEAR_LIMIT
    assert data["words"]["count_link"] == "{count} van {limit} tekens, met de link die het delen toevoegt ({link})"
    without_link = make_item(org, "Zonder link")
    without_link.link = ""
    without_link.save(update_fields=["link"])
    assert rules_on(editor(client, without_link, "x"))["link"] is None


@pytest.mark.parametrize(
    "network, added",
    [
        ("x", 24),  # a space and 23 (t.co)
        ("mastodon", 25),  # a blank line and 23: Mastodon counts every link as 23
        ("bluesky", None),  # a blank line and the link's real length, in graphemes
        ("linkedin", 0),  # the share page takes only the link
        ("facebook", 0),
        ("whatsapp", None),
    ],
)
def test_the_appended_link_adds_what_the_network_counts(settings, network, added):
    link = domain.short_url("0" * 8)
    measured = length(OWN, network, link)
    expected = 2 + len(link) if added is None else added
    assert measured.link == expected and measured.counted == len(OWN) + expected
    assert length(OWN, network).link == 0


@pytest.mark.parametrize("network", ["x", "mastodon", "bluesky"])
def test_the_counter_and_the_check_block_at_the_same_character(network, settings):
    link = domain.short_url("0" * 8)
    limit = platform.LIMITS[network][0]
    fits = OWN + "a" * (limit - length(OWN, network, link).counted)
    assert length(fits, network, link).counted == limit
    assert domain.counter(fits, network, link)["state"] == "near"
    assert not check(fits, network, appended_link=link).blocked
    over = fits + "a"
    assert domain.counter(over, network, link)["state"] == "over"
    assert check(over, network, appended_link=link).blocked


def test_the_counter_says_its_state_in_words(settings):
    link = domain.short_url("0" * 8)
    assert domain.counter(OWN, "x", link) == {
        "state": "ok",
        "text": "58 van 280 tekens, met de link die het delen toevoegt (24)",
    }
    near = domain.counter(OWN + "a" * 200, "x", link)
    assert near == {
        "state": "near",
        "text": "258 van 280 tekens, met de link die het delen toevoegt (24). Bijna aan de grens: nog 22 over.",
    }
    over = domain.counter(OWN + "a" * 250, "x", link)
    assert over["state"] == "over" and over["text"].endswith("28 te veel: X neemt er maximaal 280.")
    assert domain.counter("Hoi\nallemaal", "linkedin") == {"state": "ok", "text": "12 van 3000 tekens"}
    assert domain.counter("Hallo 👋🏽", "email") == {"state": "ok", "text": "8 tekens"}  # no limit for an e-mail
    # X counts a link in the text as 23 and an emoji as 2, as the check does.
    assert domain.counter("Kijk op https://www.lindehof.nl/nieuws/een-heel-lang-adres 👍", "x")["text"].startswith(
        "34 van 280"
    )


def test_the_check_api_gives_the_servers_count(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])

    def asked(network, **extra):
        body = json.dumps({"text": OWN, "network": network, **extra})
        return client.post(reverse("check_api"), body, "application/json").json()["length"]

    assert asked("x", item=item.pk) == {"counted": 58, "limit": 280, "link": 24}
    assert asked("x") == {"counted": 34, "limit": 280, "link": 0}  # no item, no link
    assert asked("linkedin", item=item.pk) == {"counted": 34, "limit": 3000, "link": 0}
    assert asked("email", item=item.pk) is None


# The preview
def test_the_share_editor_previews_the_text_and_the_link_on_x(client, people, org, settings):
    item = make_item(org)
    client.force_login(people["ambassador"])
    response = editor(client, item, "x", text="Eerste regel\nTweede regel")
    html = response.content.decode()
    preview = html.split('id="post-preview"')[1].split("</section>")[0]
    assert people["ambassador"].full_name in preview and "Eerste regel\nTweede regel" in preview
    assert f'data-separator=" "> <span class="preview-link">{settings.SITE_URL}/s/…</span>' in preview
    assert 'id="char-counter">49 van 280 tekens, met de link die het delen toevoegt (24)</p>' in html
    assert 'aria-describedby="text-help char-counter live-findings"' in html
    assert "js/preview.js" in html


def test_on_linkedin_the_preview_shows_the_items_card_and_counts_no_link(client, people, org):
    item = make_item(org, "Open dag De Linde")
    client.force_login(people["ambassador"])
    response = editor(client, item, "linkedin")
    assert response.context["preview"]["card"] == {
        "title": "Open dag De Linde",
        "site": "www.lindehof.example",
        "image": "",
        "alt": "",
    }
    assert response.context["preview"]["link"] is None
    html = response.content.decode()
    assert "LinkedIn neemt alleen de link en laat die zien als kaart" in html
    assert ">49 van 3000 tekens</p>" in html  # the suggested text, without the link


def test_on_mastodon_the_link_comes_on_a_line_of_its_own(client, people, org):
    item = make_item(org)
    client.force_login(people["ambassador"])
    context = editor(client, item, "mastodon").context
    assert context["preview"]["separator"] == "\n\n" and context["preview"]["link"] == domain.appended_link(item)
    # No suggestion for Mastodon: it starts from the LinkedIn text (49), with the link on a line of its own (25).
    assert context["counter"]["text"].startswith("74 van 500 tekens")


def test_a_post_format_counts_without_a_link(client, people, org):
    from deelwijs.toolkit.models import PostFormat

    post_format = PostFormat.objects.create(organisation=org, title="Vacature", text="Wij zoeken een collega!")
    client.force_login(people["ambassador"])
    response = client.get(reverse("toolkit_format", kwargs={"pk": post_format.pk}) + "?netwerk=x")
    assert response.status_code == 200
    assert rules_on(response)["link"] is None and response.context["counter"]["text"] == "23 van 280 tekens"


# The planned-post editor
def test_the_planned_post_editor_counts_for_the_accounts_network(client, people, org):
    x = CorporateAccount.objects.create(organisation=org, platform="x", handle="zorg_x")
    youtube = CorporateAccount.objects.create(organisation=org, platform="youtube", handle="zorg_tv")
    when = timezone.now() + timedelta(days=3)
    planned = PlannedPost.objects.create(organisation=org, account=x, scheduled_at=when, text="Hallo\nwereld")
    client.force_login(people["communications"])
    response = client.get(reverse("post_edit", kwargs={"pk": planned.pk}))
    data = rules_on(response)
    assert data["network"] == "x" and data["link"] is None  # a corporate account's post gets no tracked link
    assert data["targets"][str(x.pk)] == {"network": "x", "label": "X", "name": "zorg_x"}
    assert data["targets"][str(youtube.pk)] == {"network": "linkedin", "label": "YouTube", "name": "zorg_tv"}
    assert data["targets"][""] == {"network": "linkedin", "label": "LinkedIn", "name": "Feed van ambassadeurs"}
    html = response.content.decode()
    assert 'data-preview="post-preview"' in html and ">12 van 280 tekens</p>" in html
    assert 'id="post-preview-name">zorg_x</p>' in html and "Hallo\nwereld" in html
    # A form sent back counts what was typed, for the account chosen.
    response = client.post(
        reverse("post_edit", kwargs={"pk": planned.pk}),
        {"title": "", "text": "a" * 300, "account": x.pk, "scheduled_at": "bad", "status": "draft"},
    )
    assert response.context["counter"]["state"] == "over"
    response = client.post(reverse("post_new"), {"text": "a" * 300, "for_ambassadors": "on", "status": "draft"})
    assert response.context["counter"] == {"state": "ok", "text": "300 van 3000 tekens"}
    assert response.context["preview"]["name"] == "Feed van ambassadeurs"
