"""The community around sharing: questions to colleagues, buddies, the public list of our people online, asking to
join the ambassador team, and confidential help when something goes wrong online."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.accounts.models import Handle
from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import OrganisationManager


class Question(models.Model):
    """A how-to question someone asks their colleagues."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions")
    title = models.CharField(_("your question in one line"), max_length=200)
    text = models.TextField(_("more about it"), blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.title


class Answer(models.Model):
    """An answer to a question, by communications, an experienced ambassador, the asker's buddy or the asker."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("your answer"))
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("question__organisation")

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"answer {self.pk}"


class PromotedAnswer(models.Model):
    """A question with its answer that communications put in the toolkit, in words without names.

    A copy, not a link: the toolkit keeps it when the question's asker is erased or the thread is deleted.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="promoted_answers")
    question = models.CharField(_("question as the toolkit shows it"), max_length=200)
    answer = models.TextField(_("answer as the toolkit shows it"), help_text=_("Markdown. Leave out names."))
    source = models.ForeignKey(Answer, on_delete=models.SET_NULL, null=True, blank=True, related_name="promotions")
    promoted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["question", "pk"]

    def __str__(self):
        return self.question


class BuddyPairing(models.Model):
    """A new ambassador with an experienced one who helps them start; the buddy sees their questions first."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="buddy_pairings")
    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_pairings", verbose_name=_("newcomer")
    )
    buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_of", verbose_name=_("buddy")
    )
    paired_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    started = models.DateTimeField(default=timezone.now)
    ended = models.DateTimeField(null=True, blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-started", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["newcomer"], condition=Q(ended__isnull=True), name="one_buddy_at_a_time")
        ]

    def __str__(self):
        return f"buddy pairing {self.pk}"


class OnlineListing(models.Model):
    """Someone's own choice to appear on the organisation's public page of its people online, with the handles
    they chose. Deleting it (withdrawing) takes them off at once: the public page reads this table every time."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="online_listing")
    handles = models.ManyToManyField(Handle, related_name="+", verbose_name=_("handles to show"))
    job_title = models.CharField(
        _("job title (optional)"),
        max_length=120,
        blank=True,
        help_text=_("Shown under your name. Leave empty to show only your name."),
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("person__organisation")

    class Meta:
        ordering = ["person__first_name", "person__last_name", "pk"]

    def __str__(self):
        return f"listing {self.pk}"


class PeoplePage(models.Model):
    """The organisation's settings of the public page of its people online."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="people_page")
    published = models.BooleanField(_("the page is public"), default=False)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A few sentences above the list, for example how to reach us.")
    )
    embed_origins = models.TextField(
        _("websites that may show the page in a frame"),
        blank=True,
        help_text=_("One address per line, such as https://www.example.nl. Other websites cannot frame it."),
    )

    objects = OrganisationManager("organisation")

    def __str__(self):
        return f"people page {self.pk}"

    @property
    def origins(self):
        return [line.strip() for line in self.embed_origins.splitlines() if line.strip()]


class JoinRequest(models.Model):
    """An employee asks to join the ambassador team; communications accepts or says why not."""

    OPEN, ACCEPTED, DECLINED = "open", "accepted", "declined"
    STATUSES = [(OPEN, _("Waiting for communications")), (ACCEPTED, _("Accepted")), (DECLINED, _("Not now"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="join_requests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    motivation = models.TextField(_("why would you like to join?"))
    status = models.CharField(max_length=10, choices=STATUSES, default=OPEN)
    reason = models.TextField(_("explanation"), blank=True)
    buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(status="open"), name="one_open_join_request")
        ]

    def __str__(self):
        return f"join request {self.pk}"

    @property
    def is_open(self):
        return self.status == self.OPEN


class HelpRequest(models.Model):
    """Someone asks their manager or communications for help with something that went wrong online.

    Confidential: only the person and the people they asked read it; not administrators, not the webcare inbox.
    """

    HARASSED, CLIENT_MESSAGES, POST_ABOUT_ME, OTHER = "harassed", "client_messages", "post_about_me", "other"
    KINDS = [
        (HARASSED, _("I am harassed or threatened online")),
        (CLIENT_MESSAGES, _("A client (or their family) keeps sending me messages")),
        (POST_ABOUT_ME, _("I found a post about me")),
        (OTHER, _("Something else")),
    ]
    OPEN, IN_PROGRESS, CLOSED = "open", "in_progress", "closed"
    STATUSES = [(OPEN, _("Asked")), (IN_PROGRESS, _("Being helped")), (CLOSED, _("Closed"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="help_requests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_requests")
    kind = models.CharField(_("what is it about?"), max_length=20, choices=KINDS, default=HARASSED)
    what_happened = models.TextField(_("what happened?"))
    link = models.URLField(_("link (if there is one)"), max_length=1000, blank=True)
    asked = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="help_asked", verbose_name=_("asked"))
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=OPEN)
    outcome = models.TextField(_("outcome"), blank=True)
    # The day it was closed: the retention period counts from it.
    closed_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"help request {self.pk}"

    @property
    def is_closed(self):
        return self.status == self.CLOSED


class HelpMessage(models.Model):
    """A message in a help request, between the person and the people they asked."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("message"))
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("request__organisation")

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"help message {self.pk}"
