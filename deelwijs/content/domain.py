"""Business rules for content items."""

import hashlib
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, override

from deelwijs.guard import check
from deelwijs.orgs import audit
from deelwijs.orgs.domain import log
from deelwijs.orgs.models import User
from deelwijs.orgs.permissions import can_manage_content, can_override_post_check
from deelwijs.orgs.roles import STAFF_ROLES
from deelwijs.orgs.tenancy import across_organisations
from deelwijs.push import domain as push
from deelwijs.push.models import FEED

from . import photochecks
from .models import CAMPAIGN_COLOURS, SHARE_NETWORK_LABELS, Campaign, ContentItem, Image

# The networks in the audit log's sentences ("kept the suggested text for LinkedIn of ...").
audit.register_labels(network=SHARE_NETWORK_LABELS)


def visible_items(person):
    """Every item for communications; for everyone else the live items meant for them (their feed)."""
    if can_manage_content(person):
        return ContentItem.objects.all()
    return ContentItem.objects.live().for_person(person)


# The weekly digest: the items that went live in the past week, newest first. The e-mail (content.tasks) and the
# Teams and Slack card (chat) both choose with digest_items.
DIGEST_PERIOD = timedelta(days=7)
DIGEST_LENGTH = 10


def digest_since(now=None):
    """Where the digest's week begins."""
    return (now or timezone.now()) - DIGEST_PERIOD


def digest_items(items, since):
    """The digest's choice among items (a ContentItem queryset, already narrowed to an audience): the live ones
    that became visible since ``since``, newest first, DIGEST_LENGTH at most."""
    return list(items.live().filter(starts_at__gte=since).order_by("-starts_at")[:DIGEST_LENGTH])


def audience(item):
    """The active people the item is meant for: ContentItemQuerySet.for_person seen from the item's side (its
    teams, its locations through people's teams, its roles; without roles, staff)."""
    people = User.members.filter(is_active=True)
    if item.audience_teams.exists():
        people = people.filter(teams__in=item.audience_teams.all())
    if item.audience_locations.exists():
        people = people.filter(teams__location__in=item.audience_locations.all())
    return people.filter(role_assignments__role__in=item.role_list or STAFF_ROLES).distinct()


def reach(item):
    """How many active people the item is meant for."""
    return audience(item).count()


# An item that went live longer ago than this is no news any more: the scheduled job does not announce it.
ANNOUNCE_WITHIN = timedelta(days=1)


def announcement_key(item):
    return f"item:{item.pk}"


def announce(item, now=None):
    """Push "new to share" to the devices of the people a live item is meant for, once per item ever (a push with
    its title, which is the organisation's own words, and a link to share it). Returns how many pushes were made."""
    now = now or timezone.now()
    if not item.is_live(now):
        return 0
    with override("nl"):
        return push.send_to_many(
            item.organisation,
            audience(item),
            FEED,
            gettext("New to share"),
            item.title,
            reverse("share", args=[item.pk]),
            key=announcement_key(item),
            expires_at=item.expires_at,
            now=now,
        )


def announce_new_items(now=None):
    """Announce the items that went live in the last day and were not announced yet: their time came, or a
    planned post made them. Runs in the organisation's scope. Returns how many pushes were made."""
    now = now or timezone.now()
    items = list(
        ContentItem.objects.live(now).filter(starts_at__gte=now - ANNOUNCE_WITHIN).select_related("organisation")
    )
    done = push.announced([announcement_key(item) for item in items])
    return sum(announce(item, now) for item in items if announcement_key(item) not in done)


def release_images(image_ids):
    """Images an object stopped using: deleted when nothing uses them any more (their files leave the disk
    when the transaction commits), else their public copy follows the items that still show them.
    Returns how many were deleted."""
    deleted = 0
    with across_organisations():  # images found by their ids, in whatever scope the change runs
        for image in Image.objects.filter(pk__in={pk for pk in image_ids if pk}):
            if image.in_use():
                image.refresh_public()
            else:
                image.delete()
                deleted += 1
    return deleted


def check_texts(organisation, texts):
    """Run the post check on suggested texts: [(network, text)] -> [(network, text, report)]."""
    policy = organisation.guard_policy()
    return [(network, text, check(text, network, policy)) for network, text in texts]


def override_key(text, platform):
    """The fingerprint of a text on a platform that communications chose to keep despite a block: the reason
    is asked (and logged) once, and again only when the text or the platform changes."""
    return hashlib.sha256(f"{platform}\n{text}".encode()).hexdigest()


def may_override(actor, override_reason):
    """Whether this person's reason keeps a blocked text: a reason, from communications (can_override_post_check)."""
    return bool(override_reason.strip()) and can_override_post_check(actor)


@transaction.atomic
def save_item(actor, form, texts_formset, override_reason=""):
    """Save an item with its suggested texts.

    Every suggested text is post-checked. A block finding stops the save unless communications gives a reason
    to keep it (can_override_post_check); that reason is kept with the text, with the fingerprint of what was
    kept (override_key), and written to the audit log. A text kept before and not changed since is not asked
    for again, nor logged again. A new photo is queued for the photo check. Returns (item, blocked) where blocked
    lists the (network, text, report) that stopped the save.
    """
    entries = [
        (f, f.cleaned_data["network"], f.cleaned_data["text"])
        for f in texts_formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]
    reports = check_texts(actor.organisation, [(network, text) for _f, network, text in entries])
    blocked = [
        (network, text, report)
        for (f, _network, _text), (network, text, report) in zip(entries, reports, strict=True)
        if report.blocked and f.instance.override_key != override_key(text, network)
    ]
    if blocked and not may_override(actor, override_reason):
        return None, blocked
    # Read before the form's values are saved: an item that was not in the feed yet is announced once it is.
    was_live = bool(form.instance.pk) and ContentItem.objects.live().filter(pk=form.instance.pk).exists()
    item = form.save(commit=False)
    item.organisation = actor.organisation
    if item.created_by_id is None:
        item.created_by = actor
    item.set_roles(form.cleaned_data.get("audience_roles") or [])
    if form.cleaned_data.get("photo"):
        item.image = Image.from_processed(
            actor.organisation, form.processed_photo, form.cleaned_data.get("photo_alt", "")
        )
        photochecks.request_check(item.image)
    item.save()
    form.save_m2m()
    texts_formset.instance = item
    suggestions = texts_formset.save(commit=False)
    for deleted in texts_formset.deleted_objects:
        deleted.delete()
    kept_now = {override_key(text, network) for network, text, _report in blocked}
    for suggestion in suggestions:
        key = override_key(suggestion.text, suggestion.network)
        if key in kept_now:
            suggestion.override_reason, suggestion.override_key = override_reason.strip(), key
        elif key != suggestion.override_key:
            suggestion.override_reason, suggestion.override_key = "", ""  # changed: no longer what was kept
        suggestion.save()
    for network, _, report in blocked:
        log(
            actor.organisation,
            actor,
            "check_override",
            item=item.title,
            item_id=item.pk,
            network=network,
            categories=list(report.categories),
            reason=override_reason.strip(),
        )
    if not was_live:
        announce(item)
    return item, []


def next_colour():
    """The palette's colour the organisation's campaigns use least (the first of those), for a new campaign."""
    used = Counter(Campaign.objects.values_list("colour", flat=True))
    return min((code for code, *_rest in CAMPAIGN_COLOURS), key=lambda code: used[code])


@transaction.atomic
def save_campaign(actor, campaign):
    """Save a campaign. A new one gets a slug of its name, unique in the organisation; the slug of an existing
    campaign stays, because its tracked links carry it as utm_campaign."""
    campaign.organisation = actor.organisation
    if not campaign.slug:
        base = slugify(campaign.name)[:140] or "campagne"
        taken = set(Campaign.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        campaign.slug = slug
    campaign.save()
    return campaign
