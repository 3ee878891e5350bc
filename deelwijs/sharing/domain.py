"""Business rules for sharing."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import Count
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from deelwijs.common.forms import storable
from deelwijs.consent import domain as consent
from deelwijs.consent.models import STAFF_SOCIAL
from deelwijs.consent.uses import Shared, photos_ending
from deelwijs.content import photochecks
from deelwijs.content.models import SHARE_NETWORK_LABELS
from deelwijs.guard import FIVE_QUESTIONS, check
from deelwijs.learning.domain import lesson_links

from .models import Share, TrackedLink, new_code

# A part of a text left to fill in: "[name of the event]", on one line, not a link's [text](url) in Markdown.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\](?!\()")


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
        raise ValidationError(_("Fix the points marked ‘blocks’ first."), code="blocked")
    if report.needs_confirmation and not confirmed:
        raise ValidationError(_("Read the warnings and confirm that you still want to share this."), code="unconfirmed")
    return report


def placeholders(text):
    """The parts of a text still between square brackets, as a format leaves them: ["[date]", "[link]"]."""
    return PLACEHOLDER.findall(text)


def nudges(text, suggestion, organisation):
    """Friendly advice that is not a policy finding."""
    advice = []
    if placeholders(text):
        advice.append(_("Fill in the parts between [square brackets] with your own words."))
    if suggestion and " ".join(text.split()) == " ".join(suggestion.split()):
        advice.append(_("Add a sentence of your own: posts identical to the suggestion read as advertising."))
    low = text.lower()
    own_words = ("ik werk", "mijn werk", "collega", "wij ", "we ", "ons team", organisation.name.lower())
    if not any(w in low for w in own_words):
        advice.append(
            _("Say that you work at %(org)s, so readers know why you share this.") % {"org": organisation.name}
        )
    return advice


def editor_context(person, lang, network, text, suggestion, report):
    """What the share editor (sharing/_editor.html) shows around a text, for an item or a post format."""
    return {
        "network": network,
        "network_label": SHARE_NETWORK_LABELS[network],
        "text": text,
        "suggestion": suggestion,
        "report": report,
        "nudges": nudges(text, suggestion, person.organisation) if report else [],
        "questions": FIVE_QUESTIONS["en" if lang == "en" else "nl"],
        "lessons": lesson_links(person.organisation),
        "severity_labels": {
            "block": _("Blocks"),
            "warn": _("Warning"),
            "hint": _("Tip"),
            "clean": _("The post check found nothing: this fits the policy."),
            "lesson": _("Why? Read the lesson"),
        },
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
