"""Business rules of the consent register (beeldtoestemming). Each function lists its whole effect.

The one question every app asks is ``usable_for(image, channel, on=None)``: may this photo go out on this
channel on this day? Yes when the photo is marked as showing nobody recognisable, or when every person linked
to it has a valid consent for the channel; no otherwise, also when nothing is recorded.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from deelwijs.common.files import delete_files
from deelwijs.content.models import ContentItem, Image
from deelwijs.orgs import audit, pickers
from deelwijs.orgs.domain import log, notify
from deelwijs.orgs.models import User
from deelwijs.orgs.permissions import can_keep_consent
from deelwijs.orgs.roles import COMMUNICATIONS, STAFF_ROLES, VOLUNTEER

from .models import CHANNEL_LABELS, CHANNELS, EXPIRING_DAYS, PENDING_DIR, ConsentEnding, ConsentRecord, ImageConsent
from .uses import Use, answers

# Kinds, scopes and fields of a record in the audit log's sentences ("recorded photo consent 3 (client, ...)").
audit.register_labels(
    consent_kind=dict(ConsentRecord.KINDS),
    consent_scope=dict(ConsentRecord.SCOPES),
    consent_field={f.name: f.verbose_name for f in ConsentRecord._meta.fields},
)


def _image_id(image):
    return getattr(image, "pk", image)


def consent_of(image):
    """The photo's ImageConsent with its records, or None when nothing is recorded."""
    if image is None:
        return None
    return ImageConsent.objects.filter(image_id=_image_id(image)).prefetch_related("records").first()


def usable_for(image, channel, on=None):
    """Whether the photo may be used on the channel on the day ``on`` (today by default).

    True when the photo is marked "no recognisable people", or every consent record linked to it is valid on
    that day and covers the channel. False otherwise, also when nothing is recorded for the photo. No photo
    (None) shows nobody: True.
    """
    if image is None:
        return True
    consent = consent_of(image)
    return _usable(consent, channel, on)


def usable_images(images, channel, on=None):
    """The ids of the photos (Images or ids) that may be used on the channel on the day ``on``: ``usable_for``
    for many photos at once, in two queries."""
    consents = ImageConsent.objects.filter(image_id__in={_image_id(i) for i in images}).prefetch_related("records")
    return {consent.image_id for consent in consents if _usable(consent, channel, on)}


def mark_nobody_recognisable(actor, image, nobody):
    """Record that a photo shows nobody recognisable, or undo that mark (the records linked stay as they are).
    Nothing is logged when nothing changes."""
    consent = consent_of(image)
    if nobody and not (consent and consent.no_recognisable_people):
        link_photo(actor, image, [], True)
    elif not nobody and consent and consent.no_recognisable_people:
        link_photo(actor, image, [], False)


def channels_of(consent, on=None):
    """[(label, usable)] for every channel, from a photo's ImageConsent (or None) as consent_of gave it."""
    return [(label, _usable(consent, code, on)) for code, label in CHANNELS]


def _usable(consent, channel, on=None):
    if consent is None:
        return False
    if consent.no_recognisable_people:
        return True
    records = list(consent.records.all())
    return bool(records) and all(r.allows(channel, on) for r in records)


@dataclass(frozen=True)
class Verdict:
    """What the consent of a photo says about sharing or planning it on some channels."""

    missing: tuple  # the channels without valid consent, in the order asked
    blocks: bool  # the organisation blocks instead of warning
    recorded: bool  # anything recorded for the photo at all

    @property
    def ok(self):
        return not self.missing

    @property
    def message(self):
        if self.ok:
            return ""
        channels = ", ".join(str(CHANNEL_LABELS[c]).lower() for c in self.missing)
        if not self.recorded:
            text = _("Nobody has recorded yet who is in this photo, so there is no consent for %(channels)s.")
        else:
            text = _("Not everyone in this photo has a valid consent for %(channels)s.")
        return text % {"channels": channels}


def verdict(organisation, image, channels, on=None, new_photo=False):
    """The Verdict for using ``image`` on ``channels``; no photo is always fine, and a photo being uploaded
    (``new_photo``) has nothing recorded yet."""
    if image is None and not new_photo:
        return Verdict((), False, True)
    consent = None if new_photo else consent_of(image)
    missing = tuple(c for c in channels if not _usable(consent, c, on))
    return Verdict(missing, bool(missing) and organisation.photo_consent_blocks, consent is not None)


# The register
def search(records, text="", status="", kind="", on=None):
    """Filter a queryset of records by words (name, representative, description, series), status and kind."""
    on = on or timezone.localdate()
    for word in (text or "").split()[:6]:
        records = records.filter(
            Q(name__icontains=word)
            | Q(representative_name__icontains=word)
            | Q(description__icontains=word)
            | Q(scope_description__icontains=word)
        )
    if kind:
        records = records.filter(kind=kind)
    if status:
        records = records.filter(status_filter(status, on))
    return records


def status_filter(status, on):
    """The Q for records with this status on the day ``on`` (ConsentRecord.status in SQL)."""
    not_withdrawn = Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
    running = not_withdrawn & Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))
    soon = on + timedelta(days=EXPIRING_DAYS - 1)
    return {
        ConsentRecord.WITHDRAWN: Q(withdrawn_on__lte=on),
        ConsentRecord.EXPIRED: not_withdrawn & Q(valid_until__lt=on),
        ConsentRecord.VALID: running,
        ConsentRecord.EXPIRING: running & Q(valid_until__lte=soon),
        ConsentRecord.UPCOMING: not_withdrawn & Q(valid_from__gt=on) & ~Q(valid_until__lt=on),
    }.get(status, Q())


def same_person(record):
    """The other records of the person in this record: the same account, or the same name and kind."""
    others = ConsentRecord.objects.exclude(pk=record.pk)
    if record.person_id:
        return others.filter(Q(person_id=record.person_id) | Q(person__isnull=True, name__iexact=record.name))
    return others.filter(name__iexact=record.name, kind=record.kind)


@transaction.atomic
def save_record(actor, record, changed=(), link_to=None):
    """Save a new or changed record and write it to the audit log (its number and kind, never the name).

    A changed end date starts the reminder afresh; a consent that is valid again after it had ended can end
    again. A consent that has ended by now (an end date in the past) is acted on at once (``end_consent``).
    ``link_to``: a photo to link the new record to. Returns the record.
    """
    new = record.pk is None
    record.organisation = actor.organisation
    if "valid_until" in changed:
        record.reminded_on = None
    if record.ended_at and record.valid_on():
        record.ended_at = None
    record.save()
    if new:
        log(actor.organisation, actor, "consent_added", number=record.pk, kind=record.kind, scope=record.scope)
    elif changed:
        log(actor.organisation, actor, "consent_changed", number=record.pk, fields=sorted(changed))
    if link_to is not None:
        consent, _created = ImageConsent.objects.get_or_create(image=link_to)
        link_photo(actor, link_to, [*consent.records.all(), record], False)
    if record.ended_at is None and record.status() in (ConsentRecord.EXPIRED, ConsentRecord.WITHDRAWN):
        expired = record.status() == ConsentRecord.EXPIRED
        end_consent(record, ConsentEnding.EXPIRED if expired else ConsentEnding.WITHDRAWN)
    return record


@transaction.atomic
def withdraw(actor, record, on, note=""):
    """Record that the consent was withdrawn on the day ``on`` (not in the future), log it, and act on it:
    every use of the person's photos is taken out of the feed and the plan (``end_consent``)."""
    record.withdrawn_on, record.withdrawal_note = on, note.strip()
    record.save(update_fields=["withdrawn_on", "withdrawal_note"])
    log(actor.organisation, actor, "consent_withdrawn", number=record.pk, on=on.isoformat())
    if record.ended_at is None:
        end_consent(record, ConsentEnding.WITHDRAWN, actor)
    return record


@transaction.atomic
def link_photo(actor, image, records, no_recognisable_people):
    """Say who is in a photo: these consent records, or nobody recognisable (then no records). Logged.

    Returns the ImageConsent. Linking nothing and marking nothing leaves the photo with nothing recorded.
    """
    consent, _created = ImageConsent.objects.get_or_create(image=image)
    consent.no_recognisable_people = bool(no_recognisable_people)
    consent.updated = timezone.now()
    consent.save(update_fields=["no_recognisable_people", "updated"])
    consent.records.set([] if no_recognisable_people else records)
    log(
        actor.organisation,
        actor,
        "photo_consent",
        image=image.pk,
        description=image.alt,
        nobody=bool(no_recognisable_people),
        records=[] if no_recognisable_people else sorted(r.pk for r in records),
    )
    return consent


def other_photo_of_one_photo_consent(record, image):
    """A consent for one photo that is linked to another photo already (it may be linked to one only)."""
    return record.scope == ConsentRecord.ONE_PHOTO and record.images.exclude(image_id=_image_id(image)).exists()


# When a consent ends
def _content_uses(images, apply):
    """Content items with one of the photos: the published ones are taken out of the feed."""
    result = []
    items = ContentItem.objects.filter(image_id__in=images).select_related("created_by").order_by("pk")
    for item in items:
        if item.published:
            done = _("Taken out of the feed (unpublished).") if apply else _("In the feed.")
            if apply:
                item.published = False
                # Saved one by one: the public copy of the photo goes with the publication (content.signals).
                item.save(update_fields=["published"])
        else:
            done = _("Not in the feed.")
        responsible = (item.created_by,) if item.created_by_id else ()
        result.append(Use(_("Feed item"), item.title, reverse("item_edit", args=[item.pk]), done, responsible))
    return result


def uses_of(images, apply=False):
    """(uses, shared): everything that uses these photos, and where they were shared already."""
    images = [_image_id(i) for i in images]
    uses = _content_uses(images, apply)
    more, shared = answers(images, apply)
    return uses + more, shared


def _snapshot(uses, shared):
    return (
        [{"kind": str(u.kind), "label": u.label, "link": u.link, "done": str(u.done)} for u in uses],
        [
            {
                "where": s.where,
                "network": str(s.network),
                "date": s.date.isoformat() if s.date else None,
                "by": s.by,
                "link": s.link,
                "clicks": s.clicks,
            }
            for s in shared
        ],
    )


def choosable_subjects(organisation):
    """Whose account a consent record may point at, as its help text says: an employee's or a volunteer's
    (staff or volunteers with an open account). A client's consent is recorded by name only."""
    return pickers.holding(organisation, STAFF_ROLES | {VOLUNTEER})


def choosable_witnesses(organisation):
    """Who may have heard a consent given in person (recorded_by): staff."""
    return pickers.staff(organisation)


pickers.register("afgebeelde", can_keep_consent, lambda chooser: choosable_subjects(chooser.organisation))
pickers.register("toestemming-gehoord", can_keep_consent, lambda chooser: choosable_witnesses(chooser.organisation))


def communications_of(organisation):
    return list(User.members.filter(is_active=True, role_assignments__role=COMMUNICATIONS).distinct().order_by("pk"))


@transaction.atomic
def end_consent(record, reason, actor=None):
    """A consent ended (withdrawn, or past its last day): act on it once.

    Every content item, planned post and story that uses a photo linked to this record is taken out of the
    feed and the plan (items unpublished, open planned posts cancelled; nothing is deleted), what was done and
    where the photos had already been shared (shares with their network, date and short link; posts published
    on corporate accounts) is kept in a ConsentEnding, communications is notified (and e-mailed) with a link to
    that list, and the people responsible for each use are told which use went. The notifications name the
    record by number and kind, never the person. Logged. Returns the ConsentEnding.
    """
    images = list(record.images.values_list("image_id", flat=True))
    with override("nl"):  # the list is kept as it was written, in the interface's default language
        uses, shared = uses_of(images, apply=True)
    stored_uses, stored_shared = _snapshot(uses, shared)
    ending = ConsentEnding.objects.create(
        organisation=record.organisation,
        record=record,
        number=record.pk,
        kind=record.kind,
        reason=reason,
        happened_at=timezone.now(),
        uses=stored_uses,
        shared=stored_shared,
    )
    record.ended_at = ending.happened_at
    record.save(update_fields=["ended_at"])
    log(
        record.organisation,
        actor,
        "consent_ended",
        number=record.pk,
        kind=record.kind,
        reason=reason,
        uses=len(uses),
        shared=len(shared),
    )
    organisation = record.organisation
    communications = communications_of(organisation)
    with override("nl"):
        kind = record.get_kind_display().lower()
        if reason == ConsentEnding.WITHDRAWN:
            text = _("Photo consent %(number)s (%(kind)s) was withdrawn.")
        else:
            text = _("Photo consent %(number)s (%(kind)s) has ended.")
        text = text % {"number": record.pk, "kind": kind}
        if uses:
            text += " " + ngettext(
                "%(n)s use of their photos was taken out of the feed and the plan.",
                "%(n)s uses of their photos were taken out of the feed and the plan.",
                len(uses),
            ) % {"n": len(uses)}
        if shared:
            text += " " + ngettext(
                "The photos were shared once already: ask for them to be removed.",
                "The photos were shared %(n)s times already: ask for them to be removed.",
                len(shared),
            ) % {"n": len(shared)}
        link = reverse("consent_ending", args=[ending.pk])
        for person in communications:
            notify(person, text, link, email_subject=_("Deelwijs: photo consent ended"))
        told = {p.pk for p in communications}
        for use in uses:
            for person in use.responsible:
                if person is None or person.pk in told or not person.is_active:
                    continue
                notify(
                    person,
                    _("“%(label)s”: the consent of someone in its photo has ended. %(done)s")
                    % {"label": use.label, "done": use.done},
                    use.link,
                    email_subject=_("Deelwijs: a photo may no longer be used"),
                )
    return ending


def handle_dates(today=None):
    """The daily job for the active organisation: act on every consent that ended (past its last day, or
    withdrawn and not acted on yet), and remind communications once of every consent whose last day is within
    EXPIRING_DAYS. Returns (ended, reminded)."""
    today = today or timezone.localdate()
    ended = 0
    due = ConsentRecord.objects.filter(ended_at__isnull=True).filter(
        Q(valid_until__lt=today) | Q(withdrawn_on__lte=today)
    )
    for record in due.select_related("organisation"):
        reason = ConsentEnding.WITHDRAWN if record.withdrawn_on else ConsentEnding.EXPIRED
        end_consent(record, reason)
        ended += 1
    soon = ConsentRecord.objects.filter(
        ended_at__isnull=True,
        withdrawn_on__isnull=True,
        reminded_on__isnull=True,
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=EXPIRING_DAYS - 1),
    ).select_related("organisation")
    reminded = 0
    for record in soon:
        with override("nl"):
            text = _(
                "Photo consent %(number)s (%(kind)s) ends on %(date)s. Ask for a new consent in time, or its "
                "photos go out of the feed and the plan the day after."
            ) % {
                "number": record.pk,
                "kind": record.get_kind_display().lower(),
                "date": record.valid_until.strftime("%d-%m-%Y"),
            }
            for person in communications_of(record.organisation):
                notify(
                    person,
                    text,
                    reverse("consent_detail", args=[record.pk]),
                    email_subject=_("Deelwijs: photo consent ends soon"),
                )
        ConsentRecord.objects.filter(pk=record.pk).update(reminded_on=today)
        reminded += 1
    return ended, reminded


def forget_pending_forms(now=None):
    """Delete the signed forms kept for a next try that never came (older than a day). Returns how many."""
    before = (now or timezone.now()) - timedelta(days=1)
    try:
        _folders, names = default_storage.listdir(PENDING_DIR)
    except FileNotFoundError:
        return 0
    old = [PENDING_DIR + n for n in names if default_storage.get_modified_time(PENDING_DIR + n) < before]
    delete_files(default_storage, old)
    return len(old)


# Retention and erasure
def forget_ended(before):
    """Delete the records whose consent ended (withdrawn, or past its last day) before the day ``before``,
    with their signed forms (from disk when the transaction commits), their links to photos and the lists of
    what was done when they ended. Returns how many records (retention: Organisation.keep_consent_years)."""
    ended = ConsentRecord.objects.filter(Q(withdrawn_on__lt=before) | Q(valid_until__lt=before))
    count = 0
    with transaction.atomic():
        # What was done when they ended goes with them, and so does a list an erasure left without its record.
        orphans = Q(record__isnull=True, happened_at__date__lt=before)
        ConsentEnding.objects.filter(Q(record__in=ended) | orphans).delete()
        for record in ended:
            name, storage = record.form.name, record.form.storage
            record.delete()
            if name:
                transaction.on_commit(lambda n=name, s=storage: delete_files(s, [n]))
            count += 1
    return count


def records_about(person):
    return ConsentRecord.objects.filter(person=person)


def erase_person(person):
    """An erasure (AVG art. 17) of someone who has consent records as the person in the photos: each consent
    ends as withdrawn (its photos taken out of the feed and the plan, communications told where they were
    shared), then the records are deleted with their signed forms, from disk at once like the erasure's other
    files. The list of where the photos were shared stays (ConsentEnding, by number only), so communications
    can still ask for them to be removed (art. 17(2)). Returns how many records went."""
    count = 0
    today = timezone.localdate()
    for record in records_about(person):
        if record.ended_at is None:
            record.withdrawn_on = record.withdrawn_on or today
            record.save(update_fields=["withdrawn_on"])
            end_consent(record, ConsentEnding.WITHDRAWN)
        if record.form:
            record.form.delete(save=False)
        record.delete()
        count += 1
    return count


def images_of(record):
    return Image.objects.filter(consent__records=record).order_by("-created")
