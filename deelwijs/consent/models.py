"""The consent register (beeldtoestemming): who agreed to be shown, where, in which photos, until when.

A ConsentRecord is one person's consent as given (on a signed form or in person); ImageConsent says who is in
one photo (its consent records) or that nobody recognisable is. ConsentEnding keeps what Deelwijs did when a
consent ended: what it took out of the feed and the plan, and where the photos had already been shared.
"""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.content.models import Image
from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import OrganisationManager

# Where a photo may appear. The share flow is "staff's own social media"; a post on a corporate account is
# "the organisation's social media".
INTRANET, WEBSITE, ORGANISATION_SOCIAL, STAFF_SOCIAL, PRINT = (
    "intranet",
    "website",
    "organisation_social",
    "staff_social",
    "print",
)
CHANNELS = [
    (INTRANET, _("Intranet")),
    (WEBSITE, _("Website")),
    (ORGANISATION_SOCIAL, _("The organisation's social media")),
    (STAFF_SOCIAL, _("Staff's own social media")),
    (PRINT, _("Print (leaflets, magazine, posters)")),
]
CHANNEL_LABELS = dict(CHANNELS)
# A consent is "expiring" this many days before its last day; communications is reminded then.
EXPIRING_DAYS = 30


# Signed forms uploaded with a page that had other errors wait here for the next try (consent.forms); the
# daily job deletes what waited longer than a day (domain.forget_pending_forms).
PENDING_DIR = "private/consent/pending/"


def form_name(instance, filename):
    """A signed form is stored under a random name, like the photos: no address can be guessed."""
    return f"private/consent/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


class ConsentRecord(models.Model):
    """One person's consent to be shown in photos, as they (or their representative) gave it."""

    CLIENT, RELATIVE, EMPLOYEE, VOLUNTEER, VISITOR = "client", "relative", "employee", "volunteer", "visitor"
    KINDS = [
        (CLIENT, _("Client")),
        (RELATIVE, _("Relative")),
        (EMPLOYEE, _("Employee")),
        (VOLUNTEER, _("Volunteer")),
        (VISITOR, _("Visitor")),
    ]
    ONE_PHOTO, SERIES, GENERAL = "one_photo", "series", "general"
    SCOPES = [
        (ONE_PHOTO, _("One photo")),
        (SERIES, _("A series or an event")),
        (GENERAL, _("All photos (general consent)")),
    ]
    FORM, IN_APP = "form", "in_app"
    HOW = [(FORM, _("On a signed form (uploaded)")), (IN_APP, _("In person, recorded here by an employee"))]

    VALID, EXPIRING, EXPIRED, WITHDRAWN, UPCOMING = "valid", "expiring", "expired", "withdrawn", "upcoming"
    STATUSES = [
        (VALID, _("Valid")),
        (EXPIRING, _("Expires soon")),
        (EXPIRED, _("Expired")),
        (WITHDRAWN, _("Withdrawn")),
        (UPCOMING, _("Not valid yet")),
    ]
    STATUS_LABELS = dict(STATUSES)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="consent_records")
    name = models.CharField(_("name of the person in the photos"), max_length=200)
    kind = models.CharField(_("who is it"), max_length=20, choices=KINDS, default=CLIENT)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("their account in Deelwijs"),
        help_text=_("Only when the person has an account here (an employee, a volunteer)."),
    )
    description = models.CharField(
        _("how to recognise them"),
        max_length=300,
        blank=True,
        help_text=_("For example: team, location, or what they wear in the photos. No medical details."),
    )
    representative_name = models.CharField(_("name of the representative"), max_length=200, blank=True)
    representative_relation = models.CharField(
        _("relation of the representative"),
        max_length=100,
        blank=True,
        help_text=_("For a minor or a client who cannot decide: for example parent, mentor, curator."),
    )
    # Stored as ",intranet,website," so a plain LIKE finds a channel on SQLite and PostgreSQL alike.
    channels = models.CharField(_("channels"), max_length=200, blank=True)
    scope = models.CharField(_("for which photos"), max_length=20, choices=SCOPES, default=GENERAL)
    scope_description = models.CharField(
        _("which series or event"),
        max_length=200,
        blank=True,
        help_text=_("For example: Zomerfeest 2025. Needed for a series or an event."),
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("The last day. Leave empty for no end date.")
    )
    given_as = models.CharField(_("how it was given"), max_length=10, choices=HOW, default=FORM)
    form = models.FileField(_("signed form"), upload_to=form_name, blank=True)
    form_content_type = models.CharField(max_length=50, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("The employee who heard the consent given in person."),
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = models.CharField(_("how it was withdrawn"), max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now)
    # When Deelwijs acted on the end (withdrawal or expiry), and when it reminded communications before the end.
    ended_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["organisation", "valid_until"])]

    def __str__(self):
        return self.name

    @property
    def channel_list(self):
        return [c for c in self.channels.split(",") if c]

    @property
    def channel_labels(self):
        return [CHANNEL_LABELS[c] for c in self.channel_list if c in CHANNEL_LABELS]

    def set_channels(self, channels):
        self.channels = f",{','.join(sorted(channels))}," if channels else ""

    def status(self, on=None):
        on = on or timezone.localdate()
        if self.withdrawn_on and self.withdrawn_on <= on:
            return self.WITHDRAWN
        if self.valid_until and self.valid_until < on:
            return self.EXPIRED
        if self.valid_from > on:
            return self.UPCOMING
        if self.valid_until and (self.valid_until - on).days < EXPIRING_DAYS:
            return self.EXPIRING
        return self.VALID

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status()]

    def valid_on(self, on=None):
        return self.status(on) in (self.VALID, self.EXPIRING)

    def allows(self, channel, on=None):
        return self.valid_on(on) and channel in self.channel_list

    @property
    def has_representative(self):
        return bool(self.representative_name)


class ImageConsent(models.Model):
    """Who is in one photo: the consent records of the people in it, or that nobody recognisable is in it.

    One-to-one with the photo, so it does not count as a use of the photo (Image.in_use) and goes with it.
    """

    image = models.OneToOneField(Image, on_delete=models.CASCADE, related_name="consent")
    no_recognisable_people = models.BooleanField(_("no recognisable people in this photo"), default=False)
    records = models.ManyToManyField(ConsentRecord, blank=True, related_name="images")
    updated = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("image__organisation")

    def __str__(self):
        return f"consent of image {self.image_id}"


class ConsentEnding(models.Model):
    """What Deelwijs did when a consent ended, kept as it was then: the uses it took out and where the photos
    had been shared already, so communications can ask for them to be removed.

    It outlives its record when an erasure deletes the record: then it holds only the record's number and kind,
    and the list communications still needs to ask for the photos to be taken down.
    """

    WITHDRAWN, EXPIRED = "withdrawn", "expired"
    REASONS = [(WITHDRAWN, _("Withdrawn")), (EXPIRED, _("Expired"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    record = models.ForeignKey(ConsentRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="endings")
    number = models.PositiveIntegerField()  # the record's number, also once the record is gone
    kind = models.CharField(max_length=20, choices=ConsentRecord.KINDS)
    reason = models.CharField(max_length=20, choices=REASONS)
    happened_at = models.DateTimeField(default=timezone.now)
    # [{"kind", "label", "link", "done"}] and [{"where", "network", "date", "by", "link", "clicks"}]
    uses = models.JSONField(default=list)
    shared = models.JSONField(default=list)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-happened_at", "-pk"]

    def __str__(self):
        return f"{self.reason} {self.number}"
