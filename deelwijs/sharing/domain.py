"""Business rules for sharing."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijs.common.forms import storable
from deelwijs.consent import domain as consent
from deelwijs.consent.models import STAFF_SOCIAL
from deelwijs.consent.uses import Shared, photos_ending
from deelwijs.content import photochecks
from deelwijs.content.models import SHARE_NETWORK_LABELS, SHARE_NETWORKS, ContentItem, SuggestedText
from deelwijs.guard import FIVE_QUESTIONS, PLATFORMS, check, count_rules, length
from deelwijs.learning.domain import lesson_links
from deelwijs.orgs.roles import CLIENTS, STAFF, VOLUNTEERS

from .models import Share, TrackedLink, new_code

# A part of a text left to fill in: "[name of the event]", on one line, not a link's [text](url) in Markdown.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\](?!\()")


# Words of a feed search: a few, each of sensible length, so a pasted page cannot make a query of thousands of LIKEs.
SEARCH_WORDS = 8


def feed_items(person):
    """The live items meant for this person, pinned and newest first, with 'already shared' marked."""
    shared = Share.objects.filter(item=OuterRef("pk"), person=person)
    return (
        ContentItem.objects.live()
        .for_person(person)
        .select_related("campaign", "image")
        .prefetch_related("topics")
        .annotate(shared=Exists(shared))
        .order_by("-pinned", "-starts_at", "-pk")
    )


def search_feed(items, query):
    """Items whose title, background text or one of its suggested texts holds every word of the query."""
    for word in query.split()[:SEARCH_WORDS]:
        in_texts = SuggestedText.objects.filter(item=OuterRef("pk"), text__icontains=word)
        items = items.filter(Q(title__icontains=word) | Q(body__icontains=word) | Exists(in_texts))
    return items


def with_cards(items):
    """The feed's items with their suggested texts at hand (one query for a page), for the cards."""
    return items.prefetch_related(Prefetch("suggested_texts", queryset=SuggestedText.objects.order_by("pk")))


def card(item):
    """What a feed card shows besides the title: a teaser, and the networks with a ready text in menu order."""
    texts = list(item.suggested_texts.all())
    ready = {text.network for text in texts}
    return {
        "teaser": item.body or (texts[0].text if texts else ""),
        "networks": [label for code, label in SHARE_NETWORKS if code in ready],
    }


def with_utm(url, network, item):
    """The item's link with UTM parameters, keeping what the link already carries."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    query += [
        ("utm_source", network),
        ("utm_medium", "deelwijs"),
        ("utm_campaign", item.campaign.slug if item.campaign_id else "deelwijs"),
        ("utm_content", f"item-{item.pk}"),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def short_url(code):
    """The tracked short link as it is appended to the text: SITE_URL/s/<code>."""
    return settings.SITE_URL + reverse("tracked_link", kwargs={"code": code})


def appended_link(item):
    """The short link the share of this item will carry, or None when the item has no link.

    The share does not exist yet while the text is checked, so this is a stand-in of
    the same length; the network's length limit counts it as the real one.
    """
    return short_url("0" * len(new_code())) if item is not None and item.link else None


def photo_verdict(person, item):
    """What the photo consent says about sharing the item's photo on one's own network (staff's own social
    media): a warning, or a block when the organisation blocks."""
    return consent.verdict(person.organisation, item.image if item.image_id else None, [STAFF_SOCIAL])


def check_text(person, text, network, lang="nl", link=None):
    """The post check of a text for a network, against the person's organisation's policy.

    link: the short link the share flow appends to the text, counted in the network's length.
    """
    lang = lang if lang in ("nl", "en") else "nl"
    return check(text, network, person.organisation.guard_policy(), lang=lang, appended_link=link)


def refuse_unless_postable(person, text, network, confirmed=False, lang="nl", link=None):
    """Raise a ValidationError when a text may not go out yet: empty, blocked by the post check, or with
    warnings the person did not confirm. Returns the post check's report."""
    if not text.strip():
        raise ValidationError(_("Write a text before you share."), code="empty")
    # What no database column takes (PostgreSQL refuses a NUL), refused in the words every form uses.
    ProhibitNullCharactersValidator()(text)
    storable(text)
    report = check_text(person, text, network, lang, link=link)
    if report.blocked:
        raise ValidationError(_("First change what the post check blocks."), code="blocked")
    if report.needs_confirmation and not confirmed:
        raise ValidationError(_("Read the warnings and confirm that you still want to share this."), code="unconfirmed")
    return report


def placeholders(text):
    """The parts of a text still between square brackets, as a format leaves them: ["[date]", "[link]"]."""
    return PLACEHOLDER.findall(text)


# Whom to ask when in doubt, as the fifth question says it to a volunteer or a client (staff ask a colleague).
ASK_FIRST = {
    VOLUNTEERS: gettext_lazy("In doubt? Ask your contact person or communications first."),
    CLIENTS: gettext_lazy("In doubt? Ask your carer or someone you trust first."),
}


def five_questions(lang, audience):
    questions = list(FIVE_QUESTIONS["en" if lang == "en" else "nl"])
    if audience in ASK_FIRST:
        questions[-1] = str(ASK_FIRST[audience])
    return questions


def nudges(text, suggestion, person):
    """Friendly advice that is not a policy finding, for who the person is."""
    organisation = person.organisation
    advice = []
    if placeholders(text):
        advice.append(_("Fill in the parts between [square brackets] with your own words."))
    if suggestion and " ".join(text.split()) == " ".join(suggestion.split()):
        advice.append(_("Add a sentence of your own: posts identical to the suggestion read as advertising."))
    low = text.lower()
    own_words = ("ik werk", "mijn werk", "collega", "wij ", "we ", "ons team", organisation.name.lower())
    # A client is never nudged to tell that they receive care: that is theirs to tell or not.
    if person.audience == VOLUNTEERS and not any(w in low for w in (*own_words, "vrijwillig")):
        advice.append(
            _("Say that you volunteer at %(org)s, so readers know why you share this.") % {"org": organisation.name}
        )
    elif person.audience == STAFF and not any(w in low for w in own_words):
        advice.append(
            _("Say that you work at %(org)s, so readers know why you share this.") % {"org": organisation.name}
        )
    return advice


def editor_context(person, lang, network, text, suggestion, report, item=None):
    """What the share editor (sharing/_editor.html) shows around a text, for an item or a post format: the
    findings, and a preview with a counter that counts the link the share of the item will add."""
    link = appended_link(item)
    return {
        "network": network,
        "network_label": SHARE_NETWORK_LABELS[network],
        "text": text,
        "suggestion": suggestion,
        "report": report,
        "nudges": nudges(text, suggestion, person) if report else [],
        "questions": five_questions(lang, person.audience),
        "lessons": lesson_links(person.organisation),
        "severity_labels": {
            "block": _("Blocks"),
            "warn": _("Warning"),
            "hint": _("Tip"),
            "clean": _("The post check found nothing: this fits the policy."),
            "lesson": _("Why? Read the lesson"),
            # The line above the text, so a phone shows the outcome while typing (the findings are below it).
            "summary_block": _("The post check stops this text: see the points below the text."),
            "summary_warn": _("The post check has warnings: read them below the text before you share."),
        },
        "preview": preview(network, person.full_name, SHARE_NETWORK_LABELS[network], item, link),
        "counter": counter(text, network, link),
        "counter_data": counter_data(network, link),
    }


# The editor's counter (static/js/preview.js) and its first state in the page count a text as the post check's
# length rule does: guard.length on the server, the same rules (guard.count_rules) in the browser. It warns from
# this share of the network's limit on; the check on the server stays the one that blocks.
NEAR_LIMIT = 0.9


def counted_network(network):
    """The network whose rules count a text: a share network is one of the check's platforms; another network
    (a YouTube account) is checked as LinkedIn, as planning.domain.platform_of does."""
    return network if network in PLATFORMS else "linkedin"


def counter_words():
    """The counter's sentences, with {placeholders} that the page and the script fill in the same way."""
    return {
        "count": _("{count} of {limit} characters"),
        "count_link": _("{count} of {limit} characters, with the link the share adds ({link})"),
        "no_limit": _("{count} characters"),
        "near": _("Almost at the limit: {left} left."),
        "over": _("{over} too many: {network} takes {limit}."),
    }


def counter(text, network, link=None):
    """The counter as the page shows it before any script runs: {state: ok|near|over, text}."""
    words = counter_words()
    measured = length(text, counted_network(network), link)
    if measured is None:
        return {"state": "ok", "text": words["no_limit"].format(count=len(text))}
    values = {"count": measured.counted, "limit": measured.limit, "link": measured.link}
    sentence = words["count_link" if measured.link else "count"].format(**values)
    if measured.counted > measured.limit:
        network_name = count_rules()["networks"][counted_network(network)]["name"]
        over = words["over"].format(over=measured.counted - measured.limit, network=network_name, **values)
        return {"state": "over", "text": f"{sentence}. {over}"}
    if measured.counted >= NEAR_LIMIT * measured.limit:
        near = words["near"].format(left=measured.limit - measured.counted)
        return {"state": "near", "text": f"{sentence}. {near}"}
    return {"state": "ok", "text": sentence}


def counter_data(network, link=None, targets=None):
    """What the editor's script needs to count as the server does, for a JSON script tag (CSP: no inline script):
    the network, the link the share adds (None without), every network's rules, the threshold and the words.
    targets: for the planned-post editor, what each choice of account means ({value: {network, name, label}})."""
    return {
        "network": counted_network(network),
        "link": link,
        "near": NEAR_LIMIT,
        "words": counter_words(),
        "targets": targets or {},
        **count_rules(),
    }


def preview(network, name, label, item=None, link=None):
    """How a share will look on the network: who posts it, the text, and the link as the network shows it, a card
    of the item on LinkedIn and Facebook (they take only the link), the short link after the text elsewhere."""
    rules = count_rules()["networks"].get(counted_network(network), {})
    apart = rules.get("link_apart", False)
    card = None
    if item is not None and item.link and apart:
        card = {
            "title": item.title,
            "site": urlsplit(item.link).hostname or "",
            "image": reverse("item_image", kwargs={"pk": item.pk, "size": "klein"}) if item.image_id else "",
            "alt": item.image.alt if item.image_id else "",
        }
    return {
        "name": name,
        "label": label,
        "link": None if apart else link,
        # The real short link exists once the share does: the preview shows its site and path, not a code.
        "link_shown": link.rsplit("/", 1)[0] + "/…" if link else "",
        "separator": rules.get("separator", "\n\n"),
        "card": card,
    }


@transaction.atomic
def record_share(person, item, network, text, confirmed=False, lang="nl"):
    """Record who shared which item where, with a tracked short link when the item has a link.

    Whoever calls it, the text is checked here: an empty text, a text the post check
    blocks, and a text with warnings the person did not confirm are refused with a
    ValidationError and nothing is recorded. So is a photo with people in it without
    valid consent for staff's own social media, where the organisation blocks that, and
    a photo whose photo check blocks (until it is blurred or communications keeps it).
    """
    # The photo's consent is the item's; the text is checked as every text that goes out (refuse_unless_postable).
    if text.strip() and photo_verdict(person, item).blocks:
        raise ValidationError(
            _("This photo may not be shared yet: not everyone in it has agreed. Communications can fix this."),
            code="consent",
        )
    refuse_unless_postable(person, text, network, confirmed, lang, link=appended_link(item))
    # After the text: what is wrong with the text the sharer fixes; the photo is for communications to blur.
    if item.image_id and photochecks.blocks(item.image_id):
        raise ValidationError(
            _(
                "This photo may not be shared as it is: the photo check found something that blocks (see beside "
                "the photo). Communications can blur it."
            ),
            code="photo_check",
        )
    team = person.teams.select_related("location").order_by("pk").first()
    share = Share.objects.create(
        organisation=item.organisation,
        person=person,
        item=item,
        network=network,
        text=text,
        team=team,
        location=team.location if team else None,
    )
    if item.link:
        TrackedLink.objects.create(share=share, target_url=with_utm(item.link, network, item))
    return share


@receiver(photos_ending)
def _shares_of_photos(sender, images, apply, **kwargs):
    """Where the photos were shared already: every share of an item with one of them, with its short link."""
    shares = (
        Share.objects.filter(item__image_id__in=images)
        .select_related("item", "person", "link")
        .annotate(click_count=Count("link__click"))
        .order_by("created", "pk")
    )
    return [
        Shared(
            where=share.item.title,
            network=SHARE_NETWORK_LABELS.get(share.network, share.network),
            date=share.created,
            by=share.person.full_name if share.person else "",
            link=short_url(share.link.code) if hasattr(share, "link") else "",
            clicks=share.click_count,
        )
        for share in shares
    ]
