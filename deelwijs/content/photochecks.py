"""The photo check in the web: checked in the background after an upload, shown beside the photo, blurred.

Every photo of a content item, a story or a planned post gets a PhotoCheck when it is uploaded
(``request_check``); the worker runs the engine (deelwijs.photocheck) on the stored large size after the upload
commits (``run_check``), so the page that shows the photo never waits. A finding that blocks stops sharing and
planning the photo (``blocks``) until it is blurred (``blur_photo``) or communications keeps it with a reason
(``accept``). A blurred photo replaces the stored one for every item, post and story that uses it; the photo as
uploaded is kept as the original for the organisation's retention period (``forget_originals``), so a blur can
be undone (``restore_original``).

Who sees a photo's check is asked of the apps that use photos (``photo_access``): the people who see an item, a
post or a story see the check of its photo, communications may also blur it; the author of a story not sent yet
may blur its photos (and is the only one who sees them).
"""

import io
import logging
import time

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from deelwijs import photocheck
from deelwijs.common.files import delete_files
from deelwijs.orgs import audit
from deelwijs.orgs.domain import log
from deelwijs.orgs.permissions import can_manage_content

from .images import SIZES, _encoded, _resized, content_type_of
from .models import Image, PhotoCheck

logger = logging.getLogger(__name__)

# What the photo check finds beside the post check's categories, in the audit log's sentences.
audit.register_labels(
    photo_category={"face": _("a face"), "code": _("a barcode or QR code"), "unread": _("text it could not read")}
)

SEE, BLUR = "see", "blur"
# Asked with (person, image); a receiver answers SEE when the person sees an object of its app that uses the
# photo, BLUR when they may also blur it, else None.
photo_access = Signal()


def access(person, image):
    """SEE, BLUR or None: what this person may do with the photo's check. Communications may blur every photo
    they see in an item, a planned post or a story; a story its author has not sent yet they do not see."""
    if image is None:
        return None
    from .domain import visible_items  # domain imports this module for the uploads

    answers = {answer for _receiver, answer in photo_access.send(sender=Image, person=person, image=image)}
    if visible_items(person).filter(image=image).exists():
        answers.add(SEE)
    if BLUR in answers or (answers & {SEE} and can_manage_content(person)):
        return BLUR
    return SEE if SEE in answers else None


def check_of(image):
    """The photo's PhotoCheck, or None (a photo stored before the check existed, or none at all)."""
    if image is None:
        return None
    image_id = getattr(image, "pk", image)
    return PhotoCheck.objects.filter(image_id=image_id).first()


def blocks(image):
    """Whether the photo may not be shared or planned as it is. A photo still being checked, or whose check
    failed, does not block: the page says so, and the people sharing it look for themselves."""
    found = check_of(image)
    return bool(found and found.blocks)


def request_check(image, queue=True):
    """Mark the photo as being checked and queue the check for when the upload (or the blur) commits.

    A new check forgets the findings and an acceptance of the photo as it was: they were about other pixels.
    With queue=False the caller runs the check itself (the demo, which should not wait for a worker).
    """
    PhotoCheck.objects.update_or_create(
        image=image,
        defaults={
            "status": PhotoCheck.PENDING,
            "findings": [],
            "checked_file": "",
            "requested_at": timezone.now(),
            "checked_at": None,
            "accepted_reason": "",
            "accepted_at": None,
        },
    )
    if not queue:
        return
    from .tasks import check_photo  # the tasks module imports this one

    organisation_id, image_id = image.organisation_id, image.pk
    transaction.on_commit(lambda: check_photo.enqueue(organisation_id, image_id))


def run_check(image_id):
    """Check the stored large size of a photo and keep the findings (in Dutch and English).

    Runs in the worker, inside the photo's organisation. When the photo was blurred (or restored) while it was
    being checked, the findings belong to the old pixels and are dropped: the blur queued a check of its own.
    A photo that cannot be read, or a Tesseract that is missing, marks the check as failed. Returns the status.
    """
    check = PhotoCheck.objects.select_related("image__organisation").filter(image_id=image_id).first()
    if check is None:
        return "gone"
    image = check.image
    checked_file = image.large.name
    started = time.perf_counter()
    try:
        with image.large.open("rb") as stored:
            reading = photocheck.read(stored.read(), timeout=settings.PHOTO_CHECK_TIMEOUT)
        policy = image.organisation.guard_policy()
        findings = stored_findings(photocheck.judge(reading, policy, "nl"), photocheck.judge(reading, policy, "en"))
        status = PhotoCheck.DONE
    except (photocheck.PhotoError, OSError, RuntimeError) as e:
        # What failed is logged by its kind only: a message could hold what the photo shows.
        logger.warning("photo check of image %s failed: %s", image_id, type(e).__name__)
        findings, status = [], PhotoCheck.FAILED
    with transaction.atomic():
        locked = PhotoCheck.objects.select_for_update().filter(pk=check.pk).select_related("image").first()
        if locked is None or locked.image.large.name != checked_file:
            return "stale"
        locked.status, locked.findings, locked.checked_file = status, findings, checked_file
        locked.checked_at, locked.seconds = timezone.now(), round(time.perf_counter() - started, 2)
        locked.save(update_fields=["status", "findings", "checked_file", "checked_at", "seconds"])
    return status


def stored_findings(dutch, english):
    """The findings as kept in PhotoCheck.findings: what the engine found, with both languages' texts."""
    return [
        {
            "kind": nl.kind,
            "category": nl.category,
            "severity": nl.severity,
            "rule": nl.rule,
            "box": nl.box.to_dict(),
            "text": nl.text[:300],
            "message": {"nl": nl.message, "en": en.message},
            "policy": {"nl": nl.policy, "en": en.policy},
        }
        for nl, en in zip(dutch.sorted_findings(), english.sorted_findings(), strict=True)
    ]


RANK = {"block": 0, "warn": 1, "hint": 2}


def numbered(check):
    """The findings to show, worst first, each with the number of its box on the drawn photo (findings about
    the same box share a number) and its texts in the language of the page."""
    if check is None or check.status != PhotoCheck.DONE:
        return []
    lang = "en" if (get_language() or "nl").startswith("en") else "nl"
    numbers, shown = {}, []
    for finding in sorted(check.findings, key=lambda f: RANK.get(f["severity"], 3)):
        key = tuple(finding["box"].values())
        number = numbers.setdefault(key, len(numbers) + 1)
        shown.append(
            {
                **finding,
                "number": number,
                "message": finding["message"].get(lang) or finding["message"]["nl"],
                "policy": finding["policy"].get(lang) or finding["policy"]["nl"],
            }
        )
    return sorted(shown, key=lambda f: (f["number"], RANK.get(f["severity"], 3)))


def marks(check):
    """One (number, box, worst severity, kind, what was read) per box, as drawn on the photo and offered for
    blurring."""
    boxes, texts = {}, {}
    for finding in numbered(check):
        number = finding["number"]
        if finding["text"] and finding["text"] not in texts.setdefault(number, []):
            texts[number].append(finding["text"])
        if number not in boxes:
            boxes[number] = [number, photocheck.Box.from_dict(finding["box"]), finding["severity"], finding["kind"]]
    return [(*mark, ", ".join(texts.get(mark[0], []))) for mark in boxes.values()]


def panel(person, image, number="", next_url=""):
    """What the panel beside a photo shows (content/_photo_check_panel.html): nothing for someone who does not
    see the photo."""
    allowed = access(person, image)
    if allowed is None:
        return {"show": False}
    check = check_of(image)
    return {
        "show": True,
        "image": image,
        "check": check,
        "status": check.status if check else "",
        "findings": numbered(check),
        "number": number,
        "next": next_url,
        "may_edit": allowed == BLUR,
    }


def overlay(image, size):
    """The photo in one of Image.SIZES ("klein", "groot") with its findings framed and numbered, as PNG bytes
    (JPEG for the large size, which would be large as PNG)."""
    stored = image.file(size)
    with stored.open("rb"), PILImage.open(stored) as picture:
        picture.load()
        scale = picture.width / (image.width or picture.width)
        drawn = photocheck.draw_findings(
            picture, [(box, severity, str(n)) for n, box, severity, *_rest in marks(check_of(image))], scale
        )
    buffer = io.BytesIO()
    if size == "klein":
        drawn.save(buffer, "PNG", optimize=True)
        return buffer.getvalue(), "image/png"
    drawn.save(buffer, "JPEG", quality=85)
    return buffer.getvalue(), "image/jpeg"


@transaction.atomic
def accept(actor, image, reason):
    """Communications keeps a photo with a blocking finding as it is: the reason is kept with the check and
    written to the audit log; sharing and planning it are allowed from now on (until it is checked again)."""
    check = PhotoCheck.objects.select_for_update().get(image=image)
    check.accepted_reason, check.accepted_at = reason.strip(), timezone.now()
    check.save(update_fields=["accepted_reason", "accepted_at"])
    categories = sorted({f["category"] for f in check.blocking})
    log(
        actor.organisation,
        actor,
        "photo_check_override",
        image=image.pk,
        description=image.alt,
        categories=categories,
        reason=check.accepted_reason,
    )
    return check


@transaction.atomic
def blur_photo(actor, image, boxes):
    """Blur regions of a photo (boxes in pixels of the stored large size) and use the blurred photo from now on.

    The blurred photo replaces the stored sizes, so every item, planned post and story that uses the photo shows
    it; the public copy of a published item's photo is made again. The photo as it was before its first blur is
    kept as the original (deleted by the retention job after keep_originals_days); the replaced files leave the
    disk when the transaction commits. The photo is checked again, and the blur is written to the audit log.
    """
    image = Image.objects.select_for_update().get(pk=image.pk)
    with image.large.open("rb"), PILImage.open(image.large) as stored:
        stored.load()
        has_alpha = stored.mode in ("RGBA", "LA")
        picture = stored.convert("RGBA" if has_alpha else "RGB")
    blurred = photocheck.blur(picture, boxes)
    check, _created = PhotoCheck.objects.select_for_update().get_or_create(image=image)
    storage = image.large.storage
    gone = [image.small.name]
    if check.original:
        gone.append(image.large.name)
    else:
        # The first blur: the photo as uploaded becomes the original, its file kept as it is.
        check.original.name, check.blurred_at = image.large.name, timezone.now()
        check.save(update_fields=["original", "blurred_at"])
    _store(image, blurred, has_alpha)
    transaction.on_commit(lambda: delete_files(storage, gone))
    _renew_public(image)
    log(actor.organisation, actor, "photo_blurred", image=image.pk, description=image.alt, regions=len(boxes))
    request_check(image)
    return image


@transaction.atomic
def restore_original(actor, image):
    """Put the photo as uploaded back (undo every blur) while the original is kept; checked again and logged."""
    image = Image.objects.select_for_update().get(pk=image.pk)
    check = PhotoCheck.objects.select_for_update().get(image=image)
    storage = image.large.storage
    gone = [image.large.name, image.small.name]
    with check.original.open("rb"), PILImage.open(check.original) as original:
        original.load()
        has_alpha = original.mode in ("RGBA", "LA")
        picture = original.convert("RGBA" if has_alpha else "RGB")
    image.large.name, image.content_type = check.original.name, content_type_of(check.original.name)
    image.small.save(*_small_of(picture, has_alpha), save=False)
    image.save(update_fields=["large", "small", "content_type"])
    check.original, check.blurred_at = "", None
    check.save(update_fields=["original", "blurred_at"])
    transaction.on_commit(lambda: delete_files(storage, gone))
    _renew_public(image)
    log(actor.organisation, actor, "photo_restored", image=image.pk, description=image.alt)
    request_check(image)
    return image


def _store(image, picture, has_alpha):
    """New files for the stored sizes of a photo, under new random names (a browser's cached copy of the old
    address can never be the new photo, and the old files can be deleted apart)."""
    large = _encoded(_resized(picture, SIZES["large"]), has_alpha, "blurred-large")
    image.large.save(large.name, large, save=False)
    image.small.save(*_small_of(picture, has_alpha), save=False)
    image.content_type = content_type_of(large.name)
    image.save(update_fields=["large", "small", "content_type", "width", "height"])


def _small_of(picture, has_alpha):
    small = _encoded(_resized(picture, SIZES["small"]), has_alpha, "small")
    return small.name, small


def _renew_public(image):
    """The public copy shows the photo as it is now: the old copy goes, a new one is made where one is due."""
    if image.public:
        name, storage = image.public.name, image.public.storage
        image.public = ""
        image.save(update_fields=["public"])
        transaction.on_commit(lambda: delete_files(storage, [name]))
    image.refresh_public()


def forget_originals(before):
    """Delete the originals of photos blurred before `before` (retention): the blurred photo stays, the blur
    can no longer be undone. The files leave the disk when the transaction commits. Returns how many."""
    with transaction.atomic():
        checks = list(PhotoCheck.objects.filter(blurred_at__lt=before).exclude(original=""))
        names = [c.original.name for c in checks]
        for check in checks:
            check.original = ""
            check.save(update_fields=["original"])
        if checks:
            storage = checks[0].original.storage
            transaction.on_commit(lambda: delete_files(storage, names))
    return len(checks)
