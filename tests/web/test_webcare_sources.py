"""The source adapters against real HTTP servers on 127.0.0.1, answering in each network's documented format."""

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from deelwijs.orgs.models import Location
from deelwijs.webcare import domain
from deelwijs.webcare.adapters import RateLimited, SourceError, read_bluesky, read_feed, read_mastodon
from deelwijs.webcare.models import InboxItem, Source

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Regio</title><link>https://regio.example/</link><description>Nieuws</description>
<item><title>Zorggroep Test opent buurtkamer</title><link>https://regio.example/1</link>
<description>&lt;p&gt;In &lt;b&gt;De Linde&lt;/b&gt; drinken buren koffie.&lt;/p&gt;</description>
<pubDate>Sun, 22 Nov 2026 09:00:00 +0100</pubDate><guid>https://regio.example/1</guid></item>
<item><title>Gemeente bouwt fietspad</title><link>https://regio.example/2</link>
<description>Geen zorg.</description></item>
<item><title>ZORGGROEP TEST opent buurtkamer!</title><link>https://regio.example/3</link>
<description>In De Linde drinken buren koffie.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Alerts</title><id>urn:alerts</id><updated>2026-11-22T10:00:00Z</updated>
<entry><title>Wachtlijst bij Zorggroep Test groeit</title><link href="https://alerts.example/a"/><id>urn:a</id>
<updated>2026-11-22T10:00:00Z</updated><author><name>Redactie</name></author>
<summary>Familie maakt zich zorgen.</summary></entry>
</feed>"""


def status(n, text, acct="anna@mastodon.example"):
    """A Mastodon Status entity as in the API documentation (docs.joinmastodon.org/entities/Status)."""
    return {
        "id": str(n),
        "uri": f"https://mastodon.example/users/anna/statuses/{n}",
        "url": f"https://mastodon.example/@anna/{n}",
        "created_at": "2026-11-22T09:00:00.000Z",
        "content": f"<p>{text}</p>",
        "visibility": "public",
        "sensitive": False,
        "spoiler_text": "",
        "media_attachments": [],
        "mentions": [],
        "tags": [],
        "emojis": [],
        "reblogs_count": 0,
        "favourites_count": 0,
        "replies_count": 0,
        "reblog": None,
        "language": "nl",
        "account": {
            "id": "1",
            "username": "anna",
            "acct": acct,
            "display_name": "Anna",
            "url": "https://mastodon.example/@anna",
            "created_at": "2025-01-01T00:00:00.000Z",
            "note": "",
            "avatar": "",
            "header": "",
            "followers_count": 1,
            "following_count": 1,
            "statuses_count": 1,
            "locked": False,
            "bot": False,
            "emojis": [],
            "fields": [],
        },
    }


def post_view(n, text, handle="bram.bsky.social"):
    """An app.bsky.feed.defs#postView as in the lexicon."""
    return {
        "uri": f"at://did:plc:abc{n}/app.bsky.feed.post/3k{n}",
        "cid": f"bafyrei{n:0>10}",
        "author": {"did": f"did:plc:abc{n}", "handle": handle},
        "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-11-22T09:00:00.000Z"},
        "indexedAt": "2026-11-22T09:00:01.000Z",
    }


class Server:
    """An HTTP server on 127.0.0.1 whose answers the test sets per path: (status, headers, body[, delay])."""

    def __init__(self):
        self.routes, self.requests = {}, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?")[0].rstrip("/")
                server.requests.append((self.path, dict(self.headers)))
                code, headers, body, *delay = server.routes.get(path, (404, {}, b"not found"))
                if delay:
                    time.sleep(delay[0])
                self.send_response(code)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except BrokenPipeError:
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def route(self, path, body, code=200, headers=None, delay=None):
        if isinstance(body, (dict, list)):
            body, headers = json.dumps(body).encode(), {"Content-Type": "application/json", **(headers or {})}
        elif isinstance(body, str):
            body = body.encode()
        self.routes[path] = (code, headers or {}, body, *([delay] if delay else []))


@pytest.fixture
def server():
    running = Server()
    yield running
    running.httpd.shutdown()


@pytest.fixture
def watched(org):
    Location.objects.create(organisation=org, name="De Linde")
    return org


def make_source(org, server, kind="rss", path="/feed", query=""):
    url = server.url + path if kind == "rss" else server.url
    return Source.objects.create(organisation=org, name=kind, kind=kind, url=url, query=query, interval_minutes=30)


# RSS and Atom
def test_rss_and_atom_feeds_are_read(db, org, server):
    server.route("/feed", RSS, headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'})
    server.route("/atom", ATOM, headers={"Content-Type": "application/atom+xml"})
    source = make_source(org, server)
    mentions = read_feed(source)
    assert [m.url for m in mentions] == [
        "https://regio.example/1",
        "https://regio.example/2",
        "https://regio.example/3",
    ]
    assert mentions[0].text == "Zorggroep Test opent buurtkamer In De Linde drinken buren koffie."
    assert mentions[0].published.isoformat() == "2026-11-22T08:00:00+00:00"
    assert source.etag == '"v1"'
    atom = read_feed(make_source(org, server, path="/atom"))
    assert (atom[0].author, atom[0].url) == ("Redactie", "https://alerts.example/a")


def test_a_damaged_feed_still_gives_what_can_be_read(db, org, server):
    server.route("/feed", RSS.replace("</channel></rss>", "<item><title>Zorggroep Test & co</title>"))
    mentions = read_feed(make_source(org, server))
    assert "https://regio.example/1" in [m.url for m in mentions]


def test_a_feed_that_did_not_change_is_not_read_again(db, org, server):
    server.route("/feed", b"", code=304)
    source = make_source(org, server)
    source.etag = '"v1"'
    assert read_feed(source) == []
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'


@pytest.mark.parametrize(
    "route, message",
    [
        (("<?xml version='1.0'?><rss><<<kapot>>>", 200), "Geen geldige RSS- of Atom-feed"),
        (("<html><body>Geen feed hier</body></html>", 200), "Geen geldige RSS- of Atom-feed"),
        (("", 500), "HTTP 500"),
        (("weg", 404), "HTTP 404"),
    ],
)
def test_broken_feeds_and_http_errors_are_source_errors(db, org, server, route, message):
    server.route("/feed", route[0], code=route[1])
    with pytest.raises(SourceError, match=message):
        read_feed(make_source(org, server))


def test_a_huge_feed_is_refused_and_a_slow_one_times_out(db, org, server, settings):
    item = "<item><title>Zorggroep Test</title><link>https://x.example/{}</link></item>"
    huge = "<rss><channel>" + "".join(item.format(n) for n in range(80000)) + "</channel></rss>"
    server.route("/huge", huge)
    with pytest.raises(SourceError, match="groter dan 5 MB"):
        read_feed(make_source(org, server, path="/huge"))
    settings.WEBCARE_TIMEOUT = 0.5
    server.route("/slow", RSS, delay=2)
    started = time.monotonic()
    with pytest.raises(SourceError, match="Geen antwoord op tijd"):
        read_feed(make_source(org, server, path="/slow"))
    assert time.monotonic() - started < 2


def test_a_busy_feed_says_when_to_come_back(db, org, server):
    server.route("/feed", "", code=429, headers={"Retry-After": "600"})
    with pytest.raises(RateLimited) as limited:
        read_feed(make_source(org, server))
    assert timedelta(minutes=9) < limited.value.retry_at - timezone.now() <= timedelta(minutes=10)


# Mastodon
def test_a_mastodon_hashtag_is_read_from_where_we_left_off(db, org, server):
    server.route("/api/v1/timelines/tag/lindehof", [status(12, "Zorggroep Test is top"), status(11, "Hallo")])
    source = make_source(org, server, "mastodon", query="#lindehof")
    mentions = read_mastodon(source)
    assert [(m.author, m.text, m.url) for m in mentions][0] == (
        "anna@mastodon.example",
        "Zorggroep Test is top",
        "https://mastodon.example/@anna/12",
    )
    assert source.cursor == "12"
    read_mastodon(source)
    assert "since_id=12" in server.requests[-1][0]


def test_a_mastodon_search_and_its_rate_limit(db, org, server):
    # Mastodon.py asks the server's version before a search, as clients do (docs.joinmastodon.org/methods/instance).
    server.route("/api/v1/instance", {"uri": "mastodon.example", "title": "Test", "version": "4.3.0"})
    server.route(
        "/api/v2/instance",
        {"domain": "mastodon.example", "title": "Test", "version": "4.3.0", "api_versions": {"mastodon": 2}},
    )
    server.route("/api/v2/search", {"accounts": [], "hashtags": [], "statuses": [status(5, "Zorggroep Test")]})
    source = make_source(org, server, "mastodon", query="Zorggroep Test")
    assert read_mastodon(source)[0].external_id == "5"
    reset = (timezone.now() + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    server.route(
        "/api/v2/search",
        {"error": "Too many requests"},
        code=429,
        headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
    )
    with pytest.raises(RateLimited) as limited:
        read_mastodon(source)
    assert limited.value.retry_at > timezone.now()


def test_a_mastodon_server_error_is_a_source_error(db, org, server):
    server.route("/api/v1/timelines/tag/lindehof", {"error": "Record not found"}, code=404)
    with pytest.raises(SourceError):
        read_mastodon(make_source(org, server, "mastodon", query="#lindehof"))


# Bluesky
def test_a_bluesky_search_is_read(db, org, server):
    server.route(
        "/xrpc/app.bsky.feed.searchPosts",
        {"posts": [post_view(1, "Zorggroep Test zoekt vrijwilligers")], "hitsTotal": 1},
    )
    mentions = read_bluesky(make_source(org, server, "bluesky", query="Zorggroep Test"))
    assert mentions[0].url == "https://bsky.app/profile/bram.bsky.social/post/3k1"
    assert (mentions[0].author, mentions[0].text) == ("bram.bsky.social", "Zorggroep Test zoekt vrijwilligers")
    assert "q=Zorggroep" in server.requests[-1][0]


def test_a_bluesky_rate_limit_uses_its_reset_header(db, org, server):
    reset = int((timezone.now() + timedelta(minutes=7)).timestamp())
    server.route(
        "/xrpc/app.bsky.feed.searchPosts",
        {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
        code=429,
        headers={"ratelimit-limit": "3000", "ratelimit-remaining": "0", "ratelimit-reset": str(reset)},
    )
    with pytest.raises(RateLimited) as limited:
        read_bluesky(make_source(org, server, "bluesky", query="Zorggroep Test"))
    assert int(limited.value.retry_at.timestamp()) == reset


# Matching, de-duplication and polling
def test_polling_keeps_matching_new_posts_once(db, watched, server):
    server.route("/feed", RSS)
    source = make_source(watched, server)
    assert domain.poll(source) == 1  # the fietspad is not about us; item 3 is item 1 again in other words
    assert InboxItem.objects.get().url == "https://regio.example/1"
    source.refresh_from_db()
    assert (source.failures, source.last_error) == (0, "") and source.next_poll > timezone.now()
    assert domain.poll(source) == 0  # the same feed again: nothing new


def test_a_failing_source_backs_off_and_the_others_go_on(db, watched, server):
    server.route("/feed", RSS)
    server.route("/broken", "", code=503)
    good, bad = make_source(watched, server), make_source(watched, server, path="/broken")
    now = timezone.now()
    Source.objects.update(next_poll=now - timedelta(minutes=1))
    assert domain.poll_due(now) == 1
    bad.refresh_from_db()
    assert bad.failures == 1 and bad.last_error == "HTTP 503"
    assert bad.next_poll - now == timedelta(minutes=60)  # twice the interval
    Source.objects.filter(pk=bad.pk).update(next_poll=now)
    domain.poll_due(now)
    bad.refresh_from_db()
    assert bad.failures == 2 and bad.next_poll - now == timedelta(minutes=120)
    good.refresh_from_db()
    assert good.failures == 0


def test_a_rate_limited_source_waits_until_the_network_says(db, watched, server):
    server.route("/feed", "", code=429, headers={"Retry-After": "3600"})
    source = make_source(watched, server)
    domain.poll(source)
    source.refresh_from_db()
    assert timedelta(minutes=59) < source.next_poll - timezone.now() <= timedelta(hours=1)
    assert source.failures == 0 and "wachten" in source.last_error


def test_a_source_is_never_polled_twice_at_once(db, watched, server):
    server.route("/feed", RSS)
    source = make_source(watched, server)
    stale = Source.objects.get(pk=source.pk)
    now = timezone.now()
    assert domain.claim(source, now) and not domain.claim(stale, now)


def test_the_poll_command_queues_the_task(db, watched, server, capsys):
    from django.core.management import call_command

    server.route("/feed", RSS)
    make_source(watched, server)
    Source.objects.update(next_poll=timezone.now() - timedelta(minutes=1))
    call_command("poll_sources")
    assert "queued" in capsys.readouterr().out and InboxItem.objects.count() == 1


def test_near_identical_texts_are_one_item(db, watched):
    from deelwijs.webcare.adapters import Mention

    source = Source.objects.create(organisation=watched, name="x", kind="rss", url="https://x.example")
    first = Mention("https://a.example/1", "a", "Zorggroep Test opent een nieuwe buurtkamer in De Linde vandaag", None)
    again = Mention(
        "https://b.example/9", "b", "Zorggroep Test opent een nieuwe buurtkamer in De Linde vandaag!!", None
    )
    almost = Mention(
        "https://c.example/2", "c", "Zorggroep Test opent een nieuwe buurtkamer in De Linde, vandaag.", None
    )
    other = Mention("https://d.example/3", "d", "Zorggroep Test zoekt vrijwilligers voor de dagbesteding", None)
    assert len(domain.store_mentions(source, [first, again, almost, other])) == 2


def test_a_feed_link_that_is_not_a_web_address_is_not_kept_or_rendered(client, people, org, server):
    from django.urls import reverse

    from deelwijs.orgs.tenancy import organisation_scope
    from deelwijs.webcare.models import InboxItem

    hostile = RSS.replace("https://regio.example/1", "javascript:alert(document.cookie)")
    server.route("/feed", hostile, headers={"Content-Type": "application/rss+xml"})
    source = make_source(org, server)
    assert read_feed(source)[0].url == ""
    with organisation_scope(org):
        domain.poll(source)
    item = InboxItem.objects.filter(text__contains="buurtkamer").get()
    assert item.url == ""
    # A link stored before this rule is shown as text, never as a link.
    InboxItem.objects.filter(pk=item.pk).update(url="javascript:alert(1)")
    client.force_login(people["webcare"])
    html = client.get(reverse("inbox_item", args=[item.pk])).content.decode()
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html
