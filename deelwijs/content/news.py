"""Importing the organisation's own news feed (RSS/Atom) as draft items, so the feed never runs dry."""

import logging

import feedparser
import nh3

from deelwijs.common import outbound

from .models import ContentItem, SuggestedText

log = logging.getLogger(__name__)
TIMEOUT = 15
MAX_BYTES = 5 * 1024 * 1024


class NewsFeedError(Exception):
    pass


def fetch(url):
    try:
        response = outbound.fetch(
            url, headers={"User-Agent": "Deelwijs news import"}, max_bytes=MAX_BYTES, timeout=TIMEOUT
        ).raise_for_status()
    except outbound.OutboundError as e:
        raise NewsFeedError(str(e)) from e
    body = response.content
    parsed = feedparser.parse(body)
    # A damaged feed still counts when some articles in it can be read.
    if parsed.bozo and not any(e.get("link") for e in parsed.entries):
        raise NewsFeedError("not a readable RSS or Atom feed")
    return parsed.entries


def import_feed(organisation):
    """Add entries whose link is not in the hub yet as unpublished items with a first suggested text."""
    if not organisation.news_feed_url:
        return 0
    entries = fetch(organisation.news_feed_url)
    links = [e.get("link", "") for e in entries if e.get("link", "").startswith(("http://", "https://"))]
    known = set(ContentItem.objects.filter(link__in=links).values_list("link", flat=True))
    added = 0
    for entry in entries:
        link = entry.get("link", "")
        if not link.startswith(("http://", "https://")) or link in known:
            continue
        title = nh3.clean(entry.get("title", ""), tags=set()).strip()[:200] or link[:200]
        summary = nh3.clean(entry.get("summary", ""), tags=set()).strip()
        item = ContentItem.objects.create(
            organisation=organisation, title=title, link=link[:500], body=summary[:2000], published=False
        )
        SuggestedText.objects.create(item=item, network="linkedin", text=f"{title}\n\nLees het hele bericht:")
        known.add(link)
        added += 1
    return added
