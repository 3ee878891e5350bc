"""Reading the sources: RSS/Atom with feedparser, Mastodon with Mastodon.py, Bluesky with the atproto SDK.

Each adapter returns the source's new posts as Mentions, or raises RateLimited
(with when to come back) or SourceError (with a short reason for the source page).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import nh3
import requests
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijs.common import outbound

MAX_FEED_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 500
USER_AGENT = "Deelwijs webcare (+https://deelwijs.nl)"


@dataclass
class Mention:
    url: str
    author: str
    text: str
    published: datetime | None
    external_id: str = ""

    def __post_init__(self):
        # A feed decides its links: only a web address is kept (never javascript:, data: and the like).
        if not self.url.lower().startswith(("http://", "https://")):
            self.url = ""


class SourceError(Exception):
    pass


class RateLimited(Exception):
    def __init__(self, retry_at):
        super().__init__(f"rate limited until {retry_at:%H:%M}")
        self.retry_at = retry_at


def timeout():
    return getattr(settings, "WEBCARE_TIMEOUT", 10)


def plain(html):
    """Text without markup, with whitespace tidied."""
    return " ".join(nh3.clean(html or "", tags=set()).replace("&amp;", "&").replace("&nbsp;", " ").split())


def retry_at_from_seconds(value, default_minutes=15):
    try:
        return timezone.now() + timedelta(seconds=max(float(value), 1))
    except (TypeError, ValueError):
        return timezone.now() + timedelta(minutes=default_minutes)


def read_feed(source):
    """An RSS or Atom feed, politely: conditional GET, a size cap, a timeout."""
    # Loaded only in the worker that polls, not in every web process.
    import feedparser

    headers = {"User-Agent": USER_AGENT}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.modified:
        headers["If-Modified-Since"] = source.modified
    try:
        response = outbound.fetch(source.url, headers=headers, max_bytes=MAX_FEED_BYTES, timeout=timeout())
    except outbound.OutboundError as e:
        if e.status == "too-large":
            raise SourceError(_("The feed is larger than %(mb)d MB.") % {"mb": MAX_FEED_BYTES // (1024 * 1024)}) from e
        raise SourceError(str(e)) from e
    if response.status_code == 304:
        return []
    if response.status_code == 429 or response.status_code == 503 and "Retry-After" in response.headers:
        raise RateLimited(retry_at_from_seconds(response.headers.get("Retry-After")))
    if response.status_code >= 400:
        raise SourceError(f"HTTP {response.status_code}")
    body = response.content
    source.etag = response.headers.get("ETag", "")[:200]
    source.modified = response.headers.get("Last-Modified", "")[:100]
    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise SourceError(_("Not a valid RSS or Atom feed."))
    mentions = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        when = datetime(*published[:6], tzinfo=UTC) if published else None
        text = " ".join(filter(None, [plain(entry.get("title", "")), plain(entry.get("summary", ""))]))
        mentions.append(
            Mention(
                entry.get("link", ""),
                plain(entry.get("author", "")),
                text,
                when,
                entry.get("id", entry.get("link", "")),
            )
        )
    return mentions


def read_mastodon(source):
    """A hashtag timeline (#zorg) or a search on a Mastodon server, newer than what we saw last."""
    # The network clients load slowly (atproto builds hundreds of models): only in the worker that polls.
    from mastodon import Mastodon, MastodonError, MastodonNetworkError, MastodonRatelimitError

    client = Mastodon(
        api_base_url=source.url,
        session=outbound.session(max_bytes=MAX_FEED_BYTES, timeout=timeout()),
        request_timeout=timeout(),
        ratelimit_method="throw",
        version_check_mode="none",
        user_agent=USER_AGENT,
    )
    query = source.query.strip()
    try:
        if query.startswith("#"):
            statuses = client.timeline_hashtag(query.lstrip("#"), since_id=source.cursor or None, limit=40)
        else:
            statuses = client.search_v2(query, result_type="statuses").get("statuses", [])
    except MastodonRatelimitError as e:
        reset = getattr(client, "ratelimit_reset", None)
        retry = (
            datetime.fromtimestamp(reset, tz=UTC)
            if reset and reset > timezone.now().timestamp()
            else timezone.now() + timedelta(minutes=15)
        )
        raise RateLimited(retry) from e
    except outbound.OutboundError as e:
        raise SourceError(str(e)) from e
    except MastodonNetworkError as e:
        raise SourceError(_("Cannot be reached.")) from e
    except MastodonError as e:
        raise SourceError(str(e)[:200]) from e
    mentions = []
    for status in statuses:
        account = status.get("account") or {}
        mentions.append(
            Mention(
                status.get("url") or status.get("uri", ""),
                account.get("acct", ""),
                plain(status.get("content", "")),
                status.get("created_at"),
                str(status.get("id", "")),
            )
        )
    if mentions and query.startswith("#"):
        source.cursor = max((m.external_id for m in mentions), key=lambda i: (len(i), i))
    return mentions


def read_bluesky(source):
    """A Bluesky post search (app.bsky.feed.searchPosts)."""
    # The network clients load slowly (atproto builds hundreds of models): only in the worker that polls.
    from atproto import Client
    from atproto_client.exceptions import AtProtocolError, NetworkError, RateLimitExceededError
    from atproto_client.request import Request

    # atproto speaks httpx, not requests: its client gets a transport that sends every request (redirects
    # included, each checked again) through the outbound session.
    client = Client(
        base_url=source.url.rstrip("/") + "/xrpc",
        request=Request(timeout=timeout(), transport=outbound_transport()),
    )
    try:
        response = client.app.bsky.feed.search_posts(params={"q": source.query, "limit": 50, "sort": "latest"})
    except RateLimitExceededError as e:
        retry = e.reset_at or (timezone.now() + timedelta(seconds=e.retry_after or 900))
        raise RateLimited(retry) from e
    except NetworkError as e:
        raise SourceError(_("Cannot be reached.")) from e
    except outbound.OutboundError as e:
        raise SourceError(str(e)) from e
    except AtProtocolError as e:
        raise SourceError(str(e)[:200]) from e
    mentions = []
    for post in response.posts:
        rkey = post.uri.rsplit("/", 1)[-1]
        handle = post.author.handle
        published = datetime.fromisoformat(post.indexed_at.replace("Z", "+00:00")) if post.indexed_at else None
        mentions.append(
            Mention(
                f"https://bsky.app/profile/{handle}/post/{rkey}",
                handle,
                getattr(post.record, "text", ""),
                published,
                post.uri,
            )
        )
    return mentions


def outbound_transport():
    """An httpx transport that hands each request to the checked requests session of deelwijs.common.outbound."""
    import httpx

    class Transport(httpx.BaseTransport):
        def __init__(self):
            self.session = outbound.session(max_bytes=MAX_FEED_BYTES, timeout=timeout())

        def handle_request(self, request):
            headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
            try:
                response = self.session.request(
                    request.method,
                    str(request.url),
                    headers=headers,
                    data=request.read() or None,
                    timeout=timeout(),
                    allow_redirects=False,
                )
            except outbound.OutboundError as e:
                raise httpx.ConnectError(str(e), request=request) from e
            except requests.Timeout as e:
                raise httpx.ReadTimeout(_("No answer in time."), request=request) from e
            except requests.RequestException as e:
                raise httpx.ConnectError(str(outbound.unreachable()), request=request) from e
            # requests already decoded the body: the encoding headers no longer describe it.
            kept = [
                (k, v) for k, v in response.headers.items() if k.lower() not in ("content-encoding", "content-length")
            ]
            return httpx.Response(response.status_code, headers=kept, content=response.content, request=request)

        def close(self):
            self.session.close()

    return Transport()


READERS = {"rss": read_feed, "mastodon": read_mastodon, "bluesky": read_bluesky}
