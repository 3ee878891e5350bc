"""Counting clicks on tracked links without storing addresses or cookies."""

import hashlib
import re
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import ClickVisitor, DailySalt, TrackedLink

# Crawlers and link-preview fetchers of social networks and chat apps: not people.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|facebot|linkedinbot|twitterbot|slackbot|whatsapp|"
    r"telegrambot|discordbot|skypeuripreview|embedly|quora link|pinterest|bluesky|mastodon|pleroma|akkoma|"
    r"google-inspectiontool|headlesschrome|python-requests|curl|wget|httpclient|okhttp|go-http-client|monitor",
    re.I,
)
_salt_cache = {}


def is_bot(user_agent):
    return not user_agent or bool(BOTS.search(user_agent))


def salt_for(day):
    salt = _salt_cache.get(day)
    if salt is None:
        try:
            with transaction.atomic():
                salt = DailySalt.objects.get_or_create(day=day, defaults={"salt": secrets.token_hex(32)})[0].salt
        except IntegrityError:  # another worker made today's salt at the same moment
            salt = DailySalt.objects.get(day=day).salt
        _salt_cache.clear()
        _salt_cache[day] = salt
    return salt


def record_click(link_id, address, user_agent):
    """Count one click; remember a salted hash so unique visitors can be counted per day."""
    if is_bot(user_agent):
        return False
    day = timezone.localdate()
    visitor = hashlib.sha256(f"{salt_for(day)}|{address}|{user_agent}".encode()).hexdigest()
    TrackedLink.objects.filter(pk=link_id).update(clicks=F("clicks") + 1)
    ClickVisitor.objects.bulk_create([ClickVisitor(link_id=link_id, day=day, visitor=visitor)], ignore_conflicts=True)
    return True


def forget_old_salts():
    """Delete salts of past days (run daily by the worker): yesterday's hashes become unlinkable."""
    DailySalt.objects.filter(day__lt=timezone.localdate()).delete()
