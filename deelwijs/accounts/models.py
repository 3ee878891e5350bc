import re
import string

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.orgs.models import Location, Organisation, handle_text
from deelwijs.orgs.roles import ROLES
from deelwijs.orgs.tenancy import OrganisationManager

NETWORKS = [
    ("linkedin", "LinkedIn"),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("bluesky", "Bluesky"),
    ("mastodon", "Mastodon"),
    ("youtube", "YouTube"),
    ("tiktok", "TikTok"),
]
NETWORK_LABELS = dict(NETWORKS)
PROFILE_URLS = {
    "linkedin": "https://www.linkedin.com/in/{}",
    "x": "https://x.com/{}",
    "facebook": "https://www.facebook.com/{}",
    "instagram": "https://www.instagram.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "youtube": "https://www.youtube.com/@{}",
    "tiktok": "https://www.tiktok.com/@{}",
}
MIN_OWNERS = 2


class CorporateAccount(models.Model):
    """One of the organisation's own accounts, with who owns and who may use it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="corporate_accounts")
    platform = models.CharField(_("network"), max_length=20, choices=NETWORKS)
    handle = models.CharField(_("handle"), max_length=100)
    url = models.URLField(_("address (URL)"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    owner_department = models.CharField(_("owner department"), max_length=100, blank=True)
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("location page of")
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="owned_accounts", verbose_name=_("owners")
    )
    allowed_roles = models.JSONField(_("roles that may use it"), default=list, blank=True)
    allowed_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="usable_accounts", verbose_name=_("people who may use it")
    )

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["platform", "handle"]
        constraints = [models.UniqueConstraint(fields=["organisation", "platform", "handle"], name="unique_account")]

    def __str__(self):
        return f"{self.get_platform_display()} {self.handle}"

    @property
    def too_few_owners(self):
        return len(self.owners.all()) < MIN_OWNERS

    def allowed_role_labels(self):
        labels = dict(ROLES)
        return [labels[r] for r in self.allowed_roles if r in labels]

    def may_be_used_by(self, user):
        return user.has_role(*self.allowed_roles) or user in self.allowed_people.all() or user in self.owners.all()


class LocationPageRequest(models.Model):
    """A request for a new location page, through intake by communications to registration."""

    REQUESTED, INTAKE, APPROVED, REFUSED, REGISTERED = "requested", "intake", "approved", "refused", "registered"
    STATUSES = [
        (REQUESTED, _("Requested")),
        (INTAKE, _("Intake")),
        (APPROVED, _("Approved")),
        (REFUSED, _("Refused")),
        (REGISTERED, _("Registered")),
    ]
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="page_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="page_requests")
    platform = models.CharField(_("network"), max_length=20, choices=NETWORKS)
    name = models.CharField(_("name of the page"), max_length=150)
    location = models.ForeignKey(Location, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("location"))
    purpose = models.TextField(_("what the page is for"))
    audience = models.CharField(_("who it is for"), max_length=300)
    editors = models.CharField(
        _("who will post"),
        max_length=300,
        help_text=_("At least two people, so the page never leaves with one person."),
    )
    status = models.CharField(max_length=20, choices=STATUSES, default=REQUESTED)
    agreements = models.TextField(_("agreements from the intake"), blank=True)
    decision_note = models.TextField(_("explanation of the decision"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    account = models.ForeignKey(CorporateAccount, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.get_platform_display()}: {self.name}"


class Handle(models.Model):
    """A person's own handle on a network, for the directory; the person chooses who sees it."""

    COLLEAGUES, COMMUNICATIONS = "colleagues", "communications"
    VISIBILITIES = [(COLLEAGUES, _("Colleagues")), (COMMUNICATIONS, _("Only communications"))]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="handles")
    platform = models.CharField(_("network"), max_length=20, choices=NETWORKS)
    handle = models.CharField(_("handle"), max_length=100)
    # Colleagues by default: the page where a handle is added is the directory, whose purpose is to be found.
    visibility = models.CharField(_("who sees it"), max_length=20, choices=VISIBILITIES, default=COLLEAGUES)

    objects = OrganisationManager("user__organisation")

    class Meta:
        ordering = ["platform"]
        constraints = [models.UniqueConstraint(fields=["user", "platform"], name="one_handle_per_network")]

    def __str__(self):
        return f"{self.platform}: {self.handle}"

    @property
    def profile_url(self):
        pattern = PROFILE_URLS.get(self.platform)
        if self.platform == "mastodon" and re.match(r"^@?[\w.]+@[\w.-]+$", self.handle):
            name, server = self.handle.lstrip("@").split("@")
            return f"https://{server}/@{name}"
        return pattern.format(self.handle.lstrip("@")) if pattern else ""


def handle_for(organisation, first_name, last_name):
    """The handle the organisation's naming convention gives a name (e.g. jannie_goedvooroud)."""
    return organisation.handle_for(first_name, last_name)


def conventional_handle(user):
    """The handle the organisation's naming convention gives this person."""
    return handle_for(user.organisation, user.first_name, user.last_name)


# How each placeholder and sign of a naming convention reads, so people never see "{voornaam}_{organisatie}".
PLACEHOLDER_WORDS = {"voornaam": _("your first name"), "achternaam": _("your last name")}
SIGN_WORDS = {"_": _("an underscore (_)"), ".": _("a full stop (.)")}


def convention_in_words(organisation):
    """The organisation's naming convention as a list of parts in plain words: "your first name", "an
    underscore (_)", "lindehof". Only what handle_for keeps of it, so the words and the example never differ."""
    parts = []
    suffix = handle_text(organisation.handle_suffix or organisation.slug)
    for literal, name, _spec, _conversion in string.Formatter().parse(organisation.naming_convention):
        for piece in re.findall(r"[_.]|[^_.]+", handle_text(literal or "")):
            parts.append(str(SIGN_WORDS.get(piece, f"‘{piece}’")))
        if name == "organisatie":
            parts.append(f"‘{suffix}’")
        elif name:
            parts.append(str(PLACEHOLDER_WORDS[name]))
    return parts


def convention_sentence(organisation):
    """The naming convention in one phrase: "your first name, an underscore (_) and ‘lindehof’"."""
    parts = convention_in_words(organisation)
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def follows_convention(handle, user):
    return handle.lstrip("@").split("@")[0].lower() == conventional_handle(user)


def accounts_short_of_owners():
    """The accounts (of the organisation in scope) with fewer than two owners, each with its owner_count."""
    return (
        CorporateAccount.objects.all()
        .annotate(owner_count=models.Count("owners"))
        .filter(owner_count__lt=MIN_OWNERS)
        .order_by("platform", "handle")
    )
