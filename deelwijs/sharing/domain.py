"""Business rules for sharing."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import transaction

from .models import Share, TrackedLink


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


@transaction.atomic
def record_share(person, item, network, text):
    """Record who shared which item where, with a tracked short link when the item has a link."""
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
