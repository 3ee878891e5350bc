"""Own stories: sending, reviewing, and telling the author what happened."""

from itertools import zip_longest

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from deelwijs.common.batches import batches
from deelwijs.consent import domain as consent
from deelwijs.consent.models import ORGANISATION_SOCIAL, STAFF_SOCIAL
from deelwijs.consent.uses import Use, photos_ending, photos_in_use
from deelwijs.content import photochecks
from deelwijs.content.models import ContentItem, Image, SuggestedText
from deelwijs.orgs.domain import notify
from deelwijs.orgs.permissions import can_review_stories
from deelwijs.planning.models import PlannedPost
from deelwijs.push import domain as push
from deelwijs.push.models import STORY

from .models import Story, StoryPhoto


def visible_stories(person):
    """Communications sees every story that was sent; everyone sees their own, also before sending."""
    if can_review_stories(person):
        return Story.objects.exclude(~Q(author=person), status=Story.DRAFT)
    return Story.objects.filter(author=person)


@transaction.atomic
def submit(author, text, networks, consent, photos, descriptions=()):
    """Store the story with its photos, processed by images.process (no EXIF/GPS), each with its own description
    (descriptions: in the photos' order; an empty one is a photo its author called decorative) and each queued
    for the photo check. A story with photos is not sent yet: its author first sees what the photo check found
    (and may blur) and then sends it (``send``); a story without photos goes to communications at once."""
    story = Story.objects.create(
        organisation=author.organisation,
        author=author,
        text=text,
        networks=",".join(networks),
        consent=consent,
        status=Story.DRAFT if photos else Story.SUBMITTED,
    )
    for sizes, alt in zip_longest(photos, descriptions[: len(photos)], fillvalue=""):
        image = Image.from_processed(author.organisation, sizes, alt)
        StoryPhoto.objects.create(story=story, image=image)
        photochecks.request_check(image)
    return story


@transaction.atomic
def send(author, story):
    """The author sends a story not sent yet to communications: from now on it waits in their queue. The
    story row is locked, so sending twice sends once. Returns whether it was sent now."""
    locked = Story.objects.select_for_update().filter(pk=story.pk, author=author, status=Story.DRAFT).first()
    if locked is None:
        return False
    locked.status, locked.created = Story.SUBMITTED, timezone.now()
    locked.save(update_fields=["status", "created"])
    return True


def blocked_photos(story):
    """The numbers (1, 2, ...) of the story's photos whose photo check blocks."""
    photos = story.photos.select_related("image").order_by("pk")
    return [n for n, photo in enumerate(photos, start=1) if photochecks.blocks(photo.image)]


# The channel of each decision that takes the story's (first) photo somewhere.
DECISION_CHANNELS = {"plan": ORGANISATION_SOCIAL, "feed": STAFF_SOCIAL}


def photo_verdict(story, action):
    """What the photo consent says about this decision: planning is the organisation's social media, the feed
    is staff's own. Only planning can be blocked; a feed item starts as a draft and its shares are checked."""
    channel = DECISION_CHANNELS.get(action)
    first = story.photos.select_related("image").first()
    if channel is None or first is None:
        return None
    return consent.verdict(story.organisation, first.image, [channel])


def _done(reviewer, story, status, feedback=""):
    story.status, story.feedback = status, feedback
    story.reviewed_by, story.reviewed_at = reviewer, timezone.now()
    story.save(update_fields=["status", "feedback", "reviewed_by", "reviewed_at", "item", "text"])
    # The author reads the message in Dutch, the interface's default language.
    with override("nl"):
        texts = {
            Story.APPROVED: _("Communications approved your story. Thank you!"),
            Story.REJECTED: _("Communications will not use your story this time."),
            # A draft item first: communications finishes and publishes it, so "in the feed" would not be true yet.
            Story.IN_FEED: _(
                "Communications is making your story into an item for the feed, for colleagues to share. "
                "My stories shows when it is in the feed. Thank you!"
            ),
            Story.PLANNED: _("Your story will be posted on one of our own accounts. Thank you!"),
        }
        message = texts[status] + (f" {_('Feedback')}: {feedback}" if feedback else "")
        notify(story.author, message, reverse("my_stories"), email_subject=_("What happened to your story"))
        # On a lock screen: the decision only, never the feedback, which may quote the story.
        push.send(story.author, STORY, _("Your story"), texts[status], reverse("my_stories"))


@transaction.atomic
def decide(reviewer, story, action, data):
    """Carry out a reviewer's decision on a story that still waits, and tell its author, with the reviewer's
    feedback whatever the decision.

    ``data`` is a valid ReviewForm's cleaned data. The story row is locked first, so two
    reviewers deciding at once cannot both act: the second gets a ValidationError and
    nothing changes. Returns the new content item for "feed", else None.
    """
    locked = Story.objects.select_for_update().get(pk=story.pk)
    if locked.status != Story.SUBMITTED:
        raise ValidationError(_("This story has already been handled."), code="handled")
    feedback = (data.get("feedback") or "").strip()
    if action == "approve":
        approve(reviewer, locked, data["text"], feedback)
    elif action == "reject":
        reject(reviewer, locked, feedback)
    elif action == "plan":
        plan(reviewer, locked, data["text"], data["account"], data["scheduled_at"], feedback)
    elif action == "feed":
        return to_feed_item(reviewer, locked, data["text"], data["title"], feedback)
    else:
        raise ValueError(f"unknown decision {action!r}")
    return None


@transaction.atomic
def approve(reviewer, story, text, feedback=""):
    story.text = text
    _done(reviewer, story, Story.APPROVED, feedback)


@transaction.atomic
def reject(reviewer, story, feedback):
    _done(reviewer, story, Story.REJECTED, feedback)


@transaction.atomic
def to_feed_item(reviewer, story, text, title, feedback=""):
    """Turn the story into a draft content item for the feed; communications finishes it there."""
    first_photo = story.photos.select_related("image").first()
    item = ContentItem.objects.create(
        organisation=story.organisation,
        title=title,
        body=text,
        published=False,
        created_by=reviewer,
        image=first_photo.image if first_photo else None,
    )
    for network in story.networks.split(",") or ["linkedin"]:
        if network:
            SuggestedText.objects.create(item=item, network=network, text=text)
    story.item, story.text = item, text
    _done(reviewer, story, Story.IN_FEED, feedback)
    return item


@transaction.atomic
def plan(reviewer, story, text, account, scheduled_at, feedback=""):
    """Plan the story as a post on a corporate account, with the reviewer responsible."""
    first_photo = story.photos.select_related("image").first()
    PlannedPost.objects.create(
        organisation=story.organisation,
        text=text,
        account=account,
        scheduled_at=scheduled_at,
        responsible=reviewer,
        created_by=reviewer,
        status=PlannedPost.READY,
        image=first_photo.image if first_photo else None,
    )
    story.text = text
    _done(reviewer, story, Story.PLANNED, feedback)


@transaction.atomic
def forget_declined_photos(before):
    """Delete the photos of stories communications decided before `before` not to use, and of stories their
    author never sent (retention: the photo check's step, left before `before`).

    The story and its text stay for its author. Returns how many photos were deleted.
    """
    declined = StoryPhoto.objects.filter(
        Q(story__status=Story.REJECTED, story__reviewed_at__lt=before)
        | Q(story__status=Story.DRAFT, story__created__lt=before)
    )
    ids = list(declined.values_list("pk", flat=True))
    for batch in batches(ids):
        StoryPhoto.objects.filter(pk__in=batch).delete()  # row by row for the signals: the images go too
    return len(ids)


@receiver(photos_ending)
def _stories_of_photos(sender, images, apply, **kwargs):
    """A consent ended: the stories with one of the photos are listed for communications (their feed item or
    planned post is taken out on its own); a story is never changed or deleted for it."""
    photos = StoryPhoto.objects.filter(image_id__in=images).select_related("story__author", "story__reviewed_by")
    stories = {photo.story_id: photo.story for photo in photos.order_by("story_id")}
    done = {
        Story.DRAFT: _("Not sent yet by its author."),
        Story.SUBMITTED: _("Not used yet: use it without this photo."),
        Story.APPROVED: _("Not used yet: use it without this photo."),
        Story.REJECTED: _("Not used."),
        Story.IN_FEED: _("Made into a feed item (listed separately)."),
        Story.PLANNED: _("Planned (the planned post is listed separately)."),
    }
    return [
        Use(
            _("Story"),
            _("Story from %(name)s of %(date)s")
            % {"name": story.author.full_name, "date": timezone.localtime(story.created).strftime("%d-%m-%Y")},
            reverse("story_review", args=[story.pk]),
            done[story.status],
            (story.reviewed_by,) if story.reviewed_by_id else (),
        )
        for story in stories.values()
    ]


@receiver(photos_in_use)
def _photos_of_stories(sender, **kwargs):
    return StoryPhoto.objects.values("image_id")


@receiver(photochecks.photo_access)
def _photo_of_a_visible_story(sender, person, image, **kwargs):
    """Who sees a story sees its photos' checks; its author may blur them until the story is sent."""
    stories = visible_stories(person).filter(photos__image=image)
    if stories.filter(author=person, status=Story.DRAFT).exists():
        return photochecks.BLUR
    return photochecks.SEE if stories.exists() else None
