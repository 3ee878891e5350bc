import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.common.files import delete_files
from deelwijs.orgs.models import Location, Organisation, Team
from deelwijs.orgs.roles import CLIENT, VOLUNTEER
from deelwijs.orgs.tenancy import OrganisationManager, across_organisations

from .images import content_type_of, process, public_rendition

# Networks a suggested text can be written for; "email" is a mail to friends.
SHARE_NETWORKS = [
    ("linkedin", "LinkedIn"),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("bluesky", "Bluesky"),
    ("mastodon", "Mastodon"),
    ("whatsapp", "WhatsApp"),
    ("email", _("E-mail")),
]
SHARE_NETWORK_LABELS = dict(SHARE_NETWORKS)
# How one shares there, where "on E-mail" would be wrong.
SHARE_WHERE = {"email": _("by e-mail"), "whatsapp": _("in WhatsApp")}


def share_where(network):
    """Where a share goes, as a phrase: "op LinkedIn", "per e-mail", "in WhatsApp"."""
    return SHARE_WHERE.get(network) or _("on %(network)s") % {"network": SHARE_NETWORK_LABELS[network]}


# A campaign's colour on the calendar: (code, name, background, text). The campaign's name is written in the text
# colour on the background, at a contrast of at least 4.5:1 (WCAG 1.4.3, tests/web/test_campaigns.py), and always
# in words: the colour only helps to spot a campaign. deelwijs.css has a class c-<code> for each.
CAMPAIGN_COLOURS = [
    ("blue", _("Blue"), "#1f5fa8", "#ffffff"),
    ("teal", _("Teal"), "#00706b", "#ffffff"),
    ("green", _("Green"), "#2e6b1f", "#ffffff"),
    ("purple", _("Purple"), "#6b3fa0", "#ffffff"),
    ("magenta", _("Magenta"), "#a3246b", "#ffffff"),
    ("red", _("Red"), "#b02a2a", "#ffffff"),
    ("brown", _("Brown"), "#8a4b00", "#ffffff"),
    ("slate", _("Slate"), "#4a5568", "#ffffff"),
    ("yellow", _("Yellow"), "#f2c94c", "#1a1a1a"),
]


class Campaign(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=150)
    colour = models.CharField(
        _("colour"),
        max_length=20,
        choices=[(code, label) for code, label, _bg, _fg in CAMPAIGN_COLOURS],
        default=CAMPAIGN_COLOURS[0][0],
        help_text=_("Shown with the campaign's name on the calendar's posts."),
    )

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="unique_campaign_slug")]

    def __str__(self):
        return self.name


class Topic(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(_("name"), max_length=100)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_topic_name")]

    def __str__(self):
        return self.name


class ContentItemQuerySet(models.QuerySet):
    def live(self, now=None):
        now = now or timezone.now()
        return self.filter(published=True, starts_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def for_person(self, person):
        """Items meant for this person: every audience rule that is set must match.

        An item without roles is for staff; clients and volunteers see only
        items that name their role.
        """
        roles = Q(audience_roles="") if person.roles - {CLIENT, VOLUNTEER} else Q(pk__in=[])
        for role in person.roles:
            roles |= Q(audience_roles__contains=f",{role},")
        team_ids = [t.pk for t in person.teams.all()]
        location_ids = {t.location_id for t in person.teams.all() if t.location_id}
        return (
            self.filter(organisation_id=person.organisation_id)
            .filter(roles)
            .filter(Q(audience_teams__isnull=True) | Q(audience_teams__in=team_ids))
            .filter(Q(audience_locations__isnull=True) | Q(audience_locations__in=location_ids))
            .distinct()
        )


class ContentItem(models.Model):
    """Something communications offers for sharing, with suggested texts per network."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="content_items")
    title = models.CharField(_("title"), max_length=200)
    link = models.URLField(_("link"), blank=True, max_length=500)
    body = models.TextField(_("text"), blank=True, help_text=_("Background for the sharer; not posted."))
    topics = models.ManyToManyField(Topic, blank=True, related_name="items", verbose_name=_("topics"))
    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name=_("campaign")
    )
    # Stored as ",employee,ambassador," so a plain LIKE finds a role on SQLite and PostgreSQL alike.
    audience_roles = models.CharField(max_length=200, blank=True)
    audience_teams = models.ManyToManyField(Team, blank=True, verbose_name=_("teams"))
    audience_locations = models.ManyToManyField(Location, blank=True, verbose_name=_("locations"))
    starts_at = models.DateTimeField(_("visible from"), default=timezone.now)
    expires_at = models.DateTimeField(_("visible until"), null=True, blank=True)
    image = models.ForeignKey("Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    pinned = models.BooleanField(_("pinned"), default=False)
    published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation", models.Manager.from_queryset(ContentItemQuerySet))

    class Meta:
        ordering = ["-pinned", "-starts_at"]
        indexes = [models.Index(fields=["organisation", "published", "starts_at"])]

    def __str__(self):
        return self.title

    def is_live(self, now=None):
        """In the feed now: the Python side of ContentItemQuerySet.live(), for an item already loaded."""
        now = now or timezone.now()
        return self.published and self.starts_at <= now and (self.expires_at is None or self.expires_at > now)

    @property
    def role_list(self):
        return [r for r in self.audience_roles.split(",") if r]

    def set_roles(self, roles):
        self.audience_roles = f",{','.join(sorted(roles))}," if roles else ""


class SuggestedText(models.Model):
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="suggested_texts")
    network = models.CharField(_("network"), max_length=20, choices=SHARE_NETWORKS)
    text = models.TextField(_("suggested text"))
    # A block finding communications chose to keep, with the reason (also in the audit log), and what was kept:
    # the fingerprint of this text on this network (override_key), so the reason is asked once per text.
    override_reason = models.CharField(max_length=300, blank=True)
    override_key = models.CharField(max_length=64, blank=True)

    objects = OrganisationManager("item__organisation")

    class Meta:
        ordering = ["network", "pk"]

    def __str__(self):
        return f"{self.get_network_display()} text {self.pk}"


def private_name(instance, filename):
    """Where an uploaded photo is stored: a random name, so no address can be guessed or counted up."""
    return f"private/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


def public_name(instance, filename):
    """The public photo of a published item: a random name of its own, unrelated to the private ones."""
    return f"public/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


class Image(models.Model):
    """A photo as stored: no EXIF or GPS data, in a large and a small size.

    Private: the files are sent only through the view of the object that uses the photo (a content
    item, a planned post, a story, an inbox item), after that object's access check. A photo that a
    published content item shows also gets a public copy (``public``), the only file anyone may fetch.
    An image lives as long as something uses it (content.signals); its files go with the row.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="images")
    large = models.ImageField(upload_to=private_name, width_field="width", height_field="height")
    small = models.ImageField(upload_to=private_name)
    public = models.FileField(upload_to=public_name, blank=True, db_index=True)
    content_type = models.CharField(max_length=50, default="image/jpeg")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("description for screen readers"), max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    # The sizes in the addresses of the photo views, and the field each one sends.
    SIZES = {"klein": "small", "groot": "large"}

    def __str__(self):
        return f"image {self.pk}"

    @classmethod
    def from_upload(cls, organisation, upload, alt=""):
        return cls.from_processed(organisation, process(upload), alt)

    @classmethod
    def from_processed(cls, organisation, sizes, alt=""):
        """Store the sizes made by images.process()."""
        image = cls(organisation=organisation, alt=alt, content_type=content_type_of(sizes["large"][0].name))
        image.large.save(sizes["large"][0].name, sizes["large"][0], save=False)
        image.small.save(sizes["small"][0].name, sizes["small"][0], save=False)
        image.save()
        return image

    def file(self, size):
        """The stored file for a size of SIZES ("klein", "groot"), or None for a size we do not have."""
        field = self.SIZES.get(size)
        return getattr(self, field) if field else None

    @property
    def public_filename(self):
        """The last part of the public copy's address (its random name), or "" without one."""
        return PurePosixPath(self.public.name).name if self.public else ""

    def stored_names(self):
        return [f.name for f in (self.large, self.small, self.public) if f]

    @property
    def version(self):
        """Changes when the stored photo does (a blur stores new files): put in the photo's address, so a browser
        never shows the copy it kept of the photo before."""
        return PurePosixPath(self.large.name).stem[:8]

    def in_use(self):
        """Whether an object still points at this image: every foreign key to Image, in any app, counts."""
        with across_organisations():  # the rows that point at one image, found by its id
            for relation in self._meta.get_fields(include_hidden=True):
                if relation.one_to_many and relation.auto_created and not relation.concrete:
                    manager = relation.related_model._default_manager
                    if manager.filter(**{relation.field.name: self.pk}).exists():
                        return True
        return False

    def shown_publicly(self):
        """A published content item shows this photo: it may be fetched by anyone, as its public copy."""
        with across_organisations():  # the items that show one image, found by its id
            return ContentItem.objects.filter(image=self.pk, published=True).exists()

    def refresh_public(self):
        """Make the public copy when a published item shows the photo; remove it when none does any more."""
        wanted = self.shown_publicly()
        if wanted and not self.public:
            rendition = public_rendition(self.large)
            self.public.save(rendition.name, rendition, save=False)
            self.save(update_fields=["public"])
        elif not wanted and self.public:
            name, storage = self.public.name, self.public.storage
            self.public = ""
            self.save(update_fields=["public"])
            # Only once the change is committed: a rollback must find the file still there.
            transaction.on_commit(lambda: delete_files(storage, [name]))


class KeptUpload(models.Model):
    """A file someone chose in a form that had an error elsewhere (or a text the post check blocked): kept so
    they need not choose it again.

    Used by the form they send next (only by them), and deleted with its file then or the next night
    (content.uploads).
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=private_name)
    name = models.CharField(max_length=200)
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("person__organisation")

    def __str__(self):
        return self.name


class PhotoCheck(models.Model):
    """What the photo check (deelwijs.photocheck) found in one photo: faces, text and codes, each with its box.

    Made pending when the photo is uploaded or blurred; the background job (content.tasks.check_photo) fills it in.
    ``findings`` holds, per finding, its kind, category, severity, rule, box (in pixels of the stored large size)
    and what was read, with the message and policy line in Dutch and English. One-to-one with the photo, so it is
    no use of the photo (Image.in_use) and goes with it; ``original`` is the photo as uploaded, kept after a blur
    until the retention period (Organisation.keep_originals_days) ends.
    """

    PENDING, DONE, FAILED = "pending", "done", "failed"
    STATUSES = [(PENDING, _("Being checked")), (DONE, _("Checked")), (FAILED, _("Check failed"))]

    image = models.OneToOneField(Image, on_delete=models.CASCADE, related_name="photo_check")
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    findings = models.JSONField(default=list, blank=True)
    # The stored file the findings belong to: a check that finishes after the photo was blurred is not kept.
    checked_file = models.CharField(max_length=100, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    checked_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    # A blocking finding communications decided to keep, with the reason (also in the audit log).
    accepted_reason = models.CharField(_("reason to use the photo as it is"), max_length=300, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    original = models.ImageField(upload_to=private_name, blank=True)
    blurred_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationManager("image__organisation")

    def __str__(self):
        return f"check of image {self.image_id}: {self.status}"

    @property
    def blocking(self):
        return [f for f in self.findings if f.get("severity") == "block"] if self.status == self.DONE else []

    @property
    def blocks(self):
        """A finding that blocks sharing and planning, unless communications accepted the photo as it is."""
        return bool(self.blocking) and not self.accepted_at
