"""Counting clicks on tracked links without storing addresses or cookies."""

import atexit
import hashlib
import logging
import re
import secrets
import threading
import time
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from deelwijs.orgs.tenancy import across_organisations

from .models import Click, DailySalt, TrackedLink

# Crawlers and link-preview fetchers of social networks and chat apps: not people.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|facebot|linkedinbot|twitterbot|slackbot|whatsapp|"
    r"telegrambot|discordbot|skypeuripreview|embedly|quora link|pinterest|bluesky|mastodon|pleroma|akkoma|"
    r"google-inspectiontool|headlesschrome|python-requests|curl|wget|httpclient|okhttp|go-http-client|monitor",
    re.I,
)
_salt_cache = {}
log = logging.getLogger(__name__)


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


@lru_cache(maxsize=20000)
def find_link(code):
    """(id, target) of a short link."""
    # Anyone on the internet follows a short link, signed in or not: found by its code in any organisation.
    with across_organisations():
        return TrackedLink.objects.filter(code=code).values_list("pk", "target_url").first()


class ClickBuffer:
    """Clicks collected in this process and written in one multi-row insert.

    A busy link would otherwise cost a database commit per visitor. Rows are
    written when the buffer holds `size` clicks, when the oldest is `seconds`
    old (a background thread checks), and when the process exits; a hard
    crash loses at most that last second of statistics.
    """

    def __init__(self, seconds, size=500):
        self.seconds, self.size = seconds, size
        self.rows, self.oldest = [], 0.0
        self.lock = threading.Lock()
        # Held while writing, so the flush at exit waits for a batch the thread is writing.
        self.write_lock = threading.Lock()
        self.thread = None

    def add(self, row):
        if self.seconds <= 0:
            self._write([row])
            return
        with self.lock:
            if not self.rows:
                self.oldest = time.monotonic()
            self.rows.append(row)
            full = len(self.rows) >= self.size
        self._start()
        if full:
            self.flush()

    def flush(self):
        with self.write_lock:
            with self.lock:
                rows, self.rows = self.rows, []
            if rows:
                self._write(rows)

    def _write(self, rows):
        # Clicks of every organisation's links share one buffer; each row points at its own link.
        with across_organisations():
            Click.objects.bulk_create(rows, batch_size=self.size)

    def _start(self):
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="click-buffer", daemon=True)
            self.thread.start()
            atexit.register(self.flush)

    def _run(self):
        while True:
            time.sleep(self.seconds / 2)
            if self.rows and time.monotonic() - self.oldest >= self.seconds:
                try:
                    self.flush()
                except Exception:  # the thread must survive a database hiccup
                    log.exception("writing clicks failed")


buffer = ClickBuffer(getattr(settings, "CLICK_BUFFER_SECONDS", 1.0))


def record_click(link_id, address, user_agent):
    """Count one click; bots and link previews are not counted."""
    if is_bot(user_agent):
        return False
    day = timezone.localdate()
    visitor = hashlib.sha256(f"{salt_for(day)}|{address}|{user_agent}".encode()).hexdigest()
    buffer.add(Click(link_id=link_id, day=day, visitor=visitor))
    return True


def forget_old_salts():
    """Delete salts of past days (run daily by the worker): yesterday's hashes become unlinkable."""
    DailySalt.objects.filter(day__lt=timezone.localdate()).delete()
