"""Business rules for sharing."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from deelwijs.common.forms import storable
from deelwijs.guard import check

from .models import Share, TrackedLink, new_code


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


def check_text(person, text, network, lang="nl", link=None):
    """The post check of a text for a network, against the person's organisation's policy.

    link: the short link the share flow appends to the text, counted in the network's length.
    """
    lang = lang if lang in ("nl", "en") else "nl"
    return check(text, network, person.organisation.guard_policy(), lang=lang, appended_link=link)


@transaction.atomic
def record_share(person, item, network, text, confirmed=False, lang="nl"):
    """Record who shared which item where, with a tracked short link when the item has a link.

    Whoever calls it, the text is checked here: an empty text, a text the post check
    blocks, and a text with warnings the person did not confirm are refused with a
    ValidationError and nothing is recorded.
    """
    if not text.strip():
        raise ValidationError(_("Write a text before you share."), code="empty")
    # What no database column takes (PostgreSQL refuses a NUL), refused in the words every form uses.
    ProhibitNullCharactersValidator()(text)
    storable(text)
    report = check_text(person, text, network, lang, link=appended_link(item))
    if report.blocked:
        raise ValidationError(_("Fix the points marked ‘blocks’ first."), code="blocked")
    if report.needs_confirmation and not confirmed:
        raise ValidationError(_("Read the warnings and confirm that you still want to share this."), code="unconfirmed")
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
