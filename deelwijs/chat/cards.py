"""The cards Deelwijs posts in Teams and Slack, made once and written three ways: an Adaptive Card for Teams,
Block Kit for Slack, and HTML for the preview on the channel's page.

What a card may carry is decided here, for every kind alike:

- the title of an item, and its background text (``body``) as a short intro;
- for webcare, where an item came from, its urgency and when it should be answered, and a short excerpt;
- links into Deelwijs only (settings.SITE_URL), where the person signs in and sees what their roles allow.

Never a photo (a photo may show clients; the public copy is for the networks, not for a chat that may have
guests), never an author or a handle, never a link to the post itself. The intro and the excerpt go through the
berichtcheck first: what it reads as client data, personal data, contact with a client or confidential is
replaced by "[…]", as are @handles and links; the rest is cut short.

Teams reads Markdown in a TextBlock (a title "[klik](https://...)" would become a link) and has no reliable way
to escape it, so our own fixed words go in TextBlocks and everything people wrote in a RichTextBlock's TextRun,
which Teams shows as plain text. Slack's mrkdwn gets &, < and > escaped and ``verbatim`` so it links nothing by
itself; its limits (a header of 150 characters, a section of 3000, 50 blocks) are kept here.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deelwijs.common.dates import short_date
from deelwijs.guard import check
from deelwijs.webcare.models import InboxItem

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
INTRO_LENGTH = 200
EXCERPT_LENGTH = 140
CHECKED_LENGTH = 1_000  # of a long text only the start is checked and shown
# Slack's limits (api.slack.com/reference/block-kit/blocks).
SLACK_HEADER, SLACK_SECTION, SLACK_FIELD, SLACK_BUTTON, SLACK_BLOCKS, SLACK_FIELDS = 150, 3000, 2000, 75, 50, 10
TEAMS_TITLE, TEAMS_TEXT = 300, 3000
MASKED_CATEGORIES = {"client_privacy", "personal_data", "client_contact", "confidential"}
MASK = "[…]"
HANDLE = re.compile(r"(?<![\w@])@[\w.-]+(?:@[\w.-]+)?")
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    title: str  # our words
    url: str  # absolute, inside settings.SITE_URL


@dataclass(frozen=True)
class Entry:
    """One item of the digest."""

    title: str
    url: str
    text: str = ""


@dataclass(frozen=True)
class Card:
    kicker: str  # our words: what kind of card this is
    title: str  # people's words
    text: str = ""  # people's words, already masked and cut short
    facts: tuple = ()  # (our label, value)
    entries: tuple = ()  # Entry
    actions: tuple = ()  # Link
    fallback: str = ""  # one line for the notification and for clients that show no cards
    urgent: bool = False


def site_url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def clip(text, limit):
    """At most ``limit`` characters, cut at a word where one is near, with "…"."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut).rstrip(" ,.;:") + "…"


def masked(text, policy, limit):
    """A short, single-line version of a text with no client data in it, as far as the berichtcheck can tell."""
    text = " ".join((text or "").split())[:CHECKED_LENGTH]
    text = LINK.sub(MASK, HANDLE.sub(MASK, text))
    report = check(text, "linkedin", policy)
    spans = sorted((f.start, f.end) for f in report.findings if f.category in MASKED_CATEGORIES and f.end > f.start)
    parts, at = [], 0
    for start, end in spans:
        if end <= at:
            continue
        parts += [text[at : max(start, at)], MASK]
        at = end
    parts.append(text[at:])
    return clip(re.sub(r"(?:\[…\]\s*){2,}", MASK + " ", "".join(parts)), limit)


# The cards


def item_card(item, policy, team=None):
    facts = ((_("For"), team.name),) if team else ()
    return Card(
        kicker=_("New to share in Deelwijs"),
        title=item.title,
        text=masked(item.body, policy, INTRO_LENGTH),
        facts=facts,
        actions=(Link(_("View and share"), site_url("share", item.pk)),),
        fallback=_("New to share: %(title)s") % {"title": clip(item.title, 200)},
    )


def digest_card(items, policy, team=None):
    entries = tuple(
        Entry(item.title, site_url("share", item.pk), masked(item.body, policy, INTRO_LENGTH)) for item in items
    )
    count = ngettext("%(n)s item to share this week", "%(n)s items to share this week", len(entries)) % {
        "n": len(entries)
    }
    return Card(
        kicker=_("Weekly digest of Deelwijs"),
        title=_("New to share this week"),
        text=count,
        facts=((_("For"), team.name),) if team else (),
        entries=entries,
        actions=(Link(_("Everything to share"), site_url("feed")),),
        fallback=count,
    )


def webcare_card(inbox_item, policy):
    if inbox_item.kind == InboxItem.MENTION and inbox_item.source_id:
        where = _("A mention on %(network)s") % {"network": inbox_item.source.get_kind_display()}
    else:
        where = _("Reported by a colleague")
    excerpt = masked(inbox_item.text, policy, EXCERPT_LENGTH)
    return Card(
        kicker=_("Urgent for webcare"),
        title=_("An urgent item in the webcare inbox"),
        text=f"“{excerpt}”" if excerpt else "",
        facts=(
            (_("Where"), where),
            (_("Urgency"), str(inbox_item.get_priority_display())),
            (_("Answer before"), short_date(inbox_item.due_at, "j M H:i")),
        ),
        actions=(Link(_("Open in the inbox"), site_url("inbox_item", inbox_item.pk)),),
        fallback=_("Urgent for webcare: %(where)s") % {"where": where},
        urgent=True,
    )


def trial_card(channel):
    wanted = [
        label
        for label, wanted in (
            (_("new items to share"), channel.sends_items),
            (_("the weekly digest"), channel.sends_digest),
            (_("urgent webcare items"), channel.sends_webcare),
        )
        if wanted
    ]
    return Card(
        kicker=_("Test message from Deelwijs"),
        title=_("Deelwijs can reach this channel"),
        text=_("This channel hears of: %(what)s.") % {"what": ", ".join(wanted) or "—"},
        facts=((_("Channel"), channel.name),),
        actions=(Link(_("Open Deelwijs"), site_url("home")),),
        fallback=_("Test message from Deelwijs"),
    )


# Examples for the channel's page, where it has nothing real to show (no items this week; webcare always).


def example_item_card(team=None):
    return Card(
        kicker=_("New to share in Deelwijs"),
        title=_("Example: open day at our location on Saturday"),
        text=_("The first lines of the item's background text, without names or other client details."),
        facts=((_("For"), team.name),) if team else (),
        actions=(Link(_("View and share"), site_url("feed")),),
    )


def example_digest_card(team=None):
    entries = tuple(
        Entry(title, site_url("feed"), _("The first lines of the item's background text."))
        for title in (_("Example: our new colleagues"), _("Example: open day on Saturday"))
    )
    return Card(
        kicker=_("Weekly digest of Deelwijs"),
        title=_("New to share this week"),
        text=ngettext("%(n)s item to share this week", "%(n)s items to share this week", 2) % {"n": 2},
        facts=((_("For"), team.name),) if team else (),
        entries=entries,
        actions=(Link(_("Everything to share"), site_url("feed")),),
    )


def example_webcare_card(now):
    return Card(
        kicker=_("Urgent for webcare"),
        title=_("An urgent item in the webcare inbox"),
        text="“" + _("Example: a short excerpt, with names, handles and links left out as […]") + "”",
        facts=(
            (_("Where"), _("A mention on %(network)s") % {"network": "Mastodon"}),
            (_("Urgency"), str(dict(InboxItem.PRIORITIES)[InboxItem.URGENT])),
            (_("Answer before"), short_date(now + timedelta(hours=1), "j M H:i")),
        ),
        actions=(Link(_("Open in the inbox"), site_url("inbox")),),
        urgent=True,
    )


# Teams: a message with one Adaptive Card, as Teams' Workflows ("when a Teams webhook request is received") take it.


def _teams_text(text, limit):
    # {{DATE(...)}} and {{TIME(...)}} are functions in a card's text: a brace pair of people's own stays text.
    return clip(text, limit).replace("{{", "{\u200b{")


def _run(text, limit=TEAMS_TEXT, **style):
    return {"type": "TextRun", "text": _teams_text(text, limit), **style}


def to_teams(card):
    body = [
        {
            "type": "TextBlock",
            "text": card.kicker,
            "size": "Small",
            "weight": "Bolder",
            "color": "Attention" if card.urgent else "Accent",
            "wrap": True,
        },
        {"type": "RichTextBlock", "inlines": [_run(card.title, TEAMS_TITLE, size="Large", weight="Bolder")]},
    ]
    if card.text:
        body.append({"type": "RichTextBlock", "inlines": [_run(card.text)]})
    for label, value in card.facts:
        body.append({"type": "RichTextBlock", "inlines": [_run(f"{label}: ", 100, weight="Bolder"), _run(value, 300)]})
    for entry in card.entries:
        inlines = [
            _run(entry.title, TEAMS_TITLE, weight="Bolder", selectAction={"type": "Action.OpenUrl", "url": entry.url})
        ]
        if entry.text:
            inlines.append(_run(" – " + entry.text, isSubtle=True))
        body.append({"type": "RichTextBlock", "inlines": inlines, "separator": True})
    content = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
        "actions": [{"type": "Action.OpenUrl", "title": a.title, "url": a.url} for a in card.actions],
    }
    return {"type": "message", "attachments": [{"contentType": ADAPTIVE_CARD, "contentUrl": None, "content": content}]}


# Slack: Block Kit, for an app's incoming webhook.


def slack_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mrkdwn(text, limit):
    """People's text for mrkdwn: escaped, and cut so that what is sent (escapes included) stays within limit."""
    text, out, used = " ".join(text.split()), [], 0
    for char in text:
        escaped = slack_escape(char)
        if used + len(escaped) > limit - 1:
            out.append("…")
            break
        out.append(escaped)
        used += len(escaped)
    return "".join(out)


def _section(text):
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def to_slack(card):
    blocks = [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": _mrkdwn(card.kicker, 200), "verbatim": True}]},
        {"type": "header", "text": {"type": "plain_text", "text": clip(card.title, SLACK_HEADER), "emoji": False}},
    ]
    if card.text:
        blocks.append(_section(_mrkdwn(card.text, SLACK_SECTION)))
    if card.facts:
        fields = [
            {
                "type": "mrkdwn",
                "text": f"*{_mrkdwn(label, 100)}*\n{_mrkdwn(value, SLACK_FIELD - 110)}",
                "verbatim": True,
            }
            for label, value in card.facts[:SLACK_FIELDS]
        ]
        blocks.append({"type": "section", "fields": fields})
    room = SLACK_BLOCKS - len(blocks) - 1  # the buttons come last
    for entry in card.entries[:room]:
        title = _mrkdwn(entry.title, 300)
        text = f"*<{entry.url}|{title}>*"
        if entry.text:
            text += "\n" + _mrkdwn(entry.text, SLACK_SECTION - len(text) - 1)
        blocks.append(_section(text))
    if card.actions:
        buttons = [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": clip(a.title, SLACK_BUTTON), "emoji": False},
                "url": a.url,
                "action_id": f"deelwijs-{number}",
            }
            for number, a in enumerate(card.actions, start=1)
        ]
        blocks.append({"type": "actions", "elements": buttons})
    return {"text": _mrkdwn(card.fallback or card.title, 500), "blocks": blocks}


def render(card, kind):
    """The JSON body for a channel of this kind."""
    return to_teams(card) if kind == "teams" else to_slack(card)
