"""Teams and Slack channels: cards sent to a strict webhook on 127.0.0.1, retries, the pause, and the pages.

The receiver (chat_receiver.py) refuses any card that is not what Teams' Workflows or a Slack incoming webhook
take, or that links outside Deelwijs. The cards it got are also written to var/artifacts/chat/, to look at.
"""

import json
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.chat import cards, domain
from deelwijs.chat.models import ChatChannel, Delivery
from deelwijs.common import outbound
from deelwijs.content.models import ContentItem
from deelwijs.orgs.models import AuditEntry, Location, Notification, Team
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.webcare import domain as webcare
from deelwijs.webcare.models import InboxItem, Source

from ..conftest import make_person
from .chat_receiver import Receiver

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "var" / "artifacts" / "chat"
UNREACHABLE = "Het adres kon niet worden bereikt."


@pytest.fixture
def receiver(settings, request):
    running = Receiver(settings.SITE_URL)
    yield running
    running.stop()
    assert not running.problems(), running.problems()
    if running.received:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        cards_got = [{"path": r.path, "payload": r.payload} for r in running.received]
        (ARTIFACTS / f"{request.node.name}.json").write_text(json.dumps(cards_got, indent=2, ensure_ascii=False))


def make_channel(org, receiver, path="/teams/org", team=None, **fields):
    kind = ChatChannel.TEAMS if path.startswith("/teams") else ChatChannel.SLACK
    return ChatChannel.objects.create(
        organisation=org,
        name=fields.pop("name", path),
        kind=kind,
        webhook_url=receiver.url + path,
        team=team,
        created=timezone.now() - timedelta(hours=1),
        **fields,
    )


def make_item(org, title="Open dag in De Linde", teams=(), locations=(), roles=(), body="", **fields):
    item = ContentItem.objects.create(organisation=org, title=title, body=body, **fields)
    item.set_roles(roles)
    item.save(update_fields=["audience_roles"])
    item.audience_teams.set(teams)
    item.audience_locations.set(locations)
    return item


def run_announcements(org, minutes=1):
    with organisation_scope(org):
        return domain.announce_new_items(now=timezone.now() + timedelta(minutes=minutes))


def deliveries(channel):
    return list(Delivery.objects.filter(channel=channel).order_by("pk"))


# New items


def test_an_item_communications_publishes_arrives_in_teams_and_slack_as_cards(
    client, people, org, receiver, django_capture_on_commit_callbacks
):
    from .test_content import item_post

    make_channel(org, receiver, "/teams/org")
    make_channel(org, receiver, "/slack/org")
    client.force_login(people["communications"])
    data = item_post(people, [("linkedin", "Kom naar onze open dag!")], title="Open dag <zaterdag> & zondag")
    data["starts_at"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    data["body"] = "Alle collega's en buren zijn welkom. Kijk mee in de keuken en de tuin."
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("item_new"), data).status_code == 302
    item = ContentItem.objects.get()
    share = "http://127.0.0.1:8000" + reverse("share", args=[item.pk])
    [teams], [slack] = receiver.on("/teams/org"), receiver.on("/slack/org")
    card = teams.payload["attachments"][0]["content"]
    assert card["body"][1]["inlines"][0]["text"] == "Open dag <zaterdag> & zondag"
    assert "Alle collega's en buren zijn welkom." in teams.text()
    assert card["actions"] == [{"type": "Action.OpenUrl", "title": "Bekijken en delen", "url": share}]
    assert slack.payload["blocks"][1]["text"]["text"] == "Open dag <zaterdag> & zondag"  # a header: plain text
    assert "Nieuw om te delen: Open dag &lt;zaterdag&gt; &amp; zondag" == slack.payload["text"]
    assert slack.urls() == [share]
    # Announced once: the next run of the job and a second save send nothing more.
    item.save()
    assert run_announcements(org) == 0
    assert len(receiver.received) == 2
    assert [d.status for d in Delivery.objects.all()] == ["sent", "sent"]


def test_an_item_goes_to_the_organisation_channel_or_to_the_right_teams_channel_only(org, people, receiver):
    location = Location.objects.get(name="De Linde")
    wijkteam = Team.objects.get(name="Wijkteam")
    other_location = Location.objects.create(organisation=org, name="De Eik")
    zonnebloem = Team.objects.create(organisation=org, name="Zonnebloem", location=other_location)
    make_channel(org, receiver, "/teams/org")
    make_channel(org, receiver, "/slack/wijkteam", team=wijkteam)
    make_channel(org, receiver, "/teams/zonnebloem", team=zonnebloem)
    make_item(org, "Voor iedereen")
    make_item(org, "Voor het wijkteam", teams=[wijkteam])
    make_item(org, "Voor De Linde", locations=[location])
    make_item(org, "Voor de vrijwilligers", roles=["volunteer"])
    make_item(org, "Alleen voor cliënten", roles=["client"])
    make_item(org, "Nog niet", starts_at=timezone.now() + timedelta(days=1))
    make_item(org, "Concept", published=False)
    assert run_announcements(org) == 8

    def titles(path):
        return [r.title() for r in receiver.on(path)]

    assert titles("/teams/org") == ["Voor iedereen", "Voor de vrijwilligers"]
    assert titles("/slack/wijkteam") == ["Voor iedereen", "Voor het wijkteam", "Voor De Linde", "Voor de vrijwilligers"]
    assert titles("/teams/zonnebloem") == ["Voor iedereen", "Voor de vrijwilligers"]
    # The team's card says whom it is for.
    assert "Wijkteam" in receiver.on("/slack/wijkteam")[0].text()


def test_an_item_planned_for_later_is_announced_once_it_is_live(org, receiver):
    make_channel(org, receiver, "/slack/org")
    item = make_item(org, "Morgen", starts_at=timezone.now() + timedelta(hours=2))
    assert run_announcements(org) == 0
    # Two hours later (the clock stands still here, the item's time moves instead).
    ContentItem.objects.filter(pk=item.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    assert run_announcements(org) == 1
    assert run_announcements(org) == 0
    assert [r.text().count("Morgen") for r in receiver.received] == [2]  # the header and the fallback


def test_items_from_before_the_channel_are_not_announced(org, receiver):
    make_item(
        org, "Oud nieuws", starts_at=timezone.now() - timedelta(days=5), created=timezone.now() - timedelta(days=5)
    )
    make_channel(org, receiver, "/teams/org")
    assert run_announcements(org) == 0


def test_a_switched_off_channel_gets_nothing(org, receiver):
    make_channel(org, receiver, "/teams/org", active=False)
    make_channel(org, receiver, "/teams/digest", sends_items=False)
    make_item(org)
    assert run_announcements(org) == 0 and receiver.received == []


# The weekly digest


def test_the_weekly_digest_card_lists_the_week_like_the_email(org, people, receiver):
    from deelwijs.content.tasks import digest_for

    wijkteam = Team.objects.get(name="Wijkteam")
    make_channel(org, receiver, "/teams/org", sends_items=False)
    make_channel(org, receiver, "/slack/wijkteam", team=wijkteam, sends_items=False)
    make_item(org, "Eerder", starts_at=timezone.now() - timedelta(days=9))
    for number in range(12):
        make_item(org, f"Bericht {number}", starts_at=timezone.now() - timedelta(hours=number + 1))
    make_item(org, "Teamnieuws", teams=[wijkteam], starts_at=timezone.now() - timedelta(minutes=5))
    with organisation_scope(org):
        assert domain.queue_digests() == 2
        email_items = [item.title for item in digest_for(people["employee"], timezone.now() - timedelta(days=7))]
    [teams], [slack] = receiver.on("/teams/org"), receiver.on("/slack/wijkteam")
    entries = [b for b in teams.payload["attachments"][0]["content"]["body"] if b.get("separator")]
    assert [e["inlines"][0]["text"] for e in entries] == [f"Bericht {n}" for n in range(10)]
    assert all(e["inlines"][0]["selectAction"]["url"].startswith("http://127.0.0.1:8000/delen/") for e in entries)
    # The team's digest is the one its people get by e-mail: the same function chooses.
    linked = [b["text"]["text"] for b in slack.payload["blocks"] if b["type"] == "section" and "text" in b]
    assert [text.split("|")[1].split(">")[0] for text in linked if "|" in text] == email_items
    assert "Eerder" not in teams.text() + slack.text()


def test_no_digest_without_items(org, receiver):
    make_channel(org, receiver, "/teams/org")
    with organisation_scope(org):
        assert domain.queue_digests() == 0
    assert receiver.received == []


# Urgent webcare items


def test_an_urgent_report_goes_to_webcare_channels_only_without_author_or_client_details(client, people, org, receiver):
    make_channel(org, receiver, "/teams/org")
    make_channel(org, receiver, "/slack/webcare", sends_items=False, sends_webcare=True)
    client.force_login(people["employee"])
    description = (
        "Op Facebook staat een foto van mevrouw Jansen (kamer 12) met haar BSN 123456782. "
        "Zie https://facebook.com/groups/x en @pietje"
    )
    data = {"url": "https://facebook.com/groups/x/1", "description": description, "urgency": "high"}
    assert client.post(reverse("report_signal"), data).status_code == 302
    item = InboxItem.objects.get()
    assert receiver.on("/teams/org") == []
    [card] = receiver.on("/slack/webcare")
    text = card.text()
    assert "Dringend voor webcare" in text and "Gemeld door een collega" in text and "Hoog" in text
    for leak in ("Jansen", "123456782", "@pietje", "facebook.com", "kamer 12"):
        assert leak not in text, leak
    assert card.urls() == ["http://127.0.0.1:8000" + reverse("inbox_item", args=[item.pk])]
    # A report that can wait goes nowhere.
    client.post(reverse("report_signal"), {**data, "urgency": "low", "description": "Niet dringend"})
    assert len(receiver.received) == 1


def test_a_mention_raised_to_urgent_goes_out_once(org, people, receiver):
    make_channel(org, receiver, "/teams/webcare", sends_webcare=True)
    source = Source.objects.create(organisation=org, name="Mastodon", kind=Source.MASTODON, url="https://x.example")
    item = InboxItem.objects.create(
        organisation=org, kind=InboxItem.MENTION, source=source, author="@schrijver", text="Zorggroep Test is slecht"
    )
    with organisation_scope(org):
        webcare.update(people["webcare"], item, priority=InboxItem.URGENT)
        webcare.update(people["webcare"], item, priority=InboxItem.HIGH)
        webcare.update(people["webcare"], item, priority=InboxItem.URGENT)
    [card] = receiver.received
    assert "Een vermelding op Mastodon" in card.text() and "schrijver" not in card.text()
    assert "Zorggroep Test is slecht" in card.text()


# Sending: retries, refusals, the pause


def test_a_server_error_is_tried_again_and_then_arrives(org, receiver):
    receiver.answer_with("/teams/org", (500, {}, "oops"), (202, {}, ""))
    channel = make_channel(org, receiver, "/teams/org")
    make_item(org)
    run_announcements(org)
    [delivery] = deliveries(channel)
    channel.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert (
        channel.last_error == "Microsoft Teams had een eigen storing (HTTP 500); het bericht wordt opnieuw verstuurd."
    )
    wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(minutes=1) < wait <= timedelta(minutes=2)
    with organisation_scope(org):
        assert domain.retry_due(now=timezone.now() + timedelta(minutes=1)) == 0  # not yet
        assert domain.retry_due(now=timezone.now() + timedelta(minutes=3)) == 1
    delivery.refresh_from_db()
    channel.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert (channel.last_error, channel.failures) == ("", 0) and channel.last_sent_at
    assert len(receiver.on("/teams/org")) == 2


@pytest.mark.parametrize("retry_after", ["600", "date"])
def test_too_many_requests_waits_as_long_as_retry_after_says(org, receiver, retry_after):
    if retry_after == "date":
        from email.utils import format_datetime

        retry_after = format_datetime(timezone.now() + timedelta(seconds=600), usegmt=True)
    receiver.answer_with("/slack/org", (429, {"Retry-After": retry_after}, "rate_limited"), (200, {}, "ok"))
    channel = make_channel(org, receiver, "/slack/org")
    make_item(org)
    run_announcements(org)
    [delivery] = deliveries(channel)
    wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=590) < wait <= timedelta(seconds=601)
    assert "Slack vraagt ons te wachten" in delivery.error
    with organisation_scope(org):
        assert domain.retry_due(now=timezone.now() + timedelta(minutes=5)) == 0
        assert domain.retry_due(now=timezone.now() + timedelta(minutes=11)) == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent"


def test_a_refusal_is_final_and_shows_in_dutch_on_the_channel_page(client, people, org, receiver):
    receiver.answer_with("/slack/org", (404, {}, "channel_not_found"))
    channel = make_channel(org, receiver, "/slack/org")
    make_item(org)
    run_announcements(org)
    [delivery] = deliveries(channel)
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    with organisation_scope(org):
        assert domain.retry_due(now=timezone.now() + timedelta(days=1)) == 0
    client.force_login(people["communications"])
    html = client.get(reverse("chat_channel", args=[channel.pk])).content.decode()
    assert "Slack kent dit adres niet meer (HTTP 404)" in html
    assert "Slack zegt: channel_not_found." in html
    assert "Laatste bericht mislukt" in client.get(reverse("chat_channels")).content.decode()


def test_what_a_server_says_stays_off_the_page_unless_it_is_a_slack_code(org, receiver):
    receiver.answer_with("/slack/org", (400, {}, "<html>GEHEIM wachtwoord</html>"))
    receiver.answer_with("/teams/org", (400, {}, "invalid_payload"))
    slack, teams = make_channel(org, receiver, "/slack/org"), make_channel(org, receiver, "/teams/org")
    make_item(org)
    run_announcements(org)
    slack.refresh_from_db()
    teams.refresh_from_db()
    assert slack.last_error == "Slack nam het bericht niet aan (HTTP 400)."
    assert teams.last_error == "Microsoft Teams nam het bericht niet aan (HTTP 400)."


def test_giving_up_after_the_last_attempt(org, receiver):
    receiver.answer_with("/teams/org", (503, {}, ""))
    channel = make_channel(org, receiver, "/teams/org")
    make_item(org)
    run_announcements(org)
    later = timezone.now()
    with organisation_scope(org):
        for _attempt in range(domain.MAX_ATTEMPTS - 1):
            later += timedelta(hours=3)
            assert domain.retry_due(now=later) == 1
        assert domain.retry_due(now=later + timedelta(days=1)) == 0
    [delivery] = deliveries(channel)
    channel.refresh_from_db()
    assert (delivery.status, delivery.attempts, channel.failures) == ("failed", domain.MAX_ATTEMPTS, 1)
    assert len(receiver.received) == domain.MAX_ATTEMPTS


def test_no_answer_in_time_is_tried_again(org, receiver, monkeypatch):
    def too_slow(url, payload, **kwargs):
        raise outbound.OutboundError("Geen antwoord op tijd.", status="timeout")

    monkeypatch.setattr(outbound, "post_json", too_slow)
    channel = make_channel(org, receiver, "/teams/org")
    make_item(org)
    run_announcements(org)
    [delivery] = deliveries(channel)
    assert (delivery.status, delivery.error) == ("pending", "Geen antwoord op tijd.")


def test_after_three_failures_the_channel_pauses_and_communications_hears_of_it(client, people, org, receiver):
    receiver.answer_with("/teams/org", (410, {}, ""))
    channel = make_channel(org, receiver, "/teams/org", name="Teams: iedereen")
    for number in range(domain.PAUSE_AFTER):
        make_item(org, f"Bericht {number}")
    run_announcements(org)
    channel.refresh_from_db()
    assert channel.paused_at and channel.failures == domain.PAUSE_AFTER
    notice = Notification.objects.get(person=people["communications"])
    assert "“Teams: iedereen” is gepauzeerd" in notice.text
    assert notice.link == reverse("chat_channel", args=[channel.pk])
    assert [m.to for m in mail.outbox] == [[people["communications"].email]]
    assert not Notification.objects.filter(person=people["employee"]).exists()
    entry = AuditEntry.objects.get(action="chat_channel_paused")
    assert "gepauzeerd" in entry.summary and receiver.url not in entry.summary
    # Paused: the next item waits, and a test message that arrives switches it on again.
    make_item(org, "Daarna")
    assert run_announcements(org) == 0
    receiver.answer_with("/teams/org", (202, {}, ""))
    client.force_login(people["communications"])
    response = client.post(reverse("chat_channel_test", args=[channel.pk]), follow=True)
    assert "Het proefbericht is aangekomen." in response.content.decode()
    channel.refresh_from_db()
    assert channel.paused_at is None and channel.failures == 0
    assert "Proefbericht van Deelwijs" in receiver.received[-1].text()


def test_a_private_address_is_refused_before_connecting(org, settings, monkeypatch):
    settings.OUTBOUND_ALLOWED_HOSTS = []
    connect = socket.socket.connect

    def guarded(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1"):
            raise AssertionError(f"a test tried to connect to {address[0]}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    channel = ChatChannel.objects.create(
        organisation=org,
        name="Intern",
        webhook_url="https://10.0.0.1/hook",
        created=timezone.now() - timedelta(hours=1),
    )
    loopback = ChatChannel.objects.create(organisation=org, name="Lokaal", webhook_url="http://127.0.0.1:9/hook")
    with organisation_scope(org):
        for target in (channel, loopback):
            delivery = domain.send_test(target)
            delivery.refresh_from_db()
            assert (delivery.status, delivery.error) == ("failed", UNREACHABLE)


# The pages


def form_data(**fields):
    return {
        "name": "Teams: iedereen",
        "kind": "teams",
        "webhook_url": "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=GEHEIM1234",
        "team": "",
        "sends_items": "on",
        "sends_digest": "on",
        "active": "on",
        **fields,
    }


def test_communications_adds_a_channel_whose_address_is_kept_secret(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("chat_channel_new"), form_data())
    channel = ChatChannel.objects.get()
    assert response.url == reverse("chat_channel", args=[channel.pk])
    assert channel.webhook_url.endswith("sig=GEHEIM1234")
    with connection.cursor() as cursor:
        cursor.execute("SELECT webhook_url FROM chat_chatchannel")
        assert "GEHEIM" not in cursor.fetchone()[0]
    html = client.get(reverse("chat_channel", args=[channel.pk])).content.decode()
    assert "https://prod-12.westeurope.logic.azure.com:443/…1234" in html and "GEHEIM" not in html
    edit = client.get(reverse("chat_channel_edit", args=[channel.pk])).content.decode()
    assert "GEHEIM" not in edit and "…1234" in edit
    # Left empty, the address stays; the audit log names what changed, never the address.
    client.post(reverse("chat_channel_edit", args=[channel.pk]), form_data(webhook_url="", name="Teams: allemaal"))
    channel.refresh_from_db()
    assert channel.name == "Teams: allemaal" and channel.webhook_url.endswith("sig=GEHEIM1234")
    added, changed = AuditEntry.objects.filter(action="chat_channel").order_by("pk")
    assert added.summary == "Communications Test voegde het Microsoft Teams-kanaal ‘Teams: iedereen’ toe."
    assert changed.summary == "Communications Test wijzigde het Microsoft Teams-kanaal ‘Teams: allemaal’: naam."
    assert all("GEHEIM" not in json.dumps(e.details) + e.summary for e in (added, changed))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://hooks.slack.com/services/T/B/x", "Gebruik een adres dat met https:// begint"),
        ("https://10.0.0.1/hook", "Dit adres ligt in een intern netwerk"),
        ("https://[::1]/hook", "Dit adres ligt in een intern netwerk"),
        ("javascript:alert(1)", "Voer een geldige URL in."),
        ("https://user:pw@hooks.slack.com/services/x", "Een adres met een naam en wachtwoord erin"),
        ("", "Plak het webhookadres uit Teams of Slack."),
    ],
)
def test_a_wrong_address_is_refused_in_dutch_and_kept(client, people, org, url, message):
    client.force_login(people["administrator"])
    response = client.post(reverse("chat_channel_new"), form_data(webhook_url=url, name="Mijn kanaal"))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'value="Mijn kanaal"' in html and not ChatChannel.objects.exists()


def test_an_unknown_host_is_accepted_with_a_warning(client, people, org):
    client.force_login(people["communications"])
    response = client.post(
        reverse("chat_channel_new"),
        form_data(kind="slack", webhook_url="https://relay.zorggroep.example/slack"),
        follow=True,
    )
    html = response.content.decode()
    assert "relay.zorggroep.example is geen adres van Slack dat wij kennen" in html
    assert ChatChannel.objects.get().kind == "slack"


def test_a_channel_hears_of_something(client, people, org):
    client.force_login(people["communications"])
    data = form_data()
    del data["sends_items"], data["sends_digest"]
    response = client.post(reverse("chat_channel_new"), data)
    assert "Kies minstens één soort bericht voor dit kanaal." in response.content.decode()


def test_the_channel_page_previews_each_card_without_inbox_content(client, people, org, receiver):
    make_channel(org, receiver, "/slack/org", sends_webcare=True)
    channel = ChatChannel.objects.get()
    make_item(org, "Zomerfeest in de tuin", body="Iedereen is welkom.")
    InboxItem.objects.create(organisation=org, kind="signal", text="Geheime melding", priority=InboxItem.URGENT)
    client.force_login(people["administrator"])
    html = client.get(reverse("chat_channel", args=[channel.pk])).content.decode()
    assert html.count('class="preview-card chat-card') == 4  # item, digest, webcare example, test message
    assert "Zomerfeest in de tuin" in html and "Geheime melding" not in html
    assert "&quot;blocks&quot;" in html  # the JSON Slack gets
    assert receiver.received == []  # a preview sends nothing


@pytest.mark.parametrize("name", ["chat_channels", "chat_channel_new", "chat_channel", "chat_channel_edit"])
def test_only_communications_and_administrators_open_the_pages(client, people, org, receiver, name):
    channel = make_channel(org, receiver)
    url = reverse(name, args=[channel.pk] if name in ("chat_channel", "chat_channel_edit") else [])
    for role, person in people.items():
        client.force_login(person)
        expected = 200 if role in ("communications", "administrator") else 403
        assert client.get(url).status_code == expected, role
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("name", ["chat_channel_test", "chat_channel_delete"])
def test_only_communications_and_administrators_post_the_actions(client, people, org, receiver, name):
    channel = make_channel(org, receiver)
    url = reverse(name, args=[channel.pk])
    for role in ("employee", "webcare", "manager", "ambassador"):
        client.force_login(people[role])
        assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    assert ChatChannel.objects.exists() and receiver.received == []
    client.force_login(people["administrator"])
    assert client.post(url).status_code == 302


def test_the_other_organisation_gets_404(client, org, other_org, outsider, receiver):
    channel = make_channel(org, receiver)
    client.force_login(outsider)
    for name in ("chat_channel", "chat_channel_edit"):
        assert client.get(reverse(name, args=[channel.pk])).status_code == 404
    for name in ("chat_channel_test", "chat_channel_delete"):
        assert client.post(reverse(name, args=[channel.pk])).status_code == 404
    assert "/teams/org" not in client.get(reverse("chat_channels")).content.decode()
    assert ChatChannel.objects.filter(pk=channel.pk).exists() and receiver.received == []


def test_removing_a_channel_is_logged(client, people, org, receiver):
    channel = make_channel(org, receiver, name="Oud kanaal")
    client.force_login(people["communications"])
    assert client.post(reverse("chat_channel_delete", args=[channel.pk])).url == reverse("chat_channels")
    assert not ChatChannel.objects.exists()
    assert AuditEntry.objects.get(action="chat_channel_deleted").summary == (
        "Communications Test verwijderde het Microsoft Teams-kanaal ‘Oud kanaal’."
    )


def test_the_list_asks_the_same_number_of_queries_for_one_or_three_channels(client, people, org, receiver):
    client.force_login(people["communications"])
    counts = []
    for number in range(3):
        team = Team.objects.create(organisation=org, name=f"Team {number}")
        make_channel(org, receiver, f"/slack/{number}", team=team, last_error="Fout", last_error_at=timezone.now())
        if number in (0, 2):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("chat_channels")).status_code == 200
            counts.append(len(captured))
    assert counts[0] == counts[1], counts


# The cards themselves


def test_slack_cards_keep_slacks_limits_and_escape_what_people_wrote(org):
    title = "<!channel> & *vet* " + "heel lang " * 40
    card = cards.Card(
        kicker="Nieuw",
        title=title,
        text="<https://evil.example|klik hier> " * 200,
        entries=tuple(cards.Entry(f"<b>{n}</b>", "http://127.0.0.1:8000/delen/1/", "x") for n in range(60)),
        actions=(cards.Link("Bekijken " * 20, "http://127.0.0.1:8000/delen/"),),
    )
    payload = cards.to_slack(card)
    from .chat_receiver import check_slack

    assert check_slack(payload, "http://127.0.0.1:8000") == []
    assert len(payload["blocks"]) == 50
    assert len(payload["blocks"][1]["text"]["text"]) <= 150
    assert payload["blocks"][2]["text"]["text"].startswith("&lt;https://evil.example|klik hier&gt;")


def test_teams_cards_show_what_people_wrote_as_plain_text(org):
    card = cards.Card(
        kicker="Nieuw",
        title="[klik](https://evil.example) **vet** {{DATE(2017-02-14T06:08:39Z, SHORT)}}",
        actions=(cards.Link("Bekijken", "http://127.0.0.1:8000/delen/"),),
    )
    payload = cards.to_teams(card)
    from .chat_receiver import check_teams

    assert check_teams(payload, "http://127.0.0.1:8000") == []
    run = payload["attachments"][0]["content"]["body"][1]["inlines"][0]
    assert run["type"] == "TextRun" and run["text"].startswith("[klik](https://evil.example) **vet** {\u200b{DATE")
    # Only our own words go in a TextBlock, which Teams reads as Markdown.
    assert [b["text"] for b in payload["attachments"][0]["content"]["body"] if b["type"] == "TextBlock"] == ["Nieuw"]


def test_the_berichtcheck_masks_client_details_in_an_excerpt(org):
    policy = org.guard_policy()
    text = "Mevrouw De Vries (87) van kamer 4 was jarig; bel haar dochter op 06-12345678. Dank @anna@mastodon.nl!"
    excerpt = cards.masked(text, policy, 140)
    for leak in ("Vries", "06-12345678", "anna", "kamer 4"):
        assert leak not in excerpt, excerpt
    assert "[…]" in excerpt and len(excerpt) <= 140


def test_a_new_person_in_communications_is_told_of_a_pause_too(org, people, receiver):
    second = make_person(org, "communications", email="comms2@test.test")
    receiver.answer_with("/teams/org", (403, {}, ""))
    make_channel(org, receiver, "/teams/org")
    for number in range(domain.PAUSE_AFTER):
        make_item(org, f"Bericht {number}")
    run_announcements(org)
    assert Notification.objects.filter(person=second).count() == 1


def test_a_redirect_is_not_followed_and_the_message_goes_nowhere_else(org, receiver):
    receiver.answer_with("/teams/org", (307, {"Location": receiver.url + "/teams/elders"}, ""))
    channel = make_channel(org, receiver, "/teams/org")
    with organisation_scope(org):
        delivery = domain.send_test(channel)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "Deelwijs volgt dat niet" in delivery.error
    assert receiver.on("/teams/elders") == []


def test_saving_a_paused_channel_with_a_new_address_starts_it_afresh(client, people, org, receiver):
    channel = make_channel(org, receiver, "/teams/org", paused_at=timezone.now(), failures=3, last_error="Weg")
    client.force_login(people["communications"])
    html = client.get(reverse("chat_channel", args=[channel.pk])).content.decode()
    assert "Gepauzeerd sinds" in html
    new_address = "https://prod-01.westeurope.logic.azure.com/workflows/nieuw"
    client.post(reverse("chat_channel_edit", args=[channel.pk]), form_data(webhook_url=new_address))
    channel.refresh_from_db()
    assert (channel.paused_at, channel.failures, channel.webhook_url) == (None, 0, new_address)
    entry = AuditEntry.objects.get(action="chat_channel")
    assert "webhookadres" in entry.summary and "nieuw" not in entry.summary


def test_the_channel_page_shows_what_people_wrote_as_text(client, people, org, receiver):
    channel = make_channel(org, receiver, "/slack/org", name="<script>alert(1)</script>")
    make_item(org, "<img src=x onerror=alert(1)>")
    client.force_login(people["communications"])
    html = client.get(reverse("chat_channel", args=[channel.pk])).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
