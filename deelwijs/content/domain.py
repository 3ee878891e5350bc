"""Business rules for content items."""

from django.db import transaction

from deelwijs.guard import check
from deelwijs.orgs.domain import log
from deelwijs.orgs.permissions import can_manage_content
from deelwijs.orgs.tenancy import across_organisations

from . import photochecks
from .models import ContentItem, Image


def visible_items(person):
    """Every item for communications; for everyone else the live items meant for them (their feed)."""
    if can_manage_content(person):
        return ContentItem.objects.all()
    return ContentItem.objects.live().for_person(person)


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


@transaction.atomic
def save_item(actor, form, texts_formset, override_reason=""):
    """Save an item with its suggested texts.

    Every suggested text is post-checked. A block finding stops the save
    unless communications gives a reason to override; that reason is kept
    with the text and written to the audit log. A new photo is queued for the
    photo check. Returns (item, blocked) where blocked lists the (network,
    text, report) that stopped the save.
    """
    texts = [
        (f.cleaned_data["network"], f.cleaned_data["text"])
        for f in texts_formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]
    blocked = [entry for entry in check_texts(actor.organisation, texts) if entry[2].blocked]
    if blocked and not override_reason.strip():
        return None, blocked
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
    blocked_texts = {text for _, text, _ in blocked}
    for suggestion in suggestions:
        suggestion.override_reason = override_reason.strip() if suggestion.text in blocked_texts else ""
        suggestion.save()
    for network, _, report in blocked:
        log(
            actor.organisation,
            actor,
            "check_override",
            f"{item.title} ({network}): {', '.join(report.categories)} — {override_reason.strip()}",
        )
    return item, []
