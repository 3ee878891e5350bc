"""Business rules of the toolkit: who sees which page, the image library, the tone-of-voice guide, the profile
kit, the guides per network and their reminder."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijs.accounts.domain import directory_marks
from deelwijs.accounts.models import conventional_handle, follows_convention
from deelwijs.consent import domain as consent
from deelwijs.consent.models import STAFF_SOCIAL
from deelwijs.consent.uses import Use, photos_ending, photos_in_use
from deelwijs.content.models import Image
from deelwijs.guard.detectors.platform import (
    INSTAGRAM_HASHTAGS,
    LIMITS,
    LINK_APART,
    MANY_HASHTAGS,
    MANY_HASHTAGS_ON,
    SHORTENED_URL,
)
from deelwijs.learning.models import Module
from deelwijs.orgs.domain import notify
from deelwijs.orgs.models import User
from deelwijs.orgs.permissions import can_manage_toolkit
from deelwijs.orgs.roles import ADMINISTRATOR, COMMUNICATIONS
from deelwijs.sharing.domain import placeholders, refuse_unless_postable

from .models import Attachment, Banner, LibraryImage, Page, PostFormat, ProfileChecklist
from .renditions import BANNER_SIZES

# A guide older than this gets communications a reminder.
GUIDE_VALID = relativedelta(months=6)
# The training module on who sees what you post, which every guide's privacy part points to.
PRIVACY_MODULE = 2


# Pages and formats
def visible_pages(person):
    """Every page for communications (drafts too, as a preview); for everyone else the published pages meant
    for their roles."""
    return Page.objects.all() if can_manage_toolkit(person) else Page.objects.for_person(person)


def visible_formats(person):
    return PostFormat.objects.all() if can_manage_toolkit(person) else PostFormat.objects.for_person(person)


def _siblings(item):
    """The list an item is ordered in: pages of its kind, or all formats."""
    if isinstance(item, Page):
        return Page.objects.filter(kind=item.kind)
    return type(item).objects.all()


def next_order(item):
    return (_siblings(item).aggregate(last=Max("order"))["last"] or 0) + 1


@transaction.atomic
def move(item, step):
    """Move a page (among the pages of its kind) or a format one place up (step -1) or down (+1); the list is
    numbered afresh, so equal numbers from older data sort out too."""
    siblings = list(_siblings(item).select_for_update())
    index = next((i for i, s in enumerate(siblings) if s.pk == item.pk), None)
    target = index + step if index is not None else -1
    if not 0 <= target < len(siblings):
        return False
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for number, sibling in enumerate(siblings):
        if sibling.order != number:
            sibling.order = number
            sibling.save(update_fields=["order"])
    return True


@transaction.atomic
def save_page(actor, form):
    """Save a page from its form, with the file it adds (if any); a guide keeps its network and check date,
    other kinds have neither. Returns the page."""
    page = form.save(commit=False)
    page.organisation = actor.organisation
    if page.kind != Page.GUIDE:
        page.network, page.checked_on = "", None
    if page.pk is None:
        page.order = next_order(page)
    page.updated, page.updated_by = timezone.now(), actor
    page.save()
    upload = getattr(form, "attachment_file", None)
    if upload is not None:
        content, name, content_type = upload
        attachment = Attachment(page=page, name=name, content_type=content_type, size=content.size, uploaded_by=actor)
        attachment.file.save(content.name, content, save=False)
        attachment.save()
    form.release_uploads()
    return page


@transaction.atomic
def save_format(actor, form):
    post_format = form.save(commit=False)
    post_format.organisation = actor.organisation
    if post_format.pk is None:
        post_format.order = next_order(post_format)
    post_format.updated, post_format.updated_by = timezone.now(), actor
    post_format.save()
    return post_format


def ready_to_post(person, network, text, confirmed, lang="nl"):
    """A text from a post format may go out: every [part] filled in, and what the share flow asks of any text
    (not empty, nothing the post check blocks, warnings confirmed). Raises ValidationError otherwise."""
    left = placeholders(text)
    if left:
        raise ValidationError(
            _("Fill in %(parts)s first: those are the parts between square brackets.") % {"parts": ", ".join(left)}
        )
    return refuse_unless_postable(person, text, network, confirmed, lang)


# The image library
def library_images(organisation, channel=None, on=None):
    """The photos and images staff may use on ``on`` (today): their licence has not expired, the consent
    register says they may go on staff's own social media (nobody recognisable in them, or a valid consent of
    everyone who is) and, with a channel, they may be used on that network. Newest first, three queries.

    The one place that decides what the library offers: every list and download goes through it, so a consent
    that is withdrawn or expires takes the image out of the library at once.
    """
    on = on or timezone.localdate()
    images = LibraryImage.objects.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on)).select_related("image")
    if channel:
        images = images.filter(channels__contains=f",{channel},")
    images = list(images)
    usable = consent.usable_images([entry.image_id for entry in images], STAFF_SOCIAL, on)
    return [entry for entry in images if entry.image_id in usable]


@transaction.atomic
def save_library_image(actor, form):
    """Save a library image from its form, and say in the consent register whether anyone recognisable is in
    the photo (only then does it need their consent to be offered). Returns the LibraryImage."""
    entry = save_with_photo(actor, form)
    consent.mark_nobody_recognisable(actor, entry.image, form.cleaned_data["nobody_recognisable"])
    return entry


@receiver(photos_ending)
def _library_images_of_photos(sender, images, apply, **kwargs):
    """A consent ended: the library images with one of the photos leave the library on their own (it asks the
    register every time); they are listed so communications knows."""
    entries = LibraryImage.objects.filter(image_id__in=images).order_by("pk")
    done = _("Left the image library.") if apply else _("In the image library, as long as the consent is valid.")
    return [Use(_("Image library"), e.title, reverse("toolkit_library_edit", args=[e.pk]), done) for e in entries]


@receiver(photos_in_use)
def _photos_of_library(sender, **kwargs):
    return LibraryImage.objects.values("image_id")


@transaction.atomic
def save_with_photo(actor, form):
    """Save a library image or a banner from its form. A new photo replaces the old one (which goes, unless
    something else uses it: content.signals); the description is the photo's own. Returns the object."""
    entry = form.save(commit=False)
    entry.organisation = actor.organisation
    alt = form.cleaned_data.get("photo_alt", "")
    if form.cleaned_data.get("photo"):
        entry.image = Image.from_processed(actor.organisation, form.processed_photo, alt)
    elif entry.image.alt != alt:
        entry.image.alt = alt
        entry.image.save(update_fields=["alt"])
    if entry.added_by_id is None:
        entry.added_by = actor
    entry.save()
    form.release_uploads()
    return entry


def banners():
    """The banners with their size, in the order of the networks."""
    return [(banner, BANNER_SIZES[banner.network]) for banner in Banner.objects.select_related("image")]


# Tone of voice
def word_guide(organisation):
    """The words the post check asks for instead of others: [{"use": "cliënt", "avoid": ["klant"]}], from the
    same list the check reads (Organisation.tone_words), so the guide and the check never disagree."""
    return [{"use": entry["use"], "avoid": list(entry["avoid"])} for entry in organisation.tone_words()]


# Guides per network
COUNTING = {
    "x": gettext_lazy(
        "Every link counts as %(link)s characters, however long it is; emoji and some signs count as two."
    ),
    "mastodon": gettext_lazy("Every link counts as %(link)s characters, however long it is."),
    "graphemes": gettext_lazy("Every sign counts as one, an emoji too."),
    "chars": gettext_lazy("Every character counts, spaces and emoji too."),
}


def network_limits(network):
    """What the post check holds a post on this network to, in the check's own numbers (guard's platform
    limits): the length, how it is counted, the hashtags."""
    limit, how = LIMITS.get(network, (None, ""))
    return {
        "characters": limit,
        "counting": COUNTING[how] % {"link": SHORTENED_URL} if how else "",
        "hashtags_max": INSTAGRAM_HASHTAGS if network == "instagram" else None,
        "hashtags_tip": MANY_HASHTAGS if network in MANY_HASHTAGS_ON else None,
        "link_apart": network in LINK_APART,
    }


def privacy_module():
    """The published training module on who sees what you post, or None."""
    return Module.objects.filter(number=PRIVACY_MODULE, published=True).first()


def guide_due_on(guide):
    """The day a guide goes out of date: six months after it was last checked (at once if it never was)."""
    return guide.checked_on + GUIDE_VALID if guide.checked_on else guide.updated.date()


def out_of_date(guide, today=None):
    return guide.kind == Page.GUIDE and guide_due_on(guide) <= (today or timezone.localdate())


@transaction.atomic
def mark_checked(actor, guide, today=None):
    guide.checked_on = today or timezone.localdate()
    guide.updated, guide.updated_by = timezone.now(), actor
    guide.save(update_fields=["checked_on", "updated", "updated_by"])


def remind_old_guides(today=None):
    """In the active organisation: a notification to everyone in communications (administrators when there is
    nobody) for each published guide last checked more than six months ago, once each time a guide goes out of
    date. Returns how many guides were reminded of."""
    today = today or timezone.localdate()
    people = User.members.filter(is_active=True)
    recipients = list(people.filter(role_assignments__role=COMMUNICATIONS).distinct()) or list(
        people.filter(role_assignments__role=ADMINISTRATOR).distinct()
    )
    reminded = 0
    for guide in Page.objects.filter(kind=Page.GUIDE, published=True):
        due = guide_due_on(guide)
        if due > today or (guide.reminded_on and guide.reminded_on >= due):
            continue
        checked = formats.date_format(guide.checked_on, "j F Y") if guide.checked_on else _("never")
        text = _(
            "The guide “%(title)s” was last checked on %(date)s. See whether it still matches %(network)s and "
            "set the date to today."
        ) % {"title": guide.title, "date": checked, "network": guide.network_label}
        for person in recipients:
            notify(person, text, link=reverse("toolkit_page_edit", kwargs={"pk": guide.pk}))
        guide.reminded_on = today
        guide.save(update_fields=["reminded_on"])
        reminded += 1
    return reminded


# The profile kit
CHECKLIST = [
    ("photo", gettext_lazy("My profile photo follows the guidance: recent, my face, nobody else in view.")),
    ("banner", gettext_lazy("I use a banner of the organisation, in the house style.")),
    ("handle", gettext_lazy("My handle follows our naming convention.")),
    ("bio", gettext_lazy("My profile says where I work and what I do.")),
    ("personal", gettext_lazy("My profile says that I post in a personal capacity.")),
    ("privacy", gettext_lazy("I checked my privacy settings: I know who sees what I post.")),
]
CHECKLIST_KEYS = [key for key, _label in CHECKLIST]


def checklist_of(person):
    """The person's checklist; an unsaved empty one when they never ticked anything."""
    return ProfileChecklist.objects.filter(person=person).first() or ProfileChecklist(person=person)


def complete(checklist):
    return set(CHECKLIST_KEYS) <= set(checklist.ticked or [])


@transaction.atomic
def save_checklist(person, ticked, in_directory):
    """Store what the person ticked, and whether the directory may show that their profile is in order."""
    checklist = checklist_of(person)
    checklist.ticked = [key for key in CHECKLIST_KEYS if key in ticked]
    checklist.in_directory = bool(in_directory)
    checklist.updated = timezone.now()
    checklist.save()
    return checklist


@receiver(directory_marks)
def _profile_in_order(sender, people, **kwargs):
    """The directory's "profiel op orde": only for whoever ticked everything and chose to show it."""
    if not people:
        return {}
    checklists = ProfileChecklist.objects.filter(person__in=[p.pk for p in people], in_directory=True)
    return {c.person_id: _("profile in order") for c in checklists if complete(c)}


def check_handle(person, typed):
    """Whether a handle follows the naming convention for this person: (follows, the handle it gives, close),
    where close means only the signs in between (., _, -) or capitals differ."""
    expected = conventional_handle(person)
    if follows_convention(typed, person):
        return True, expected, False
    bare = typed.strip().lstrip("@").split("@")[0]
    letters = "".join(c for c in bare.lower() if c.isalnum())
    return False, expected, letters == "".join(c for c in expected if c.isalnum())
