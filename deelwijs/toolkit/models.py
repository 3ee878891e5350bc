from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.content.models import SHARE_NETWORK_LABELS, SHARE_NETWORKS, Image, private_name
from deelwijs.orgs.models import Organisation
from deelwijs.orgs.roles import CLIENT, ROLE_LABELS, VOLUNTEER
from deelwijs.orgs.tenancy import OrganisationManager

from .renditions import BANNER_SIZES

# The networks a guide is written for (a mail or a chat app has no profile), and those with a banner.
PROFILE_NETWORKS = [(code, label) for code, label in SHARE_NETWORKS if code not in ("whatsapp", "email")]
BANNER_NETWORKS = [(code, label) for code, label in PROFILE_NETWORKS if code in BANNER_SIZES]


class ForRolesQuerySet(models.QuerySet):
    def for_person(self, person):
        """What is meant for this person: without roles it is for staff; clients and volunteers see only what
        names their role (as content items do)."""
        roles = Q(audience_roles="") if person.roles - {CLIENT, VOLUNTEER} else Q(pk__in=[])
        for role in person.roles:
            roles |= Q(audience_roles__contains=f",{role},")
        return self.filter(published=True).filter(roles)


class ForRoles(models.Model):
    """Published or a draft, for some roles only; stored as ",employee,ambassador," so a plain LIKE finds a role."""

    audience_roles = models.CharField(max_length=200, blank=True)
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        abstract = True

    @property
    def role_list(self):
        return [r for r in self.audience_roles.split(",") if r]

    def role_labels(self):
        return [ROLE_LABELS[r] for r in self.role_list if r in ROLE_LABELS]

    def set_roles(self, roles):
        self.audience_roles = f",{','.join(sorted(roles))}," if roles else ""


class Page(ForRoles):
    """A page of the toolkit in Markdown, written by communications.

    Three kinds have a place of their own: the tone-of-voice guide (the word list of the post check follows its
    text), the guidance for a profile photo (in the profile kit) and a guide for one network (its character
    limits follow from the post check; it says when it was last checked).
    """

    PAGE, TONE, PROFILE, GUIDE = "page", "tone", "profile", "guide"
    KINDS = [
        (PAGE, _("Page")),
        (TONE, _("Tone of voice and word use")),
        (PROFILE, _("Guidance for the profile photo")),
        (GUIDE, _("Guide for a network")),
    ]
    # Only one of each of these per organisation.
    SINGLE_KINDS = (TONE, PROFILE)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="toolkit_pages")
    kind = models.CharField(_("kind of page"), max_length=20, choices=KINDS, default=PAGE)
    network = models.CharField(_("network"), max_length=20, choices=PROFILE_NETWORKS, blank=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("in one line"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown: **bold**, ## heading, - list, [link](url)."))
    order = models.PositiveSmallIntegerField(default=0)
    checked_on = models.DateField(_("last checked on"), null=True, blank=True)
    # The day communications was reminded that the guide is out of date (once per time it goes out of date).
    reminded_on = models.DateField(null=True, blank=True)
    updated = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = OrganisationManager("organisation", models.Manager.from_queryset(ForRolesQuerySet))

    class Meta:
        ordering = ["order", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"], condition=Q(kind__in=["tone", "profile"]), name="one_toolkit_kind"
            ),
            models.UniqueConstraint(
                fields=["organisation", "network"], condition=Q(kind="guide"), name="one_guide_per_network"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def network_label(self):
        return SHARE_NETWORK_LABELS.get(self.network, "")


class Attachment(models.Model):
    """A file that goes with a page (a worksheet, a logo, a manual). Sent only after the page's visibility check."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=private_name)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("page__organisation")

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class LibraryImage(models.Model):
    """A photo or image staff may use, with its licence, the channels it may go on and until when.

    The files are a content Image (no EXIF or GPS, private); downloads are cut to each network's size.
    """

    OWN, BOUGHT, FREE, CREATIVE_COMMONS, OTHER = "own", "bought", "free", "cc", "other"
    LICENCES = [
        (OWN, _("Our own (made by or for the organisation)")),
        (BOUGHT, _("Bought or licensed (stock photo)")),
        (FREE, _("Free of rights (public domain, CC0)")),
        (CREATIVE_COMMONS, _("Creative Commons with credit")),
        (OTHER, _("Other, see the source")),
    ]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="library_images")
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    licence = models.CharField(_("licence"), max_length=20, choices=LICENCES)
    source = models.CharField(
        _("source"), max_length=300, help_text=_("Who made it or where it comes from, and the licence if it has one.")
    )
    credit = models.CharField(
        _("credit to mention"), max_length=200, blank=True, help_text=_("For example: Foto: Jan de Vries.")
    )
    # The networks it may be used on, stored as ",linkedin,instagram,".
    channels = models.CharField(max_length=200)
    expires_on = models.DateField(
        _("may be used until"), null=True, blank=True, help_text=_("The last day. Leave empty when it never expires.")
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.title

    @property
    def channel_list(self):
        return [c for c in self.channels.split(",") if c in SHARE_NETWORK_LABELS]

    def channel_labels(self):
        return [SHARE_NETWORK_LABELS[c] for c in self.channel_list]

    def set_channels(self, channels):
        self.channels = f",{','.join(sorted(channels))},"

    def expired(self, on=None):
        return self.expires_on is not None and self.expires_on < (on or timezone.localdate())


class Banner(models.Model):
    """A banner or background image for one network's profile, in the house style."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="banners")
    network = models.CharField(_("network"), max_length=20, choices=BANNER_NETWORKS)
    title = models.CharField(_("title"), max_length=200)
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["network", "title", "pk"]

    def __str__(self):
        return self.title


class PostFormat(ForRoles):
    """A reusable post (a vacancy, an event, a thank-you) with [parts to fill in]; it opens in the share editor."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="post_formats")
    title = models.CharField(_("title"), max_length=200)
    use = models.CharField(_("when to use it"), max_length=300, blank=True)
    text = models.TextField(_("text"), help_text=_("Put what people fill in themselves between [square brackets]."))
    network = models.CharField(_("network it is written for"), max_length=20, choices=SHARE_NETWORKS)
    order = models.PositiveSmallIntegerField(default=0)
    updated = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = OrganisationManager("organisation", models.Manager.from_queryset(ForRolesQuerySet))

    class Meta:
        ordering = ["order", "title", "pk"]

    def __str__(self):
        return self.title


class ProfileChecklist(models.Model):
    """What a person ticked for their own profile; "profiel op orde" in the directory only when they choose so."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_checklist")
    ticked = models.JSONField(default=list, blank=True)
    in_directory = models.BooleanField(_("show “profiel op orde” with my name in the directory"), default=False)
    updated = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("person__organisation")

    def __str__(self):
        return f"profile checklist of {self.person_id}"
