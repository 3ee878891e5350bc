import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone

from deelwijs.content import news
from deelwijs.content.models import ContentItem
from deelwijs.content.tasks import import_news, send_weekly_digest

from .test_content import make_item


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield inbox
    controller.stop()


def test_the_weekly_digest_arrives_over_smtp_for_those_who_want_it(smtp, people, org):
    make_item(org, "Open dag in De Linde")
    make_item(org, "Alleen voor ambassadeurs", roles=["ambassador"])
    make_item(org, "Al oud", starts_at=timezone.now() - timedelta(days=20))
    people["manager"].wants_digest = False
    people["manager"].save()
    result = send_weekly_digest.enqueue()
    by_person = {tuple(rcpt)[0]: body for rcpt, body in smtp.messages}
    # the manager opted out; clients and volunteers have nothing new meant for them
    assert result.return_value == len(people) - 3 == len(by_person)
    assert not {"manager@test.test", "client@test.test", "volunteer@test.test"} & set(by_person)
    employee, ambassador = by_person["employee@test.test"], by_person["ambassador@test.test"]
    assert "Open dag in De Linde" in employee and "Alleen voor ambassadeurs" not in employee
    assert "Alleen voor ambassadeurs" in ambassador and "Al oud" not in ambassador
    assert "Subject: Nieuw om te delen" in employee and "/voorkeuren/" in employee


def test_people_switch_the_digest_off_themselves(client, people):
    client.force_login(people["employee"])
    client.post(reverse("preferences"), {})
    people["employee"].refresh_from_db()
    assert not people["employee"].wants_digest


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Nieuws</title>
<item><title>Nieuwe tuin geopend</title><link>https://www.lindehof.example/nieuws/tuin</link>
<description>&lt;p&gt;De tuin is &lt;b&gt;open&lt;/b&gt;&lt;script&gt;x&lt;/script&gt;&lt;/p&gt;</description></item>
<item><title>Vacatures in de wijk</title><link>https://www.lindehof.example/nieuws/vacatures</link></item>
<item><title>Zonder link</title></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Nieuws</title>
<entry><title>Atom-bericht</title><link href="https://www.lindehof.example/nieuws/atom"/><summary>Kort</summary>
<id>1</id><updated>2026-11-01T10:00:00Z</updated></entry></feed>"""
ROUTES = {
    "/rss": (200, RSS),
    "/atom": (200, ATOM),
    "/kapot": (200, b"<rss><channel><item><title>"),
    "/weg": (404, b"niet gevonden"),
    "/groot": (200, b"<rss>" + b" " * (6 * 1024 * 1024) + b"</rss>"),
}


class FeedHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/traag":
            time.sleep(2)
        status, body = ROUTES.get(self.path, (200, RSS))
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feeds():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_news_comes_in_as_drafts_once(org, feeds):
    org.news_feed_url = feeds + "/rss"
    org.save()
    assert import_news.enqueue(org.pk).return_value == 2
    items = ContentItem.objects.filter(organisation=org)
    assert {i.title for i in items} == {"Nieuwe tuin geopend", "Vacatures in de wijk"}
    assert not any(i.published for i in items)
    assert items.get(title="Nieuwe tuin geopend").body == "De tuin is open"
    assert import_news.enqueue(org.pk).return_value == 0  # no duplicates


def test_atom_feeds_work_too(org, feeds):
    org.news_feed_url = feeds + "/atom"
    org.save()
    assert news.import_feed(org) == 1


@pytest.mark.parametrize("path", ["/kapot", "/weg", "/groot", "/traag"])
def test_broken_missing_huge_and_slow_feeds_fail_cleanly(org, feeds, path, monkeypatch):
    monkeypatch.setattr(news, "TIMEOUT", 0.5)
    org.news_feed_url = feeds + path
    org.save()
    with pytest.raises(news.NewsFeedError):
        news.import_feed(org)
    assert not ContentItem.objects.exists()


def test_communications_imports_now_and_sees_a_message(client, people, org, feeds):
    org.news_feed_url = feeds + "/weg"
    org.save()
    client.force_login(people["communications"])
    response = client.post(reverse("import_news"), follow=True)
    assert "kon niet worden gelezen" in response.content.decode()
    org.news_feed_url = feeds + "/rss"
    org.save()
    response = client.post(reverse("import_news"), follow=True)
    assert "2 nieuwe artikelen" in response.content.decode()
    # The same feed again: nothing new, said in words rather than "0 nieuwe artikelen".
    html = client.post(reverse("import_news"), follow=True).content.decode()
    assert "Geen nieuwe artikelen in de nieuwsfeed." in html and "0 nieuwe" not in html
