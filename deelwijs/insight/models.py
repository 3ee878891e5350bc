"""Daily and monthly roll-ups of shares and clicks, kept by the worker, and the quarterly reports.

The dashboard reads only these tables: a quarter of a large organisation is a
few thousand rows here instead of a million shares and clicks.
"""

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.content.models import Campaign, ContentItem, Image
from deelwijs.orgs.models import Location, Organisation, Team
from deelwijs.orgs.tenancy import OrganisationManager


class RollUp(models.Model):
    """Shares made and clicks received in a period, for one combination of what the table is kept by."""

    # No index of its own: each table's indexes start with what it is read by.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", db_index=False)
    shares = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)

    objects = OrganisationManager("organisation")

    class Meta:
        abstract = True


class DailyStat(RollUp):
    """Shares made and clicks received on one day (Europe/Amsterdam), per network and campaign."""

    day = models.DateField()
    network = models.CharField(max_length=20)
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(RollUp.Meta):
        # Covering: the dashboard's sums over a quarter read the index only.
        indexes = [
            models.Index(
                fields=["organisation", "day", "network", "campaign", "shares", "clicks"], name="dailystat_covering"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.network}: {self.shares} shares, {self.clicks} clicks"


class DailyTeamStat(RollUp):
    """The same per team and location too: read only for one team, a manager's teams or one location."""

    day = models.DateField()
    network = models.CharField(max_length=20)
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(RollUp.Meta):
        # Covering, like the day table's: a team's or location's quarter is read from the index alone.
        indexes = [
            models.Index(fields=["team", "day", "network", "campaign", "shares", "clicks"], name="dailyteamstat_team"),
            models.Index(
                fields=["location", "day", "network", "campaign", "shares", "clicks"], name="dailyteamstat_location"
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.network} team {self.team_id}: {self.shares} shares, {self.clicks} clicks"


class MonthlyTeamStat(RollUp):
    """Per team (and its location) and month: the per-team and per-location figures of a month or quarter."""

    month = models.DateField()
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(RollUp.Meta):
        indexes = [models.Index(fields=["organisation", "month"])]

    def __str__(self):
        return f"{self.month:%Y-%m} team {self.team_id}: {self.shares} shares, {self.clicks} clicks"


class MonthlyItemStat(RollUp):
    """Per item and month (first day of the month): shares made and clicks received."""

    month = models.DateField()
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(RollUp.Meta):
        indexes = [models.Index(fields=["organisation", "month"])]

    def __str__(self):
        return f"{self.month:%Y-%m} item {self.item_id}: {self.shares} shares, {self.clicks} clicks"


class MonthlyItemTeamStat(RollUp):
    """Per item, team and month: the most clicked items of one team, a manager's teams or one location."""

    month = models.DateField()
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(RollUp.Meta):
        indexes = [models.Index(fields=["team", "month"]), models.Index(fields=["location", "month"])]

    def __str__(self):
        return f"{self.month:%Y-%m} item {self.item_id} team {self.team_id}: {self.shares} shares"


class PeriodSharer(RollUp):
    """Per person and month ("2026-11") or quarter ("2026-Q4"): their shares and the clicks on their links.

    One row per person and period, so active ambassadors are a count and the leaderboard a sort. Team and
    location are those of the latest share counted in the row (made in the period, or clicked in it).
    """

    period = models.CharField(max_length=7)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.SET_NULL, null=True, related_name="+")
    # When that latest share was made: a later roll-up compares it with the shares it adds.
    latest_share = models.DateTimeField(null=True)

    class Meta(RollUp.Meta):
        indexes = [
            models.Index(fields=["organisation", "period", "shares"]),
            models.Index(fields=["person", "period"]),
            models.Index(fields=["team", "period"]),
            models.Index(fields=["location", "period"]),
        ]

    def __str__(self):
        return f"{self.period} person {self.person_id}: {self.shares} shares, {self.clicks} clicks"


class RollUpState(models.Model):
    """One row. Every roll-up first writes to it, so roll-ups run one at a time; it says what the last one did."""

    started = models.DateTimeField(null=True)
    seconds = models.FloatField(null=True)
    shares = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    full = models.BooleanField(default=False)
    # Counted clicks from before this day may have been deleted under an organisation's retention: a full
    # roll-up recomputes only the quarters that begin on or after it, so their figures are never lost.
    clicks_kept_from = models.DateField(null=True)

    def __str__(self):
        return f"roll-up at {self.started}: {self.shares} shares, {self.clicks} clicks"


class Report(models.Model):
    """A quarterly social media report, built by the worker as PDF and CSV. Kept in the database, not on disk."""

    PENDING, READY, FAILED = "pending", "ready", "failed"
    STATUSES = [(PENDING, _("Being made")), (READY, _("Ready")), (FAILED, _("Failed"))]
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    period = models.CharField(_("period"), max_length=10)
    conclusion = models.TextField(
        _("conclusion"), blank=True, help_text=_("Your written conclusion for the board; it is printed in the report.")
    )
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    pdf = models.BinaryField(null=True, editable=False)
    csv = models.TextField(blank=True, editable=False)
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.period} ({self.status})"


class ReportSettings(models.Model):
    """One organisation's targets for a quarter and the look of its report: the logo and the house colour.

    The targets hold for every quarter until communications changes them; a report made earlier keeps the
    targets it was made with (it is a PDF). The logo is a content Image: cleaned of metadata, resized, private.
    """

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="report_settings")
    target_shares = models.PositiveIntegerField(_("shares per quarter"), null=True, blank=True)
    target_clicks = models.PositiveIntegerField(_("clicks per quarter"), null=True, blank=True)
    target_active = models.PositiveIntegerField(_("active ambassadors per quarter"), null=True, blank=True)
    colour = models.CharField(
        _("house colour"),
        max_length=7,
        blank=True,
        help_text=_("A hex colour such as #1f5e48, for the headings and bars of the report. Empty: Deelwijs blue."),
    )
    logo = models.ForeignKey(Image, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    def __str__(self):
        return f"report settings of {self.organisation_id}"

    @classmethod
    def of(cls, organisation):
        """The organisation's settings, or unsaved empty ones."""
        return cls.objects.select_related("logo").filter(organisation=organisation).first() or cls(
            organisation=organisation
        )

    @property
    def targets(self):
        return {"shares": self.target_shares, "clicks": self.target_clicks, "active": self.target_active}

    @property
    def described_targets(self):
        """The targets that are set, in words."""
        words = {
            "shares": _("%(n)s times shared"),
            "clicks": _("%(n)s clicks"),
            "active": _("%(n)s active ambassadors"),
        }
        return [
            words[key] % {"n": formats.number_format(value, force_grouping=True)}
            for key, value in self.targets.items()
            if value is not None
        ]
