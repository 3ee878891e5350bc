"""The one door out (deelwijs/common/outbound.py) against a real HTTP server on 127.0.0.1.

The test settings allow 127.0.0.1 and localhost so the other tests can serve feeds and an OpenID provider
locally; every test here starts from an empty allowance and adds to it only where it says so.
"""

import socket
import time

import pytest
from django.urls import reverse

from deelwijs.common import outbound
from deelwijs.content import news
from deelwijs.webcare.adapters import SourceError, read_bluesky, read_feed, read_mastodon
from deelwijs.webcare.models import Source

from ..web.test_webcare_sources import RSS, Server

UNREACHABLE = "Het adres kon niet worden bereikt."
SECRET = "GEHEIM-LICHAAM-4711"


@pytest.fixture(autouse=True)
def nothing_allowed(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = []
    return settings


@pytest.fixture(autouse=True)
def only_loopback_is_ever_dialled(monkeypatch):
    """Should the module ever let a private address through, the test fails here instead of sending traffic."""
    connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1"):
            raise AssertionError(f"a test tried to connect to {host}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def server():
    running = Server()
    running.route("/feed", RSS, headers={"Content-Type": "application/rss+xml"})
    running.route("/secret", f"<html>{SECRET} database password</html>", code=500)
    running.route("/huge", b"x" * 200_000)
    running.route("/slow", RSS, delay=2)
    yield running
    running.httpd.shutdown()


def port_of(server):
    return server.httpd.server_address[1]


def refused(url, **kwargs):
    with pytest.raises(outbound.OutboundError) as error:
        outbound.fetch(url, **kwargs)
    return str(error.value)


def test_a_local_server_is_refused_by_default_and_allowed_when_listed(server, settings):
    assert refused(server.url + "/feed") == UNREACHABLE
    assert server.requests == []  # refused before connecting, not after
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    response = outbound.fetch(server.url + "/feed")
    assert response.status_code == 200 and b"Zorggroep Test" in response.content


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://10.255.1.2:8080/feed",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/",  # 169.254.169.254, IPv4-mapped
        "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
        "http://[64:ff9b::a00:1]/",  # NAT64 of 10.0.0.1
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://0.0.0.0/",
        "http://0/",
        "http://2130706433/",  # 127.0.0.1 as one number
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://localhost/",
        "http://LOCALHOST./",
    ],
)
def test_private_and_special_addresses_are_refused(url):
    assert refused(url, timeout=(0.5, 0.5)) == UNREACHABLE


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://127.0.0.1/", "http:///x", ""])
def test_only_http_and_https(url):
    assert refused(url) == UNREACHABLE


def test_a_name_resolving_to_loopback_is_refused(server):
    assert refused(f"http://localhost:{port_of(server)}/feed") == UNREACHABLE
    assert server.requests == []


def test_a_name_with_one_public_and_one_private_address_is_refused(monkeypatch):
    def resolve(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
        ]

    monkeypatch.setattr(outbound.socket, "getaddrinfo", resolve)
    assert refused("http://twee.example/") == UNREACHABLE


def test_the_check_is_repeated_at_connect_time(server, monkeypatch):
    """DNS rebinding: public when asked first, loopback when the connection is made; the second answer counts."""
    answers = iter(["93.184.216.34", "127.0.0.1"])

    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(outbound.socket, "getaddrinfo", resolve)
    outbound.check_url(f"http://rebind.example:{port_of(server)}/feed")  # the first look says public
    assert refused(f"http://rebind.example:{port_of(server)}/feed") == UNREACHABLE
    assert server.requests == []


def test_the_connection_goes_to_the_vetted_address_and_keeps_the_name(server, settings, monkeypatch):
    settings.OUTBOUND_ALLOWED_HOSTS = ["intranet.zorg.example"]
    real = socket.getaddrinfo
    monkeypatch.setattr(
        outbound.socket,
        "getaddrinfo",
        lambda host, *a, **k: real("127.0.0.1" if host == "intranet.zorg.example" else host, *a, **k),
    )
    response = outbound.fetch(f"http://intranet.zorg.example:{port_of(server)}/feed")
    assert response.status_code == 200
    assert server.requests[-1][1]["Host"] == f"intranet.zorg.example:{port_of(server)}"


def test_a_redirect_from_an_allowed_server_to_a_private_address_is_refused(server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    server.route("/to-metadata", "", code=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    server.route("/to-localhost", "", code=301, headers={"Location": f"http://localhost:{port_of(server)}/feed"})
    server.route("/to-allowed", "", code=302, headers={"Location": "/feed"})
    assert refused(server.url + "/to-metadata") == UNREACHABLE
    assert refused(server.url + "/to-localhost") == UNREACHABLE
    assert [path for path, _ in server.requests] == ["/to-metadata", "/to-localhost"]
    assert outbound.fetch(server.url + "/to-allowed").url.endswith("/feed")


def test_redirects_are_followed_at_most_five_times(server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    server.route("/loop", "", code=302, headers={"Location": "/loop"})
    assert refused(server.url + "/loop") == "Te veel doorverwijzingen."
    assert len(server.requests) == outbound.MAX_REDIRECTS + 1


def test_size_and_time_are_bounded(server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    assert "groter dan" in refused(server.url + "/huge", max_bytes=100_000)
    assert len(outbound.fetch(server.url + "/huge", max_bytes=300_000).content) == 200_000
    started = time.monotonic()
    assert refused(server.url + "/slow", timeout=(0.5, 0.5)) == "Geen antwoord op tijd."
    assert time.monotonic() - started < 2


def test_the_session_for_clients_caps_the_body_too(server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    with outbound.session(max_bytes=100_000) as s, pytest.raises(outbound.OutboundError):
        s.get(server.url + "/huge")
    with outbound.session() as s, pytest.raises(outbound.OutboundError):
        s.get(f"http://localhost:{port_of(server)}/feed")  # not allowed: only 127.0.0.1 is


def test_error_texts_never_carry_the_remote_body(db, org, server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    with pytest.raises(outbound.OutboundError) as error:
        outbound.fetch(server.url + "/secret").raise_for_status()
    assert SECRET not in str(error.value) and "HTTP 500" in str(error.value)
    org.news_feed_url = server.url + "/secret"
    with pytest.raises(news.NewsFeedError) as error:
        news.import_feed(org)
    assert SECRET not in str(error.value)
    source = Source.objects.create(organisation=org, name="x", kind="rss", url=server.url + "/secret")
    with pytest.raises(SourceError) as error:
        read_feed(source)
    assert SECRET not in str(error.value)


def test_closed_and_filtered_ports_read_the_same(settings, monkeypatch):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert refused(f"http://127.0.0.1:{closed}/", timeout=(0.5, 0.5)) == UNREACHABLE

    class Filtered(socket.socket):
        """A firewall that drops the packets: the connection attempt times out."""

        def connect(self, address):
            raise TimeoutError("timed out")

    monkeypatch.setattr(socket, "socket", Filtered)
    assert refused(f"http://127.0.0.1:{closed}/", timeout=(0.5, 0.5)) == UNREACHABLE


def test_webcare_sources_and_the_news_import_are_refused_locally(db, org, server):
    for kind, query in [("rss", ""), ("mastodon", "#zorg"), ("bluesky", "zorg")]:
        url = server.url + "/feed" if kind == "rss" else server.url
        source = Source.objects.create(organisation=org, name=kind, kind=kind, url=url, query=query)
        reader = {"rss": read_feed, "mastodon": read_mastodon, "bluesky": read_bluesky}[kind]
        with pytest.raises(SourceError):
            reader(source)
    org.news_feed_url = server.url + "/feed"
    with pytest.raises(news.NewsFeedError, match=UNREACHABLE):
        news.import_feed(org)
    assert server.requests == []


def test_the_anonymous_sso_start_does_not_fetch_from_a_private_address(client, org, server):
    org.oidc_issuer, org.oidc_client_id, org.oidc_client_secret = server.url + "/o", "x", "y"
    org.save()
    response = client.get(reverse("sso_start", kwargs={"slug": org.slug}))
    assert response.url == reverse("login")
    assert server.requests == []


def test_bluesky_goes_through_the_checked_transport(db, org, server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    server.route("/xrpc/app.bsky.feed.searchPosts", {"posts": []})
    source = Source.objects.create(organisation=org, name="b", kind="bluesky", url=server.url, query="zorg")
    assert read_bluesky(source) == []
    server.route("/xrpc/app.bsky.feed.searchPosts", "", code=302, headers={"Location": "http://169.254.169.254/"})
    with pytest.raises(SourceError):
        read_bluesky(source)


def test_the_sso_token_call_goes_through_the_checked_transport(org, server, rf):
    from deelwijs.orgs import sso

    org.oidc_client_id, org.oidc_client_secret = "x", "y"
    client = sso._client(org, rf.get("/"))
    assert isinstance(client.get_adapter("https://idp.example/"), outbound.VettedAdapter)
    with pytest.raises(outbound.OutboundError):
        client.fetch_token(server.url + "/token", code="c", code_verifier="v" * 43, timeout=1)
    assert server.requests == []
