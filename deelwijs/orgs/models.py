import re

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.common.encryption import EncryptedTextField
from deelwijs.guard import Policy
from deelwijs.guard.policy import DEFAULT_WORD_LIST

from . import retention
from .roles import CLIENT, ROLE_LABELS, ROLES, audience_of
from .tenancy import OrganisationManager

# Bounds of an organisation's idle timeout, in minutes.
SESSION_IDLE_DEFAULT = 30
SESSION_IDLE_MIN = 5
SESSION_IDLE_MAX = 480


def default_word_list():
    return [dict(entry) for entry in DEFAULT_WORD_LIST]


def retention_period(field, label, explanation):
    low, high = retention.bounds(field)
    return models.PositiveSmallIntegerField(
        label,
        default=retention.default(field),
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        help_text=explanation,
    )


def handle_text(raw):
    """What a handle keeps of a piece of the naming convention: letters, digits, _ and ., in lower case."""
    return re.sub(r"[^\w.]", "", raw.replace(" ", "")).lower()


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    naming_convention = models.CharField(
        _("naming convention for handles"),
        max_length=100,
        default="{voornaam}_{organisatie}",
        help_text=_("Use {voornaam}, {achternaam} and {organisatie}, for example {voornaam}_{organisatie}."),
    )
    handle_suffix = models.CharField(_("organisation part of handles"), max_length=50, blank=True)
    require_two_factor = models.BooleanField(
        _("require two-step sign-in for administrators, communications, webcare and managers"), default=True
    )
    policy_text = models.TextField(_("social media policy"), blank=True, help_text=_("Markdown."))
    code_of_conduct_url = models.URLField(_("code of conduct link"), blank=True)
    blog_disclaimer = models.CharField(_("blog disclaimer"), max_length=300, blank=True)
    public_contacts = models.TextField(
        _("public contact details"),
        blank=True,
        help_text=_("One per line: general phone numbers, e-mail addresses, website and public addresses."),
    )
    word_list = models.JSONField(_("tone-of-voice word list"), default=default_word_list)
    training_required = models.BooleanField(_("require the basic training before someone's first share"), default=False)
    news_feed_url = models.URLField(
        _("news feed (RSS or Atom)"), blank=True, help_text=_("New articles come in as draft items for communications.")
    )
    oidc_issuer = models.URLField(
        _("OpenID Connect issuer"),
        blank=True,
        help_text=_("For Microsoft Entra ID: https://login.microsoftonline.com/<tenant-id>/v2.0"),
    )
    oidc_client_id = models.CharField(_("client ID"), max_length=200, blank=True)
    # Encrypted with DEELWIJS_ENCRYPTION_KEYS; the attribute holds the plain secret.
    oidc_client_secret = EncryptedTextField(_("client secret"), max_length=500, blank=True)

    monitor_terms = models.TextField(
        _("terms webcare watches for"),
        blank=True,
        help_text=_(
            "One per line, besides the organisation's name and locations: "
            "former names, abbreviations, well-known projects."
        ),
    )

    # Ward PCs are shared: a session nobody uses ends after this many minutes (deelwijs.orgs.sessions).
    session_idle_minutes = models.PositiveSmallIntegerField(
        _("sign out after inactivity (minutes)"),
        default=SESSION_IDLE_DEFAULT,
        validators=[MinValueValidator(SESSION_IDLE_MIN), MaxValueValidator(SESSION_IDLE_MAX)],
        help_text=_(
            "Someone who does nothing for this many minutes is signed out, so a shared computer is not left "
            "signed in. Between 5 and 480 minutes."
        ),
    )

    # Photo consent (deelwijs.consent): a photo with people and no valid consent for the channel warns, or blocks.
    photo_consent_blocks = models.BooleanField(
        _("block sharing and planning a photo without valid consent"),
        default=False,
        help_text=_(
            "Without this, Deelwijs warns when a photo with recognisable people has no valid consent for the "
            "channel. With this, such a photo cannot be shared or set to ready in the plan."
        ),
    )

    # Retention: what is kept, why and how long (orgs.retention; applied every night by jobs.retention).
    keep_mentions_months = retention_period(
        "keep_mentions_months",
        _("Mentions and reports (months)"),
        _(
            "What others wrote about us online and what colleagues reported: the text, the writer, the link and "
            "the screenshot. Kept to answer questions and to look back at what went on. This many months after "
            "the last action on an item its content is wiped; what was done with the item stays."
        ),
    )
    keep_inbox_months = retention_period(
        "keep_inbox_months",
        _("Handled inbox items (months)"),
        _(
            "A handled item with its notes and history, so webcare can look up what was answered before. This "
            "many months after the last action it is deleted altogether. Open items stay."
        ),
    )
    keep_register_months = retention_period(
        "keep_register_months",
        _("Conversations in the register (months after the outcome)"),
        _(
            "A recorded conversation with an employee about a post belongs with their personnel file. This many "
            "months after its outcome was written down it is deleted, with the list of who read it. A "
            "conversation without an outcome stays."
        ),
    )
    keep_clicks_months = retention_period(
        "keep_clicks_months",
        _("Single clicks (months after counting)"),
        _(
            "Every click on a shared link, with a code that cannot be traced back after a day. The figures per "
            "day, month and quarter stay; only the single clicks already counted in them are deleted after this "
            "many months. Older shares then show no clicks under My figures."
        ),
    )
    keep_photos_days = retention_period(
        "keep_photos_days",
        _("Photos of stories not used, and screenshots of handled items (days)"),
        _(
            "A photo sent with a story that communications does not use, or a screenshot with an item that is "
            "handled, is no longer needed. It is deleted this many days after the decision or the last action."
        ),
    )
    keep_consent_years = retention_period(
        "keep_consent_years",
        _("Photo consent that was withdrawn or ended (years)"),
        _(
            "A consent record, with its signed form, proves that a photo was used with permission. After the "
            "consent was withdrawn or ended it is kept this many years, so the organisation can still show that "
            "earlier use was allowed; then it is deleted with its form. Valid consent stays."
        ),
    )
    keep_help_months = retention_period(
        "keep_help_months",
        _("Closed help requests (months after closing)"),
        _(
            "When someone asked their manager or communications for help with something online: what happened, "
            "the messages and the outcome. Kept for a while after it is closed, in case it starts again. This "
            "many months after closing it is deleted with its messages. Open requests stay."
        ),
    )
    keep_originals_days = retention_period(
        "keep_originals_days",
        _("Photos as they were before they were blurred (days)"),
        _(
            "When a face, a name or a code in a photo is blurred, the blurred photo is used from then on. The photo "
            "as it was is kept this many days, so a blur can be undone; then it is deleted and only the blurred "
            "photo stays."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def handle_for(self, first_name, last_name):
        """The handle the naming convention gives a name (e.g. jannie_goedvooroud)."""
        raw = self.naming_convention.format(
            voornaam=first_name, achternaam=last_name, organisatie=self.handle_suffix or self.slug
        )
        return handle_text(raw)

    @property
    def has_sso(self):
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret)

    def tone_words(self):
        """The word list the post check uses: the organisation's own, or the default one while it has none."""
        return self.word_list or default_word_list()

    def guard_policy(self):
        """The post check's Policy for this organisation."""
        staff = [p.full_name for p in self.people.filter(is_active=True).exclude(role_assignments__role=CLIENT)]
        return Policy(
            organisation_names=[self.name],
            locations=list(self.locations.values_list("name", flat=True))
            + list(self.teams.values_list("name", flat=True)),
            public_contacts=[line.strip() for line in self.public_contacts.splitlines() if line.strip()],
            staff_names=staff,
            word_list=self.tone_words(),
            blog_disclaimer=self.blog_disclaimer,
        )


class Location(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_location_name")]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, related_name="teams", verbose_name=_("location")
    )
    managers = models.ManyToManyField("User", blank=True, related_name="managed_teams", verbose_name=_("managers"))

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("users need an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person in one organisation. Superusers (installation operators) may have none."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="people"
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="members", verbose_name=_("teams"))
    wants_digest = models.BooleanField(_("weekly e-mail with new items to share"), default=True)
    on_leaderboard = models.BooleanField(
        _("show my name on the leaderboard"),
        default=False,
        help_text=_("Others see how often you shared and how many clicks it gave."),
    )
    is_active = models.BooleanField(default=True)
    # When an administrator (or provisioning) closed the account; is_active is what refuses sign-in.
    closed_at = models.DateTimeField(_("account closed on"), null=True, blank=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    # Sign-in reads people before any scope exists (the default manager above); every other read of
    # people goes through this scoped one, so a list of people never spans organisations.
    members = OrganisationManager("organisation")
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name"]

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def public_name(self):
        """The name colleagues see: someone whose account is closed is no longer named in lists and figures."""
        return self.full_name if self.is_active else _("Former colleague")

    @property
    def is_closed(self):
        return not self.is_active

    @property
    def roles(self):
        if not hasattr(self, "_roles"):
            if self.organisation_id is None:
                self._roles = set()  # operators hold no role in any organisation
            else:
                # Read at sign-in too, before any scope exists: always the person's own organisation.
                assignments = self.role_assignments.with_scope(self.organisation_id)
                self._roles = {r.role for r in assignments.all()}
        return self._roles

    def has_role(self, *roles):
        return bool(self.roles & set(roles))

    @property
    def audience(self):
        """How texts address this person: "staff", "volunteer" or "client" (roles.audience_of)."""
        return audience_of(self.roles)

    def role_labels(self):
        return [ROLE_LABELS[r] for r, _ in ROLES if r in self.roles]


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=20, choices=ROLES)

    objects = OrganisationManager("user__organisation")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role")]

    def __str__(self):
        return self.role


class AuditEntry(models.Model):
    """Who changed something sensitive (roles, account access, settings), what and when.

    ``details`` holds the facts (names as they were, codes, numbers, ISO dates) that orgs.audit turns into a
    sentence in the reader's language; ``summary`` is that sentence in Dutch as written, and all that entries
    from before ``details`` have.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("who"))
    action = models.CharField(_("action"), max_length=50)
    summary = models.CharField(_("what happened"), max_length=500)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.action} {self.created:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """An administrator invites someone by e-mail; the link lets them choose a password.

    Only a hash of the token is stored, so a database copy holds no usable links.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    roles = models.JSONField(default=list)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    accepted = models.DateTimeField(null=True, blank=True)

    VALID_DAYS = 14

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"invitation {self.pk}"

    @property
    def expired(self):
        return timezone.now() - self.created > timezone.timedelta(days=self.VALID_DAYS)


class Notification(models.Model):
    """A message in the app for one person (also e-mailed when it matters)."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=500)
    link = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now)
    read = models.BooleanField(default=False)

    objects = OrganisationManager("person__organisation")

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"notification {self.pk}"


class RetentionRun(models.Model):
    """What one night's retention job removed in an organisation, per kind (orgs.retention.REMOVED)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="retention_runs")
    ran_at = models.DateTimeField(default=timezone.now)
    removed = models.JSONField(default=dict)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self):
        return f"retention {self.ran_at:%Y-%m-%d %H:%M}"

    @property
    def summary(self):
        return retention.summary(self.removed)
