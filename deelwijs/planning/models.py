import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import SHARE_NETWORK_LABELS, SHARE_NETWORKS, Campaign, ContentItem, Image
from deelwijs.orgs.models import Organisation, Team
from deelwijs.orgs.tenancy import OrganisationManager

REMIND_CHOICES = [
    (1, _("1 hour before")),
    (3, _("3 hours before")),
    (24, _("1 day before")),
    (48, _("2 days before")),
    (168, _("1 week before")),
]


class Event(models.Model):
    """Something that happens (an open day, a symposium) with posts before, during and after it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    account = models.ForeignKey(
        CorporateAccount,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corporate account"),
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("campaign")
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return self.title


# How people say "every two weeks": in words up to four.
NUMBER_WORDS = {2: gettext_lazy("two"), 3: gettext_lazy("three"), 4: gettext_lazy("four")}


def _clock(value):
    """A time as Dutch writes it, "9.30" or "15.00" (English "9:30"); a time not yet parsed as it was typed."""
    if not hasattr(value, "strftime"):
        return str(value)
    text = value.strftime(gettext("%H:%M"))
    return text[1:] if text.startswith("0") and text[1].isdigit() else text


class RecurringActivity(models.Model):
    """A post that comes back: every Friday a photo of the week, the first Monday of the month a vacancy."""

    WEEKLY, MONTHLY_WEEKDAY, MONTHLY_DAY = "weekly", "monthly_weekday", "monthly_day"
    FREQUENCIES = [
        (WEEKLY, _("Every week (or every few weeks) on a weekday")),
        (MONTHLY_WEEKDAY, _("Every month on a weekday (e.g. the first Monday)")),
        (MONTHLY_DAY, _("Every month on a date (e.g. the 15th)")),
    ]
    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]
    ORDINALS = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")), (-1, _("last"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="recurring_activities")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("starting text"), blank=True, help_text=_("Each post starts with this text."))
    frequency = models.CharField(_("how often"), max_length=20, choices=FREQUENCIES, default=WEEKLY)
    interval = models.PositiveSmallIntegerField(_("every how many weeks"), default=1)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS, default=4)
    ordinal = models.SmallIntegerField(_("which one in the month"), choices=ORDINALS, default=1)
    day_of_month = models.PositiveSmallIntegerField(_("day of the month"), default=1)
    time = models.TimeField(_("time"), default="10:00")
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    account = models.ForeignKey(
        CorporateAccount,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corporate account"),
    )
    for_ambassadors = models.BooleanField(_("for the ambassadors' feed"), default=False)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def rhythm(self):
        """When it comes back, as people say it: "elke vrijdag om 15.00", "om de twee weken op dinsdag om
        10.00", "elke eerste maandag van de maand om 9.30", "elke maand op de 15e om 10.00"."""
        values = {
            "weekday": str(dict(self.WEEKDAYS)[self.weekday]),
            "time": _clock(self.time),
            "ordinal": str(dict(self.ORDINALS).get(self.ordinal, "")),
            "day": self.day_of_month,
            "n": self.interval,
        }
        if self.frequency == self.WEEKLY and self.interval > 1:
            values["n"] = NUMBER_WORDS.get(self.interval, self.interval)
            text = gettext("every %(n)s weeks on %(weekday)s at %(time)s") % values
        elif self.frequency == self.WEEKLY:
            text = gettext("every %(weekday)s at %(time)s") % values
        elif self.frequency == self.MONTHLY_WEEKDAY:
            text = gettext("every %(ordinal)s %(weekday)s of the month at %(time)s") % values
        elif self.day_of_month > 28:
            text = gettext("every month on day %(day)s at %(time)s (in a shorter month on its last day)") % values
        else:
            text = gettext("every month on day %(day)s at %(time)s") % values
        if self.ends_on:
            text += ", " + gettext("until %(date)s") % {"date": date_format(self.ends_on, "j F Y")}
        return text


class Pilot(models.Model):
    """A proeftuin: one theme or event, tried out in a time box and evaluated."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pilots")
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="pilots", verbose_name=_("event")
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("campaign"),
        help_text=_("Shares and clicks of this campaign's items count for the pilot."),
    )
    goals = models.TextField(_("goals"))
    audiences = models.TextField(_("audiences"), blank=True)
    channels = models.TextField(_("channels"), blank=True)
    lead_communications = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("lead from communications"),
    )
    lead_ambassador = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("lead content ambassador"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    conclusion = models.TextField(_("conclusion"), blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self):
        return self.title


class PilotLesson(models.Model):
    WENT_WELL, TO_IMPROVE, NEXT_TIME = "went_well", "to_improve", "next_time"
    KINDS = [(WENT_WELL, _("Went well")), (TO_IMPROVE, _("Could be better")), (NEXT_TIME, _("Next time"))]
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="lessons")
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS, default=WENT_WELL)
    text = models.TextField(_("lesson"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("pilot__organisation")

    class Meta:
        ordering = ["created"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"


class PlannedPost(models.Model):
    """A post planned on a corporate account (or for the ambassadors' feed) at a date and time."""

    IDEA, DRAFT, READY, PUBLISHED, CANCELLED = "idea", "draft", "ready", "published", "cancelled"
    STATUSES = [
        (IDEA, _("Idea")),
        (DRAFT, _("Draft")),
        (READY, _("Ready")),
        (PUBLISHED, _("Published")),
        (CANCELLED, _("Cancelled")),
    ]
    OPEN = (IDEA, DRAFT, READY)
    BEFORE, DURING, AFTER, NEXT = "before", "during", "after", "next"
    PHASES = [(BEFORE, _("Before")), (DURING, _("During")), (AFTER, _("After")), (NEXT, _("Next edition"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="planned_posts")
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("A working title for the calendar."))
    text = models.TextField(_("text"), blank=True)
    image = models.ForeignKey(Image, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    account = models.ForeignKey(
        CorporateAccount,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_posts",
        verbose_name=_("corporate account"),
    )
    for_ambassadors = models.BooleanField(_("for the ambassadors' feed"), default=False)
    # The networks the feed item offers a text for, as "linkedin,x"; empty is every network.
    feed_networks = models.CharField(max_length=200, blank=True)
    scheduled_at = models.DateTimeField(_("date and time"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_posts",
        verbose_name=_("responsible"),
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=DRAFT)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("campaign")
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="planned_posts", verbose_name=_("team")
    )
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts", verbose_name=_("event")
    )
    phase = models.CharField(_("moment"), max_length=10, choices=PHASES, blank=True)
    pilot = models.ForeignKey(
        Pilot, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts", verbose_name=_("pilot")
    )
    recurring = models.ForeignKey(
        RecurringActivity, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts"
    )
    # The date the recurrence rule gave; kept when the post is moved, so it is not generated again.
    occurrence = models.DateField(null=True, blank=True)
    hook_day = models.CharField(max_length=100, blank=True)
    # For the ambassadors' feed: the content item that appears at scheduled_at.
    item = models.ForeignKey(ContentItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    remind_hours = models.PositiveSmallIntegerField(_("reminder"), choices=REMIND_CHOICES, default=24)
    remind_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # A block finding communications chose to keep, with the reason, and the fingerprint of the text and platform
    # it was given for (content.domain.override_key): asked again only when the text or the platform changes.
    override_reason = models.CharField(max_length=500, blank=True)
    override_key = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["scheduled_at"]
        indexes = [models.Index(fields=["organisation", "scheduled_at"]), models.Index(fields=["remind_at"])]
        constraints = [models.UniqueConstraint(fields=["recurring", "occurrence"], name="one_post_per_occurrence")]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        remind_at = self.scheduled_at - timedelta(hours=self.remind_hours)
        if remind_at != self.remind_at:
            self.remind_at = remind_at
            if remind_at > timezone.now():
                self.reminded_at = None
        super().save(*args, **kwargs)

    @property
    def label(self):
        return self.title or (self.text[:60] + ("…" if len(self.text) > 60 else "")) or str(_("(no text yet)"))

    @property
    def is_open(self):
        return self.status in self.OPEN

    @property
    def publishes_itself(self):
        """A ready post for the ambassadors' feed alone goes live on its own, as its feed item, at its time:
        nobody has to post it anywhere, so it is never overdue (domain.publish_feed_posts marks it published)."""
        return self.status == self.READY and self.for_ambassadors and self.account_id is None

    @property
    def overdue(self):
        return self.is_open and self.scheduled_at < timezone.now() and not self.publishes_itself

    @property
    def feed_network_list(self):
        """The networks of the feed item's texts: the ones chosen, else every network."""
        chosen = [n for n in self.feed_networks.split(",") if n in SHARE_NETWORK_LABELS]
        return chosen or [code for code, _label in SHARE_NETWORKS]


class OwnHookDay(models.Model):
    """A day of the organisation's own: an anniversary, the yearly open day."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="hook_days")
    name = models.CharField(_("name"), max_length=200)
    day = models.DateField(_("date"))
    yearly = models.BooleanField(_("every year on this date"), default=True)
    description = models.CharField(_("idea for a post"), max_length=300, blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["day"]

    def __str__(self):
        return self.name


class TeamPlan(models.Model):
    """A team's plan: the strategy questions from the training, kept up to date by the team."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="plan")
    goal = models.TextField(_("goal"), blank=True, help_text=_("What do we want to achieve?"))
    audience = models.TextField(_("audience"), blank=True, help_text=_("Who do we want to reach?"))
    message = models.TextField(_("core message"), blank=True, help_text=_("What should stay with people?"))
    platform = models.TextField(_("platform and why"), blank=True)
    form = models.TextField(_("form"), blank=True, help_text=_("Photo, short story, video, blog…"))
    who = models.TextField(_("who does what"), blank=True)
    planning = models.TextField(_("planning"), blank=True, help_text=_("Weekly, monthly, yearly."))
    recurring = models.TextField(_("recurring activities"), blank=True)
    hook_days = models.TextField(_("hook days"), blank=True)
    updated = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    QUESTIONS = ["goal", "audience", "message", "platform", "form", "who", "planning", "recurring", "hook_days"]

    objects = OrganisationManager("team__organisation")

    def __str__(self):
        return f"plan of team {self.team_id}"


class Meeting(models.Model):
    """A meeting of the ambassador team; the next one is planned `interval_weeks` later."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    interval_weeks = models.PositiveSmallIntegerField(
        _("repeat every how many weeks"), default=6, help_text=_("0 for a single meeting.")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    previous = models.OneToOneField("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next")

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return self.title


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """An iCal subscription for one person or one team. Only the token's hash is stored."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feeds"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feeds")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    def __str__(self):
        return f"calendar feed {self.pk}"

    @classmethod
    def issue(cls, owner, person=None, team=None):
        """A new feed (the old one for the same person or team and owner stops working). Returns (feed, token)."""
        cls.objects.filter(owner=owner, person=person, team=team).delete()
        token = secrets.token_urlsafe(32)
        feed = cls.objects.create(
            organisation=owner.organisation, owner=owner, person=person, team=team, token_hash=hash_token(token)
        )
        return feed, token
